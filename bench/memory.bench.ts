/**
 * Peak memory of validating a 100,000-row 附件2 (issue #14: ≤ 200 MiB RSS), and what each row costs.
 *
 *   npx tsx bench/memory.bench.ts [rows=100000]
 *
 * The measuring runs in a child process (bench/memory/validate-child.ts) with `--expose-gc`, so nothing
 * of this process's heap counts. The child loads TypeScript through tsx's in-thread CommonJS hook
 * (`--require tsx/cjs`): the ESM loader (`--import tsx`) runs its hooks in a second V8 isolate that alone
 * adds ≈ 40 MiB of RSS no deployment of the core carries (the pane's worker and the server's bundle do not
 * have it). The child prints the runtime's own RSS first, so the figure can be read either way.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const rows = process.argv[2] ?? '100000';
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
// Through --eval: Node 20 hands a package-"type":"module" entry file to the ESM loader whatever its extension.
const entry = join(here, 'memory/validate-child.ts');
const child = spawnSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', '--eval', `require(${JSON.stringify(entry)})`], {
  stdio: 'inherit',
  cwd: join(here, '..'),
  env: { ...process.env, YANYIN_BENCH_ROWS: rows },
});
if (child.status !== 0) process.exit(child.status ?? 1);
