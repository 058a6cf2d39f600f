/**
 * Builds what the round trip serves: the real task pane and the Excel stand-in bundle (shared with the pane
 * tests, built once per run) and the public look-up page (vite.lookup.config.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildOnce, repo, type Built } from '../pane/harness';

const run = promisify(execFile);

export interface RoundTripBuild extends Built {
  lookupDir: string;
}

export async function buildRoundTrip(): Promise<RoundTripBuild> {
  const dir = mkdtempSync(join(tmpdir(), 'yanyin-round-trip-'));
  const vite = join(repo, 'node_modules/.bin/vite');
  const lookupDir = join(dir, 'lookup');
  const [built] = await Promise.all([
    buildOnce(),
    run(vite, ['build', '-c', 'vite.lookup.config.ts', '--outDir', lookupDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: repo,
      maxBuffer: 1 << 24,
    }),
  ]);
  return { ...built, lookupDir };
}
