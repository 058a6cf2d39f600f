/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process (so one bench's heap does not colour
 * another's memory figures) and prints their figures in order. A bench that fails makes the run fail.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, file)], {
    stdio: 'inherit',
    env: process.env,
  });
  if (run.status !== 0) {
    failed++;
    console.log(`!!! ${file} exited with ${run.status ?? run.signal}`);
  }
}
console.log(`\n${benches.length - failed} benches ran, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
