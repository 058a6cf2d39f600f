/**
 * Validation throughput and the live path's cost. Standalone: `npx tsx bench/validate.bench.ts`.
 * - validate() on a 100,000-row 附件2 (valid IDs, a few planted errors): median of several runs → cells/s
 *   (target ≥ 1,000,000 cells/s on one core) and peak memory.
 * - a single-cell edit through a validation session on a 50,000-row 附件2 (target < 50 ms).
 */
import { createValidationSession } from '../core/session';
import { validate } from '../core/validate';
import type { Cell } from '../core/grid/cell';
import { bigAtt2 } from './validate-data';
import { cpus, loadavg } from 'node:os';

const TODAY = '2022-05-01';

const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;
let peakRss = 0;
let peakHeap = 0;
const sample = (): void => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const sampler = setInterval(sample, 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} CPU(s), load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (figures scale with contention)`);
  const rows = 100_000;
  const wb = bigAtt2(rows);
  sample();
  const warm = validate(wb, { today: TODAY });
  const cells = warm.stats.cells;
  console.log(`validate: ${rows} rows, ${cells} cells, ${warm.issues.length} issues (${Object.entries(warm.stats.byCode).map(([k, v]) => `${k}×${v}`).join(', ')})`);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let k = 0; k < 7; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    validate(wb, { today: TODAY });
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
    sample();
    await new Promise((r) => setTimeout(r, 0));
  }
  const ms = median(times);
  console.log(`validate 100k-row 附件2: median ${ms.toFixed(0)} ms over ${times.length} runs (${times.map((t) => t.toFixed(0)).join(', ')})`);
  const cpuMs = median(cpuTimes);
  console.log(`validate throughput: ${Math.round(cells / (ms / 1000)).toLocaleString('en-US')} cells/s wall-clock (target ≥ 1,000,000)`);
  console.log(`validate throughput: ${Math.round(cells / (cpuMs / 1000)).toLocaleString('en-US')} cells/CPU-second (median CPU ${cpuMs.toFixed(0)} ms per run, incl. GC threads)`);

  const wb50 = bigAtt2(50_000);
  const t0 = performance.now();
  const session = createValidationSession(wb50, { today: TODAY });
  console.log(`session build 50k rows: ${(performance.now() - t0).toFixed(0)} ms`);
  const sheet = session.workbook().sheets[0];
  const editTimes: number[] = [];
  const editCpu: number[] = [];
  const WARMUP = 30;
  for (let k = 0; k < WARMUP + 50; k++) {
    const r = 11 + 600 * k + 17;
    const row = (sheet?.rows[r - 1] ?? []).map((c) => (c ? { ...c } : null)) as (Cell | null)[];
    row[2] = { value: k % 2 === 0 ? '男' : '女' };
    const e0 = performance.now();
    const c0 = process.cpuUsage();
    session.updateRows('计算机', r, [row]);
    if (k >= WARMUP) {
      editTimes.push(performance.now() - e0);
      const c = process.cpuUsage(c0);
      editCpu.push((c.user + c.system) / 1000);
    }
    sample();
  }
  console.log(`session single-cell edit (50k-row 附件2): median ${median(editTimes).toFixed(1)} ms, max ${Math.max(...editTimes).toFixed(1)} ms over ${editTimes.length} edits (target < 50 ms); CPU median ${median(editCpu).toFixed(1)} ms`);
  sample();
  clearInterval(sampler);
  console.log(`peak memory: rss ${mib(peakRss)}, heapUsed ${mib(peakHeap)}`);
}

void main();
