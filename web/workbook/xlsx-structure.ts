/**
 * The clerk's row and column insertions and deletions replayed on the original workbook before the values
 * are written back (xlsx-save.ts), so formats travel with their cells as they did in the browser. exceljs's
 * `spliceRows` / `spliceColumns` move values, cell styles, row heights and column widths, but leave merged
 * ranges, data validations and conditional formats at their old addresses (all keyed by address): those
 * at or past the change are taken off first and put back shifted, shrunk, or dropped when their cells are
 * gone. Inserted rows (columns) take the formats of the row above (column to the left), as Excel's and
 * Univer's insert do. Formulas inside validation and format rules are left as written.
 */
import type ExcelJS from 'exceljs';
import { areaRef, parseArea, type Area } from './a1-area';

/** One row edit, 1-based: `count` rows inserted at / deleted from `row` of `sheet`. */
export interface RowOp {
  sheet: string;
  kind: 'insert' | 'delete';
  row: number;
  count: number;
}

/** One column edit, 1-based: `count` columns inserted at / deleted from `column` of `sheet`. */
export interface ColumnOp {
  sheet: string;
  kind: 'insert-columns' | 'delete-columns';
  column: number;
  count: number;
}

export type StructureOp = RowOp | ColumnOp;
/** An edit whatever its sheet. */
type Edit = Pick<RowOp, 'kind' | 'row' | 'count'> | Pick<ColumnOp, 'kind' | 'column' | 'count'>;


/** One axis of an edit: `count` lines inserted at / deleted from line `at`. */
interface LineEdit {
  insert: boolean;
  at: number;
  count: number;
}

const editOf = (op: Edit): LineEdit =>
  'row' in op ? { insert: op.kind === 'insert', at: op.row, count: op.count } : { insert: op.kind === 'insert-columns', at: op.column, count: op.count };

/** Where the lines [lo, hi] end up after `e` (null when all of them are gone). */
function shiftSpan(lo: number, hi: number, e: LineEdit): [number, number] | null {
  if (e.insert) return [lo >= e.at ? lo + e.count : lo, hi >= e.at ? hi + e.count : hi];
  const last = e.at + e.count - 1;
  const a = lo > last ? lo - e.count : lo >= e.at ? e.at : lo;
  const b = hi > last ? hi - e.count : hi >= e.at ? e.at - 1 : hi;
  return b < a ? null : [a, b];
}

/** Where an area ends up after `op` (null when its cells are gone). */
export function shiftArea(area: Area, op: Edit): Area | null {
  const e = editOf(op);
  if ('row' in op) {
    const s = shiftSpan(area.top, area.bottom, e);
    return s && { ...area, top: s[0], bottom: s[1] };
  }
  const s = shiftSpan(area.left, area.right, e);
  return s && { ...area, left: s[0], right: s[1] };
}

/** A merge after `op`: gone with its cells, or when it shrank to one cell. */
export function shiftMerge(area: Area, op: Edit): Area | null {
  const a = shiftArea(area, op);
  return a && (a.top !== a.bottom || a.left !== a.right) ? a : null;
}



/** Whether `op` can move or cut `a` (it lies at or past the edited line). */
const reaches = (a: Area, op: Edit): boolean => ('row' in op ? a.bottom >= op.row : a.right >= op.column);

function mergesOf(ws: ExcelJS.Worksheet): Area[] {
  return ((ws.model as { merges?: string[] }).merges ?? []).flatMap((range) => parseArea(range) ?? []);
}

/** Data validations (exceljs keys them by cell or range address) moved with their cells. */
function shiftValidations(ws: ExcelJS.Worksheet, op: Edit): void {
  const dv = (ws as unknown as { dataValidations?: { model: Record<string, unknown> } }).dataValidations;
  if (!dv) return;
  const next: Record<string, unknown> = {};
  for (const [address, rule] of Object.entries(dv.model)) {
    if (rule === undefined) continue;
    const area = parseArea(address);
    if (!area) next[address] = rule;
    else {
      const moved = reaches(area, op) ? shiftArea(area, op) : area;
      if (moved) next[areaRef(moved)] = rule;
    }
  }
  dv.model = next;
}

/** Conditional formats (`ref` = space-separated areas) moved with their cells; one left with none goes. */
function shiftConditionalFormats(ws: ExcelJS.Worksheet, op: Edit): void {
  const list = (ws as unknown as { conditionalFormattings?: { ref: string }[] }).conditionalFormattings;
  if (!list) return;
  (ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings = list.flatMap((cf) => {
    const refs = cf.ref.split(/\s+/).flatMap((ref) => {
      const area = parseArea(ref);
      if (!area) return [ref];
      const moved = reaches(area, op) ? shiftArea(area, op) : area;
      return moved ? [areaRef(moved)] : [];
    });
    return refs.length > 0 ? [{ ...cf, ref: refs.join(' ') }] : [];
  });
}

function spliceRows(ws: ExcelJS.Worksheet, op: RowOp): void {
  if (op.kind === 'delete') {
    ws.spliceRows(op.row, op.count);
    return;
  }
  ws.spliceRows(op.row, 0, ...Array.from({ length: op.count }, () => []));
  const above = op.row > 1 ? ws.getRow(op.row - 1) : null;
  if (!above) return;
  for (let r = op.row; r < op.row + op.count; r++) {
    const row = ws.getRow(r);
    if (above.height) row.height = above.height;
    above.eachCell({ includeEmpty: true }, (cell, c) => {
      row.getCell(c).style = { ...cell.style };
    });
  }
}

function spliceColumns(ws: ExcelJS.Worksheet, op: ColumnOp): void {
  if (op.kind === 'delete-columns') {
    ws.spliceColumns(op.column, op.count);
    return;
  }
  ws.spliceColumns(op.column, 0, ...Array.from({ length: op.count }, () => []));
  if (op.column <= 1) return;
  const left = ws.getColumn(op.column - 1);
  for (let c = op.column; c < op.column + op.count; c++) {
    const column = ws.getColumn(c);
    if (left.width) column.width = left.width;
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cell = row.getCell(op.column - 1);
      if (Object.keys(cell.style ?? {}).length > 0) row.getCell(c).style = { ...cell.style };
    });
  }
}

export function applyStructureOp(ws: ExcelJS.Worksheet, op: StructureOp): void {
  const at = 'row' in op ? op.row : op.column;
  if (op.count <= 0 || at < 1) return;
  const moved = mergesOf(ws).filter((m) => reaches(m, op));
  for (const m of moved) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
  if ('row' in op) spliceRows(ws, op);
  else spliceColumns(ws, op);
  for (const m of moved) {
    const a = shiftMerge(m, op);
    if (a) ws.mergeCells(a.top, a.left, a.bottom, a.right);
  }
  shiftValidations(ws, op);
  shiftConditionalFormats(ws, op);
}

/** Replays `ops` in order on the sheets they name (sheets the file does not have are skipped). */
export function applyStructureOps(workbook: ExcelJS.Workbook, ops: readonly StructureOp[]): void {
  for (const op of ops) {
    const ws = workbook.getWorksheet(op.sheet);
    if (ws) applyStructureOp(ws, op);
  }
}
