// `npm start`: builds the web client when it is missing or older than its sources, and the
// server, then runs the server in this same process (migrations and demo data happen as it starts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'web/dist/index.html');
const clientSources = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'shared/src',
];

function newestChange(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(target)
    .reduce(
      (newest, entry) => Math.max(newest, newestChange(path.join(target, entry))),
      stat.mtimeMs,
    );
}

const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
const sourcesChangedAt = Math.max(
  ...clientSources.map((source) => newestChange(path.join(root, source))),
);
if (sourcesChangedAt > builtAt) {
  console.log(builtAt ? 'The web client is out of date: building it.' : 'Building the web client.');
  const build = spawnSync('npm', ['run', 'build', '--workspace', 'web'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The server runs as the JavaScript bundle production runs, rebuilt every time: it takes a
// fraction of a second, so it is never older than its sources. In a process of its own, so the
// bundler's service does not stay alive beside the server.
const serverBuild = spawnSync(process.execPath, [path.join(root, 'server/build.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (serverBuild.status !== 0) process.exit(serverBuild.status ?? 1);
await import(path.join(root, 'server/dist/main.js'));
