// `node server/build.mjs`: bundles the server's TypeScript (and the workspaces it imports: shared, seeds) into one
// JavaScript file, server/dist/main.js, which is what runs in production, in `npm start`, and in
// the tests that start the server as a process. Running TypeScript through tsx kept its compiler
// and every module's source in memory: ~60 MB more at rest (docs/decisions/017-compiled-server-and-memory.md).
// Packages from node_modules stay imports, resolved at run time as before.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
export const serverBundle = path.join(root, 'server/dist/main.js');

/** Builds server/dist/main.js (about 0.2 s). Safe to run from several processes at once. */
export async function buildServer() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'server/package.json'), 'utf8'));
  const packages = Object.keys(manifest.dependencies).filter(
    (name) => !name.startsWith('@tracker/'),
  );
  const result = await build({
    entryPoints: [path.join(root, 'server/src/main.ts')],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: packages.flatMap((name) => [name, `${name}/*`]),
    // Function names survive for stack traces; the source map points them back at the source.
    keepNames: true,
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
  });
  // Each file is written beside its final name and renamed over it, so a server starting while
  // another process builds never reads half a file.
  for (const file of result.outputFiles) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.partial`;
    fs.writeFileSync(partial, file.contents);
    fs.renameSync(partial, file.path);
  }
  return serverBundle;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildServer();
  console.log(
    `Built ${path.relative(root, serverBundle)} in ${Math.round(performance.now() - started)} ms.`,
  );
}
