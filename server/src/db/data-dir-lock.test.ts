import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { DataDirLockedError, acquireDataDirLock } from './data-dir-lock';

const folders: string[] = [];
function tempDir(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-lock-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('the embedded data folder lock', () => {
  it('refuses a second process while the first holds the folder', async () => {
    const dataDir = tempDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(path.join(dataDir, 'in-use.lock'), String(holder.pid));
      expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dataDir)).toThrow(/in use by process \d+/);
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a process that has gone, and releases it', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'in-use.lock'), '999999999');
    const release = acquireDataDirLock(dataDir);
    expect(fs.readFileSync(path.join(dataDir, 'in-use.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dataDir, 'in-use.lock'))).toBe(false);
  });
});
