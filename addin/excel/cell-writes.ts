/**
 * The add-in's value writes: fixes (only where the cell still holds what was validated), certificate
 * numbers, whole sheets, and the text format of ID columns. Cells go in vertical runs, one 2-D array per
 * run, a bounded number per sync; text Excel would reinterpret goes into `@` cells. Every write is marked
 * as the add-in's own (own-writes.ts).
 */
import type { CellValue } from '../../core/grid/cell';
import { columnLetters, parseA1 } from '../../core/grid/address';
import { cellKey, excelWouldReinterpret, runAddress, verticalRuns } from './cells';
import { errorCode, runExcel } from './host';
import type { CellFix, FixOutcome } from './port';
import { describeError, notifySheetAdded, type PortState } from './port-state';

interface CellWrite {
  row: number;
  column: number;
  value: CellValue;
}

function sameValue(expected: CellValue, current: unknown): boolean {
  const cur = current === '' || current === undefined ? null : current;
  const exp = expected === '' ? null : expected;
  return cur === exp;
}

/** Writes cells of one sheet grouped in vertical runs; text that Excel would reinterpret goes into `@` cells. */
function queueCellWrites(state: PortState, ctx: Excel.RequestContext, sheet: string, cells: CellWrite[]): void {
  const byKey = new Map<number, CellValue>();
  for (const c of cells) byKey.set(cellKey(c.row, c.column), c.value);
  const ws = ctx.workbook.worksheets.getItem(sheet);
  for (const run of verticalRuns(byKey.keys())) {
    const values: (string | number | boolean)[][] = [];
    const formats: (string | null)[][] = [];
    let needsText = false;
    for (let r = run.fromRow; r <= run.toRow; r++) {
      const v = byKey.get(cellKey(r, run.column)) ?? null;
      values.push([v ?? '']);
      const text = typeof v === 'string' && excelWouldReinterpret(v);
      formats.push([text ? '@' : null]);
      needsText ||= text;
    }
    const address = runAddress(run);
    const range = ws.getRange(address);
    // The text format must be in place BEFORE the value arrives, or Excel converts it.
    if (needsText) range.numberFormat = formats as string[][];
    range.values = values;
    state.own.markValues(sheet, address, values);
  }
}

function addressCells(sheet: string, items: { address: string; value: CellValue }[]): CellWrite[] {
  return items.map((c) => {
    const p = parseA1(c.address.includes('!') ? c.address.slice(c.address.lastIndexOf('!') + 1) : c.address);
    if (!p) throw new Error(`单元格地址「${c.address}」无效（工作表「${sheet}」）。`);
    return { row: p.row, column: p.column, value: c.value };
  });
}

export async function applyFixes(state: PortState, fixes: CellFix[]): Promise<FixOutcome> {
  const outcome: FixOutcome = { applied: 0, stale: [] };
  if (fixes.length === 0) return outcome;
  const per = Math.max(1, Math.floor(state.limits.opsPerSync / 2));
  await runExcel(async (ctx) => {
    for (let start = 0; start < fixes.length; start += per) {
      const slice = fixes.slice(start, start + per);
      const probes = slice.map((fix) => {
        const range = ctx.workbook.worksheets.getItem(fix.sheet).getRange(fix.address);
        range.load('values');
        return { fix, range };
      });
      await ctx.sync();
      const bySheet = new Map<string, { address: string; value: CellValue }[]>();
      for (const { fix, range } of probes) {
        if (!sameValue(fix.expected, range.values[0]?.[0])) {
          outcome.stale.push({ sheet: fix.sheet, address: fix.address });
          continue;
        }
        let list = bySheet.get(fix.sheet);
        if (!list) bySheet.set(fix.sheet, (list = []));
        list.push({ address: fix.address, value: fix.value });
      }
      for (const [sheet, items] of bySheet) {
        queueCellWrites(state, ctx, sheet, addressCells(sheet, items));
        outcome.applied += items.length;
      }
      if (bySheet.size > 0) await ctx.sync();
    }
  });
  state.highlighter.invalidateProbes();
  return outcome;
}

export async function writeValues(state: PortState, sheet: string, cells: { address: string; value: CellValue }[]): Promise<void> {
  if (cells.length === 0) return;
  const all = addressCells(sheet, cells);
  const per = Math.max(1, Math.floor(state.limits.opsPerSync / 3));
  await runExcel(async (ctx) => {
    for (let start = 0; start < all.length; start += per) {
      queueCellWrites(state, ctx, sheet, all.slice(start, start + per));
      await ctx.sync();
    }
  });
  state.highlighter.invalidateProbes();
}

export async function writeSheet(state: PortState, name: string, rows: CellValue[][], options: { protect?: boolean } = {}): Promise<void> {
  const width = Math.max(1, ...rows.map((r) => r.length));
  let added = false;
  await runExcel(async (ctx) => {
    const existing = ctx.workbook.worksheets.getItemOrNullObject(name);
    existing.load('name');
    await ctx.sync();
    let ws: Excel.Worksheet;
    if (existing.isNullObject) {
      ws = ctx.workbook.worksheets.add(name);
      added = true;
    } else {
      ws = existing;
      ws.protection.load('protected');
      await ctx.sync();
      if (ws.protection.protected) ws.protection.unprotect();
      ws.getRange().clear('All');
    }
    const rowsPer = Math.max(1, Math.min(state.maxRows, Math.floor(state.readCells / width)));
    for (let start = 0; start < rows.length; start += rowsPer) {
      const block = rows.slice(start, start + rowsPer);
      const values = block.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? ''));
      const formats = block.map((r) =>
        Array.from({ length: width }, (_, j) => {
          const v = r[j];
          return typeof v === 'string' && excelWouldReinterpret(v) ? '@' : 'General';
        }),
      );
      const address = `A${start + 1}:${columnLetters(width)}${start + block.length}`;
      const range = ws.getRange(address);
      range.numberFormat = formats;
      range.values = values;
      state.own.markValues(name, address, values);
      await ctx.sync();
    }
    if (options.protect) ws.protection.protect({ allowFormatCells: false, allowAutoFilter: true, allowSort: true });
    await ctx.sync();
  });
  state.widths.delete(name);
  state.sheets = [];
  if (added) await notifySheetAdded(state, name);
}

export async function setColumnsToText(sheet: string, columns: number[]): Promise<void> {
  if (columns.length === 0) return;
  try {
    await runExcel(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      for (const c of [...new Set(columns)].sort((a, b) => a - b)) {
        const letter = columnLetters(c);
        // Unbounded ranges (`D:D`) refuse a scalar cell-level write ("Read or write to an unbounded
        // range", excel-add-ins-ranges-unbounded); a 1×1 array formats the whole column
        // (OfficeDev/office-js-docs-pr#5400), so cells typed later are text too.
        ws.getRange(`${letter}:${letter}`).numberFormat = [['@']];
      }
      await ctx.sync();
    });
  } catch (e) {
    // The pane shows this (the controller's failed action); nothing was changed.
    throw new Error(`Excel 拒绝把「${sheet}」的身份证号列设为文本格式（${errorCode(e) ?? describeError(e)}）。请选中该列，右键「设置单元格格式」→「文本」。`, { cause: e });
  }
}
