import { fileURLToPath } from 'node:url';

import { resolveConfig } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';

// `npm start` runs `vite build` with the server's environment. A real build is too slow for the
// suite; resolving the build configuration shows what the build would do.
const webRoot = fileURLToPath(new URL('../../web/', import.meta.url));
const nodeEnvBefore = process.env.NODE_ENV;

afterEach(() => {
  process.env.NODE_ENV = nodeEnvBefore;
});

describe('the web client build', () => {
  it.each(['development', 'test', 'production'])(
    'is a production build when NODE_ENV=%s',
    async (nodeEnv) => {
      process.env.NODE_ENV = nodeEnv;
      const config = await resolveConfig({ root: webRoot, logLevel: 'silent' }, 'build');
      expect(config.isProduction).toBe(true);
      const plugins = config.plugins.map((plugin) => plugin.name);
      expect(plugins).toContain('refuse-development-react');
      // Brotli and gzip copies of each file, which the server sends as they are (preCompressed).
      expect(plugins).toContain('vite-plugin-compression');
    },
  );
});
