import { describe, expect, it } from 'vitest';
import type { Cell, SheetGrid } from '../../core/grid/cell';
import { createEditTracker, type GridReader } from './edit-tracker';

const text = (value: string): Cell => ({ value, type: 'string' });

/** A sheet held as plain rows, counting how much each read costs. */
function fakeSheet(rows: string[]) {
  const reads = { full: 0, rows: 0 };
  const grid = (): SheetGrid => ({ name: 'S', rows: rows.map((v) => [text(v)]) });
  const reader: GridReader = {
    async readWorkbook() {
      reads.full++;
      return { sheets: [grid()] };
    },
    async readRows(_sheet, from, to) {
      reads.rows += to - from + 1;
      return { name: 'S', rows: grid().rows.slice(0, to).map((r, i) => (i < from - 1 ? [] : r)) };
    },
  };
  return { rows, reads, reader };
}
const values = (grid: SheetGrid[]): unknown[] => (grid[0]?.rows ?? []).map((r) => r[0]?.value);

describe('the edit tracker', () => {
  it('reads the workbook once, then only the rows whose values changed', async () => {
    const s = fakeSheet(['a', 'b', 'c', 'd']);
    const t = createEditTracker();
    t.start();
    expect(values(await t.grid(s.reader))).toEqual(['a', 'b', 'c', 'd']);
    s.rows[2] = 'C';
    expect(t.onMutation('sheet.mutation.set-range-values', { cellValue: { 2: { 0: { v: 'C' } } } }, 'S')).toBe(true);
    expect(values(await t.grid(s.reader))).toEqual(['a', 'b', 'C', 'd']);
    expect(s.reads).toEqual({ full: 1, rows: 1 });
  });

  it('ignores highlights, notes and selections', () => {
    const t = createEditTracker();
    t.start();
    expect(t.onMutation('sheet.mutation.set-range-values', { cellValue: { 2: { 0: { s: { bg: { rgb: '#FFC7CE' } } } } } }, 'S')).toBe(false);
    expect(t.onMutation('sheet.mutation.update-note', {}, 'S')).toBe(false);
    expect(t.onMutation('sheet.operation.set-selections', {}, 'S')).toBe(false);
  });

  it('follows deleted and inserted rows without reading the sheet again, and records them in order', async () => {
    const s = fakeSheet(['a', 'b', 'c', 'd']);
    const t = createEditTracker();
    t.start();
    await t.grid(s.reader);
    s.rows.splice(1, 1);
    t.onMutation('sheet.mutation.remove-rows', { range: { startRow: 1, endRow: 1 } }, 'S');
    s.rows.splice(2, 0, 'x');
    t.onMutation('sheet.mutation.insert-row', { range: { startRow: 2, endRow: 2 } }, 'S');
    expect(values(await t.grid(s.reader))).toEqual(['a', 'c', 'x', 'd']);
    expect(s.reads).toEqual({ full: 1, rows: 1 });
    expect(t.rowOps()).toEqual([
      { sheet: 'S', kind: 'delete', row: 2, count: 1 },
      { sheet: 'S', kind: 'insert', row: 3, count: 1 },
    ]);
  });

  it('takes a full read made for validation as its own: the next draft reads only the edited row', async () => {
    const s = fakeSheet(['a', 'b', 'c']);
    const t = createEditTracker();
    t.start();
    await t.sharing(s.reader.readWorkbook)();
    s.rows[0] = 'A';
    t.onMutation('sheet.mutation.set-range-values', { cellValue: { 0: { 0: { v: 'A' } } } }, 'S');
    expect(values(await t.grid(s.reader))).toEqual(['A', 'b', 'c']);
    expect(s.reads).toEqual({ full: 1, rows: 1 });
  });

  it('reads everything again after a change it cannot follow row by row', async () => {
    const s = fakeSheet(['a', 'b']);
    const t = createEditTracker();
    t.start([{ sheet: 'S', kind: 'delete', row: 9, count: 1 }]);
    await t.grid(s.reader);
    t.onMutation('sheet.mutation.move-range', {}, 'S');
    await t.grid(s.reader);
    expect(s.reads.full).toBe(2);
    expect(t.rowOps()).toHaveLength(1); // a restored draft's row edits are kept
  });

  it('records inserted and deleted columns for the save, and reads the sheet again after them', async () => {
    const s = fakeSheet(['a']);
    const t = createEditTracker();
    t.start();
    await t.grid(s.reader);
    expect(t.onMutation('sheet.mutation.insert-col', { range: { startRow: 0, endRow: 999, startColumn: 2, endColumn: 3 } }, 'S')).toBe(true);
    t.onMutation('sheet.mutation.remove-col', { range: { startRow: 0, endRow: 999, startColumn: 0, endColumn: 0 } }, 'S');
    await t.grid(s.reader);
    expect(s.reads.full).toBe(2);
    expect(t.rowOps()).toEqual([
      { sheet: 'S', kind: 'insert-columns', column: 3, count: 2 },
      { sheet: 'S', kind: 'delete-columns', column: 1, count: 1 },
    ]);
  });
});
