/**
 * One clerk's edit on a large 附件2 whose rows all carry workbook-level issues (issue #12: the web-workbook
 * bench's sheet repeats IDs every 8,400 rows, so 20,000 rows give 20,000 `id-duplicate` errors). Prints the
 * per-edit time of `session.updateRows` (target ≤ 50 ms), which must not grow with the sheet's issue count.
 * Standalone: `npx tsx bench/session-edit.bench.ts [rows]`.
 */
import { loadavg } from 'node:os';
import type { Cell } from '../core/grid/cell';
import { createValidationSession } from '../core/session';
import { att2Row, ATT2_META, filledSheet } from '../core/templates/testing';

const TODAY = '2022-05-01';
const TARGET_MS = 50;
const rows = Number(process.argv[2] ?? 20_000);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (figures scale with contention)`);
const data = Array.from({ length: rows }, (_, i) => att2Row(i, i % 7 === 3 ? { gender: att2Row(i).gender === '男' ? '女' : '男' } : {}));
const grid = filledSheet('att2', { name: '附件2', meta: { ...ATT2_META }, rows: data });
const t0 = performance.now();
const session = createValidationSession({ sheets: [grid] }, { today: TODAY });
const first = session.report();
console.log(`session build + report, ${rows} rows: ${(performance.now() - t0).toFixed(0)} ms; ${first.issues.length} issues (${Object.entries(first.stats.byCode).map(([k, v]) => `${k}×${v}`).join(', ')})`);

// Edits in the middle of the data: flip one gender (a row issue appears/disappears; its ID stays duplicated),
// then change one ID (the row leaves one duplicate group and joins nothing).
const sheet = session.workbook().sheets[0];
const firstData = (sheet?.rows.findIndex((r) => r?.[1]?.value === data[0]?.name) ?? 0) + 1;
const edit = (r: number, column: number, value: string): number => {
  const row = (sheet?.rows[r - 1] ?? []).map((c) => (c ? { ...c } : null)) as (Cell | null)[];
  row[column - 1] = { value };
  const e0 = performance.now();
  session.updateRows('附件2', r, [row]);
  return performance.now() - e0;
};
const WARMUP = 5;
const genderTimes: number[] = [];
const idTimes: number[] = [];
for (let k = 0; k < WARMUP + 15; k++) {
  const r = firstData + 500 + 613 * k;
  const g = edit(r, 3, k % 2 === 0 ? '男' : '女');
  const id = edit(r + 1, 4, `45010220040101${String(1000 + k).slice(-4)}`);
  if (k >= WARMUP) {
    genderTimes.push(g);
    idTimes.push(id);
  }
}
const after = session.report();
console.log(`after edits: ${after.issues.length} issues`);
for (const [label, times] of [
  ['gender cell', genderTimes],
  ['ID cell', idTimes],
] as const) {
  const m = median(times);
  console.log(
    `  updateRows, one ${label.padEnd(11)} (${rows} rows, ${first.stats.byCode['id-duplicate'] ?? 0} id-duplicate): median ${m.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms over ${times.length} edits (target ≤ ${TARGET_MS} ms)  ${m <= TARGET_MS ? 'PASS' : 'MISS'}`,
  );
}
