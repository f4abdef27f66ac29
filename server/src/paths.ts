import path from 'node:path';

/**
 * The checkout's root. This file runs from server/src (tsx, the tests) or bundled into
 * server/dist/main.js (`npm start`, the image): both lie two folders below the root, so every
 * file the server reads beside its code (migrations, the web build, package.json) is found from
 * here and nowhere else.
 */
export const repoRoot = path.resolve(import.meta.dirname, '../..');
