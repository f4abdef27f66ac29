import fs from 'node:fs';

import semver from 'semver';
import { describe, expect, it } from 'vitest';

// Every installed package must accept the Node the README names, so `npm install` there prints
// no engine warning, except those Fastify's own plugins pull in: the README lists them as known
// and harmless (they run on Node 20).
const knownFastifyOnly = ['content-disposition', 'cookie'];

const root = new URL('../../', import.meta.url);
const lock = JSON.parse(fs.readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string }; version?: string }>;
};
const manifest = JSON.parse(fs.readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
};
const readme = fs.readFileSync(new URL('README.md', root), 'utf8');

describe('Node engines', () => {
  const supportedNode = semver.minVersion(manifest.engines.node)!.version;

  it('the README names the Node in package.json engines', () => {
    expect(readme).toContain(
      `Node.js ${semver.major(supportedNode)}.${semver.minor(supportedNode)}`,
    );
  });

  it(`every locked package accepts Node ${supportedNode}, or is a known Fastify dependency`, () => {
    const refusing = Object.entries(lock.packages)
      .filter(([where, entry]) => where !== '' && entry.engines?.node)
      .filter(([, entry]) => !semver.satisfies(supportedNode, entry.engines!.node!))
      .map(([where, entry]) => `${where.split('node_modules/').at(-1)}@${entry.version}`);
    const unexpected = refusing.filter(
      (name) => !knownFastifyOnly.includes(name.slice(0, name.lastIndexOf('@'))),
    );
    expect(unexpected).toEqual([]);
    for (const name of knownFastifyOnly) expect(readme).toContain(`\`${name}\``);
  });
});
