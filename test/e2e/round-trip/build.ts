/**
 * Builds what the round trip serves: the task pane (the real addin/ build once addin/main.tsx mounts the
 * remote section; until then test/e2e/round-trip/pane, which mounts it exactly as documented), the Excel
 * stand-in bundle, and the public look-up page (vite.lookup.config.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildOnce, repo, type Built } from '../pane/harness';

const run = promisify(execFile);

export interface RoundTripBuild extends Built {
  lookupDir: string;
  /** True when the real addin/main.tsx mounts RemoteSection (else the test entry is used). */
  realPane: boolean;
}

export async function buildRoundTrip(): Promise<RoundTripBuild> {
  const dir = mkdtempSync(join(tmpdir(), 'yanyin-round-trip-'));
  const vite = join(repo, 'node_modules/.bin/vite');
  const opts = { cwd: repo, maxBuffer: 1 << 24 };
  const lookupDir = join(dir, 'lookup');
  const lookup = run(vite, ['build', '-c', 'vite.lookup.config.ts', '--outDir', lookupDir, '--emptyOutDir', '--logLevel', 'warn'], opts);
  const realPane = readFileSync(join(repo, 'addin/main.tsx'), 'utf8').includes('RemoteSection');
  let built: Built;
  if (realPane) {
    built = await buildOnce();
  } else {
    built = { paneDir: join(dir, 'addin'), standinJs: join(dir, 'standin/excel-standin.js') };
    await Promise.all([
      run(vite, ['build', '-c', 'test/e2e/round-trip/vite.pane.config.ts', '--outDir', built.paneDir, '--emptyOutDir', '--logLevel', 'warn'], opts),
      run(vite, ['build', '--config', 'test/excel-standin/vite.config.ts', '--outDir', join(dir, 'standin'), '--emptyOutDir', '--logLevel', 'warn'], opts),
    ]);
  }
  await lookup;
  return { ...built, lookupDir, realPane };
}
