/**
 * The clerk's .xlsx (read with exceljs, in the browser) → Univer's workbook snapshot. Keeps what a clerk
 * sees and what the checks need: values as stored (a number stays a number, so an ID typed into a General
 * cell is still caught), text-formatted cells as text, number formats, merges, column widths, row heights,
 * bold, italic and fills. Formulas arrive as their cached results (the downloaded file keeps the formulas:
 * only cells the clerk changed are written back, see xlsx-save.ts).
 */
import type ExcelJS from 'exceljs';
import type { IWorkbookData } from '@univerjs/presets';
import { columnLetters, parseA1 } from '../../core/grid/address';
import { listValidationsOf, toUniverRule, UNIVER_DV_RESOURCE, type UniverListRule } from './xlsx-validations';

interface UCell {
  v?: string | number | boolean;
  t?: number;
  s?: Record<string, unknown>;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** exceljs gives dates as UTC instants of the Excel serial; Univer (like Excel) stores the serial. */
export function dateToSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH) / 86_400_000;
}

/** One exceljs value → what the cell holds as a primitive (the cached result of a formula). */
export function primitiveOf(value: ExcelJS.CellValue): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : '';
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined ? null : primitiveOf(result);
  }
  return null;
}

function argbToHex(argb: string | undefined): string | undefined {
  if (!argb || argb.length < 6) return undefined;
  return `#${argb.slice(-6)}`;
}

function styleOf(cell: ExcelJS.Cell, numFmt: string | undefined): Record<string, unknown> | undefined {
  const s: Record<string, unknown> = {};
  if (numFmt && numFmt !== 'General') s.n = { pattern: numFmt };
  if (cell.font?.bold) s.bl = 1;
  if (cell.font?.italic) s.it = 1;
  const fill = cell.fill;
  if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
    const rgb = argbToHex(fill.fgColor?.argb);
    if (rgb) s.bg = { rgb };
  }
  const h = cell.alignment?.horizontal;
  if (h === 'center' || h === 'centerContinuous') s.ht = 2;
  else if (h === 'right') s.ht = 3;
  if (cell.alignment?.wrapText) s.tb = 3;
  return Object.keys(s).length > 0 ? s : undefined;
}

export function cellToUniver(cell: ExcelJS.Cell): UCell | null {
  if (cell.type === 1 /* ExcelJS.ValueType.Merge */) return null;
  const numFmt = cell.numFmt || undefined;
  const raw = primitiveOf(cell.value);
  const style = styleOf(cell, numFmt);
  const out: UCell = style ? { s: style } : {};
  if (raw === null) return style ? out : null;
  if (raw instanceof Date) {
    out.v = dateToSerial(raw);
    out.t = 2;
    if (!numFmt || numFmt === 'General') out.s = { ...(out.s ?? {}), n: { pattern: 'yyyy-mm-dd' } };
  } else if (typeof raw === 'number') {
    out.v = raw;
    out.t = 2;
  } else if (typeof raw === 'boolean') {
    out.v = raw ? 1 : 0;
    out.t = 3;
  } else {
    out.v = raw;
    // Text format keeps digits as text (Univer's force-string), like Excel's `@`.
    out.t = numFmt === '@' ? 4 : 1;
  }
  return out;
}

/** Excel's column width (characters) → pixels; row height (points) → pixels. */
const colPx = (chars: number): number => Math.round(chars * 7 + 5);
const rowPx = (points: number): number => Math.round((points * 4) / 3);

export function workbookToUniver(workbook: ExcelJS.Workbook, name: string): IWorkbookData {
  const sheets: Record<string, unknown> = {};
  const order: string[] = [];
  const dropdowns: Record<string, UniverListRule[]> = {};
  workbook.worksheets.forEach((ws, index) => {
    const id = `sheet-${index + 1}`;
    order.push(id);
    const cellData: Record<number, Record<number, UCell>> = {};
    let maxRow = 0;
    let maxCol = 0;
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const u = cellToUniver(cell);
        if (!u) return;
        (cellData[r - 1] ??= {})[c - 1] = u;
        maxRow = Math.max(maxRow, r);
        maxCol = Math.max(maxCol, c);
      });
    });
    const columnData: Record<number, { w: number }> = {};
    (ws.columns ?? []).forEach((col, i) => {
      if (col?.width) columnData[i] = { w: colPx(col.width) };
      maxCol = Math.max(maxCol, col?.width ? i + 1 : 0);
    });
    const rowData: Record<number, { h: number }> = {};
    ws.eachRow((row, r) => {
      if (row.height) rowData[r - 1] = { h: rowPx(row.height) };
    });
    const merges = ((ws.model as { merges?: string[] }).merges ?? []).flatMap((area) => {
      const [a, b] = area.split(':');
      const p = a ? parseA1(a) : null;
      const q = b ? parseA1(b) : p;
      return p && q ? [{ startRow: p.row - 1, endRow: q.row - 1, startColumn: p.column - 1, endColumn: q.column - 1 }] : [];
    });
    sheets[id] = {
      id,
      name: ws.name,
      hidden: ws.state === 'visible' || !ws.state ? 0 : 1,
      rowCount: Math.max(maxRow + 200, 1000),
      columnCount: Math.max(maxCol + 5, 26),
      cellData,
      columnData,
      rowData,
      mergeData: merges,
    };
    const rules = listValidationsOf(ws).flatMap((v, i) => toUniverRule(v, `${id}-dv-${i + 1}`) ?? []);
    if (rules.length > 0) dropdowns[id] = rules;
  });
  // Read by Univer's data-validation plugin when the workbook is created: the file's dropdowns show.
  const resources = Object.keys(dropdowns).length > 0 ? [{ name: UNIVER_DV_RESOURCE, data: JSON.stringify(dropdowns) }] : [];
  return { id: `wb-${Date.now()}`, name, appVersion: '', locale: 'zhCN', styles: {}, sheetOrder: order, sheets, resources } as unknown as IWorkbookData;
}

/** An empty workbook with one sheet (the clerk then inserts a blank template from the pane). */
export function emptyWorkbook(name = '工作簿'): IWorkbookData {
  return {
    id: `wb-${Date.now()}`,
    name,
    appVersion: '',
    locale: 'zhCN',
    styles: {},
    sheetOrder: ['sheet-1'],
    sheets: { 'sheet-1': { id: 'sheet-1', name: 'Sheet1', rowCount: 1000, columnCount: 26, cellData: {} } },
  } as unknown as IWorkbookData;
}

export { columnLetters };
