import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

// The API server in development (npm run dev --workspace server).
const apiTarget = 'http://127.0.0.1:3000';

/** React's development bundle says this in the console; the production bundle never does. */
const reactDevelopmentMarker = 'Download the React DevTools';

/** Fails a build that would ship React's development bundle (3x larger, slower, chatty). */
function refuseDevelopmentReact(): Plugin {
  return {
    name: 'refuse-development-react',
    apply: 'build',
    generateBundle(_options, bundle) {
      const development = Object.values(bundle).find(
        (output) => output.type === 'chunk' && output.code.includes(reactDevelopmentMarker),
      );
      if (development) {
        this.error(`${development.fileName} holds React's development build: build for production`);
      }
    },
  };
}

export default defineConfig(({ command }) => {
  // `npm start` builds with the server's environment; NODE_ENV=development there must not
  // make Vite build React's development bundle. Vite reads NODE_ENV after loading this file.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    plugins: [
      react(),
      refuseDevelopmentReact(),
      // Brotli and gzip beside each text file, made once here rather than on every response:
      // the server sends the one the browser accepts (@fastify/static preCompressed).
      compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' }),
    ],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
    },
    css: {
      // govuk-frontend still carries old IE hacks that lightningcss refuses to minify;
      // recover from them instead of failing the build.
      lightningcss: { errorRecovery: true },
      preprocessorOptions: {
        scss: { quietDeps: true },
      },
    },
    server: {
      proxy: {
        '/api': apiTarget,
        '/health': apiTarget,
        '/ping': apiTarget,
        '/info': apiTarget,
      },
    },
  };
});
