/**
 * Clerk actions that MOVE cells rather than type into them: sorting rows and cut/paste or drag. Excel
 * moves everything of a cell with it — value, number format, fill, note, comment (support.microsoft.com,
 * "Move or copy cells and cell contents"; a sort moves whole rows of the range, formats included: "Sort
 * data in a range or table"). The add-in's highlight ledger must follow or be rebuilt.
 */
import type { Rect } from './a1';
import { SheetModel, type CellState, type CommentState, type NoteState } from './model';

interface Moved {
  cell?: CellState;
  note?: NoteState;
  comment?: CommentState;
}

function take(sheet: SheetModel, row: number, column: number): Moved {
  const k = SheetModel.key(row, column);
  const out: Moved = {};
  const cell = sheet.cells.get(k);
  const note = sheet.notes.get(k);
  const comment = sheet.comments.get(k);
  if (cell) out.cell = cell;
  if (note) out.note = note;
  if (comment) out.comment = comment;
  sheet.cells.delete(k);
  sheet.notes.delete(k);
  sheet.comments.delete(k);
  return out;
}

function put(sheet: SheetModel, row: number, column: number, m: Moved): void {
  const k = SheetModel.key(row, column);
  if (m.cell) sheet.cells.set(k, m.cell);
  if (m.note) sheet.notes.set(k, m.note);
  if (m.comment) sheet.comments.set(k, m.comment);
}

function sortKey(m: Moved | undefined): [number, string | number] {
  const v = m?.cell?.value ?? null;
  // Excel's ascending order: numbers, then text, then booleans; blanks always last.
  if (v === null || v === '') return [3, ''];
  if (typeof v === 'number') return [0, v];
  if (typeof v === 'boolean') return [2, v ? 1 : 0];
  return [1, v];
}

/** Sorts the rows of `rect` by the values in 1-based `column`; returns the new order (old row numbers). */
export function sortRows(sheet: SheetModel, rect: Rect, column: number, descending = false): number[] {
  const rows: { from: number; cells: Moved[] }[] = [];
  for (let r = rect.r1; r <= rect.r2; r++) {
    const cells: Moved[] = [];
    for (let c = rect.c1; c <= rect.c2; c++) cells.push(take(sheet, r, c));
    rows.push({ from: r, cells });
  }
  const at = column - rect.c1;
  rows.sort((a, b) => {
    const [ta, va] = sortKey(a.cells[at]);
    const [tb, vb] = sortKey(b.cells[at]);
    if (ta !== tb) return ta === 3 ? 1 : tb === 3 ? -1 : descending ? tb - ta : ta - tb;
    const d = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return (descending ? -d : d) || a.from - b.from;
  });
  rows.forEach((row, i) => row.cells.forEach((m, j) => put(sheet, rect.r1 + i, rect.c1 + j, m)));
  return rows.map((r) => r.from);
}

/** Cut/paste or drag: the cells of `from` go to the same-sized area at `to` (its top-left), `from` is left blank. */
export function moveCells(sheet: SheetModel, from: Rect, to: { row: number; column: number }): Rect {
  const moved: { dr: number; dc: number; m: Moved }[] = [];
  for (let r = from.r1; r <= from.r2; r++) for (let c = from.c1; c <= from.c2; c++) moved.push({ dr: r - from.r1, dc: c - from.c1, m: take(sheet, r, c) });
  const dest: Rect = { r1: to.row, c1: to.column, r2: to.row + from.r2 - from.r1, c2: to.column + from.c2 - from.c1 };
  for (let r = dest.r1; r <= dest.r2; r++) for (let c = dest.c1; c <= dest.c2; c++) take(sheet, r, c);
  for (const { dr, dc, m } of moved) put(sheet, to.row + dr, to.column + dc, m);
  return dest;
}
