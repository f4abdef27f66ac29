import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server in development (npm run dev --workspace server).
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
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
});
