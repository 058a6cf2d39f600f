/**
 * Save = the clerk's edits written back into the ORIGINAL workbook (exceljs), so its formatting, formulas,
 * print settings and untouched cells stay as they were: only cells whose value differs from the file are
 * written. Strings that Excel would turn into numbers or dates (IDs, phone numbers) are written as text
 * with the `@` format, so the downloaded file does not damage what the checks just passed. Sheets that
 * exist only in the browser (a blank template inserted, a reviewer's copy) are added at the end, with
 * their dropdowns; the original's sheets keep the file's own validations (moved by xlsx-structure.ts).
 */
import type ExcelJS from 'exceljs';
import type { Cell, SheetGrid } from '../../core/grid/cell';
import { excelWouldReinterpret } from '../../addin/excel/cells';
import { dateToSerial, primitiveOf } from './xlsx-open';
import { writeListValidations, type ListValidation } from './xlsx-validations';

type Target = string | number | boolean | null;

/** What the grid cell holds, as the value written back. */
function targetOf(cell: Cell | null | undefined): Target {
  if (!cell || cell.value === null) return null;
  if (typeof cell.value === 'string' && cell.value === '') return null;
  return cell.value;
}

function same(original: ExcelJS.Cell, target: Target, cell: Cell | null | undefined): boolean {
  const raw = primitiveOf(original.value);
  if (raw instanceof Date) return typeof target === 'number' && Math.abs(dateToSerial(raw) - target) < 1e-6;
  if (raw === null || raw === '') return target === null;
  if (cell?.type === 'date' && typeof target === 'string') return false;
  return raw === target;
}

function write(cell: ExcelJS.Cell, target: Target, source: Cell | null | undefined): void {
  if (target === null) {
    cell.value = null;
    return;
  }
  if (typeof target === 'string') {
    if (source?.numberFormat === '@' || excelWouldReinterpret(target)) cell.numFmt = '@';
    cell.value = target;
    return;
  }
  if (typeof target === 'number' && source?.type === 'date') {
    cell.value = new Date(Date.UTC(1899, 11, 30) + Math.round(target * 86_400_000));
    if (!cell.numFmt || cell.numFmt === 'General') cell.numFmt = source.numberFormat ?? 'yyyy-mm-dd';
    return;
  }
  cell.value = target;
}

function isMergeSlave(cell: ExcelJS.Cell): boolean {
  return cell.type === 1; // ExcelJS.ValueType.Merge: the value lives in the master cell
}

/**
 * Writes `sheets` (the workbook as the browser holds it) into `workbook`, and `dropdowns` (sheet name → its
 * list validations in the browser) into the sheets it adds; returns how many cells changed.
 */
export function writeBack(workbook: ExcelJS.Workbook, sheets: readonly SheetGrid[], dropdowns: Readonly<Record<string, readonly ListValidation[]>> = {}): number {
  let changed = 0;
  for (const grid of sheets) {
    let ws = workbook.getWorksheet(grid.name);
    if (!ws) {
      ws = workbook.addWorksheet(grid.name);
      writeListValidations(ws, dropdowns[grid.name] ?? []);
    }
    const rows = Math.max(grid.rows.length, ws.actualRowCount > 0 ? ws.rowCount : 0);
    for (let r = 1; r <= rows; r++) {
      const cells = grid.rows[r - 1] ?? [];
      const row = ws.getRow(r);
      const cols = Math.max(cells.length, row.cellCount);
      for (let c = 1; c <= cols; c++) {
        const source = cells[c - 1];
        const target = targetOf(source);
        const cell = row.getCell(c);
        if (isMergeSlave(cell) || same(cell, target, source)) continue;
        write(cell, target, source);
        changed++;
      }
    }
  }
  return changed;
}
