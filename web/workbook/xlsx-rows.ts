/**
 * The clerk's row insertions and deletions replayed on the original workbook before the values are written
 * back (xlsx-save.ts), so each row's height and cell styles travel with its values, as they did in the
 * browser. exceljs's `spliceRows` moves values, row styles, heights and cell styles but leaves merged
 * ranges where they were (its merges are keyed by address), so merges at or below the change are taken
 * off first and put back shifted. Inserted rows take the formats of the row above, as Excel's and Univer's
 * insert do.
 */
import type ExcelJS from 'exceljs';
import { parseA1 } from '../../core/grid/address';

/** One structural edit, 1-based: `count` rows inserted at / deleted from `row` of `sheet`. */
export interface RowOp {
  sheet: string;
  kind: 'insert' | 'delete';
  row: number;
  count: number;
}

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function mergesOf(ws: ExcelJS.Worksheet): Area[] {
  return ((ws.model as { merges?: string[] }).merges ?? []).flatMap((range) => {
    const [a, b] = range.split(':');
    const p = a ? parseA1(a) : null;
    const q = b ? parseA1(b) : p;
    return p && q ? [{ top: p.row, left: p.column, bottom: q.row, right: q.column }] : [];
  });
}

/** Where a merged range ends up after `op` (null when its rows are gone or it is a single cell). */
export function shiftArea(area: Area, op: Pick<RowOp, 'kind' | 'row' | 'count'>): Area | null {
  const { row, count } = op;
  if (op.kind === 'insert') {
    const top = area.top >= row ? area.top + count : area.top;
    const bottom = area.bottom >= row ? area.bottom + count : area.bottom;
    return { ...area, top, bottom };
  }
  const last = row + count - 1;
  const top = area.top > last ? area.top - count : area.top >= row ? row : area.top;
  const bottom = area.bottom > last ? area.bottom - count : area.bottom >= row ? row - 1 : area.bottom;
  if (bottom < top || (bottom === top && area.left === area.right)) return null;
  return { ...area, top, bottom };
}

export function applyRowOp(ws: ExcelJS.Worksheet, op: RowOp): void {
  if (op.count <= 0 || op.row < 1) return;
  const moved = mergesOf(ws).filter((m) => m.bottom >= op.row);
  for (const m of moved) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
  if (op.kind === 'delete') ws.spliceRows(op.row, op.count);
  else {
    ws.spliceRows(op.row, 0, ...Array.from({ length: op.count }, () => []));
    const above = op.row > 1 ? ws.getRow(op.row - 1) : null;
    if (above) {
      for (let r = op.row; r < op.row + op.count; r++) {
        const row = ws.getRow(r);
        if (above.height) row.height = above.height;
        above.eachCell({ includeEmpty: true }, (cell, c) => {
          row.getCell(c).style = { ...cell.style };
        });
      }
    }
  }
  for (const m of moved) {
    const a = shiftArea(m, op);
    if (a) ws.mergeCells(a.top, a.left, a.bottom, a.right);
  }
}

/** Replays `ops` in order on the sheets they name (sheets the file does not have are skipped). */
export function applyRowOps(workbook: ExcelJS.Workbook, ops: readonly RowOp[]): void {
  for (const op of ops) {
    const ws = workbook.getWorksheet(op.sheet);
    if (ws) applyRowOp(ws, op);
  }
}
