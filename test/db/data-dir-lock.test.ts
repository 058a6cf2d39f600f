/**
 * Issue #8: the embedded database's folder lock dies with its owner. A child process takes the lock; the
 * folder is refused while it lives; after `kill -9` the next process takes it at once — whatever process
 * now has the old pid (the pid lock file could be fooled by a reused pid).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../server/db/data-dir-lock';

const tmp = await mkdtemp(path.join(os.tmpdir(), 'yanyin-lock-'));
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await rm(tmp, { recursive: true, force: true });
});

function holdLock(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'workers/hold-data-dir-lock.ts'), dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited ${code}`)));
  });
}

describe('data folder lock', () => {
  it('refuses the folder while its owner lives and frees it when the owner is killed', async () => {
    const dataDir = path.join(tmp, 'db');
    const child = await holdLock(dataDir);
    const refused = await lockDataDir(dataDir).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toContain(`in use by process ${child.pid}`);

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL'); // no clean-up runs: the socket file stays behind
    await exited;
    const release = await lockDataDir(dataDir);
    // And this process now holds it: a second taker is refused, naming this process.
    await expect(lockDataDir(dataDir)).rejects.toThrow(/this process/);
    await release();
    await (await lockDataDir(dataDir))();
  }, 30_000);

  it('a leftover lock naming a live, unrelated pid does not refuse the folder', async () => {
    const dataDir = path.join(tmp, 'reused');
    // The old lock format: a file with a pid — here our parent's, which is alive (a reused pid).
    await writeFile(`${dataDir}.lock`, `${process.ppid}\n`);
    const release = await lockDataDir(dataDir);
    await release();
  });
});
