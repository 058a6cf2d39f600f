/**
 * Child of bench/memory.bench.ts (run with --expose-gc): builds a large 附件2 grid, validates it, and prints
 * the heap each row costs (grid, and what the engine keeps while the report is built) and the peak RSS.
 */
import { validate } from '../../core/validate';
import { createEngine } from '../../core/validate-engine';
import { bigAtt2 } from '../validate-data';

const TARGET_MIB = 200;
const rows = Number(process.env.YANYIN_BENCH_ROWS ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;
const perRow = (bytes: number): string => `${Math.round(bytes / rows)} B/row`;
const heap = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};

let peakRss = 0;
const sample = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 2);

const h0 = heap();
const runtimeRss = process.memoryUsage().rss;
const wb = bigAtt2(rows);
const h1 = heap();
sample();
const gridRss = process.memoryUsage().rss;

// What the engine holds per row while it builds the report (row facts, key indexes), measured with the
// engine alive, then dropped before the timed validate.
function engineHeap(): number {
  const engine = createEngine(wb, { today: '2022-05-01' });
  const used = heap();
  return engine.sheets.length >= 0 ? used : 0;
}
const h2 = engineHeap();
gc(); // that engine is garbage now: gone before the measured validate builds its own

const t0 = performance.now();
const report = validate(wb, { today: '2022-05-01' });
const ms = performance.now() - t0;
sample();
clearInterval(sampler);

console.log(`runtime (node + tsx/cjs, core loaded): rss ${mib(runtimeRss)}, heap ${mib(h0)}`);
console.log(`grid of ${rows.toLocaleString('en')} rows: heap ${mib(h1 - h0)} (${perRow(h1 - h0)}), rss then ${mib(gridRss)}`);
console.log(`engine state while validating: heap ${mib(h2 - h1)} (${perRow(h2 - h1)})`);
console.log(`validate: ${ms.toFixed(0)} ms, ${report.issues.length} issues`);
console.log(
  `memory: peak rss ${mib(peakRss)} validating ${rows.toLocaleString('en')} rows (target ≤ ${TARGET_MIB} MiB)  ${peakRss <= TARGET_MIB * 1048576 ? 'PASS' : 'MISS'}`,
);
