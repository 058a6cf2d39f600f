/**
 * Reading the workbook into core's grid: every visible sheet's used range within the template's block
 * (A:BL, at most 200,000 rows), in chunks sized by the 5 MB payload limit; a chunk Excel refuses as too
 * large (or as GeneralException, which it often says instead) is read again in halves.
 */
import type { Cell, SheetGrid, WorkbookGrid } from '../../core/grid/cell';
import { columnLetters } from '../../core/grid/address';
import { toCell } from './grid-read';
import { errorCode, runExcel } from './host';
import type { Progress } from './port';
import { queueSheetList, sheetByName, type PortState } from './port-state';

/**
 * What a read may cover. The used range ends at the last cell that ever held anything: one stray value in
 * XFD1048576 would make it 16,384 columns by a million rows. The templates need far fewer columns and
 * rows, so the used range is taken within columns A:BL only and capped at 200,000 rows (a warning says so).
 */
const MAX_READ_COLUMNS = 64;
const MAX_READ_ROWS = 200_000;
const READ_BLOCK = `A:${columnLetters(MAX_READ_COLUMNS)}`;

/** Sheets the adapter never reads (a future hidden sheet of the add-in's own). */
const HIDDEN_PREFIX = '__yanyin';

interface ChunkRead {
  sheet: string;
  from: number;
  to: number;
  width: number;
}

/** Loads the chunks in as few syncs as the budget allows; a response over the limit halves the budget. */
async function readChunks(
  state: PortState,
  ctx: Excel.RequestContext,
  chunks: ChunkRead[],
  onChunk: (c: ChunkRead, values: unknown[][], types: string[][], formats: string[][]) => void,
  onProgress?: (done: number) => void,
): Promise<void> {
  let budget = state.readCells;
  let i = 0;
  let done = 0;
  let generalRetries = 0;
  while (i < chunks.length) {
    const group: { c: ChunkRead; range: Excel.Range }[] = [];
    let cells = 0;
    while (i < chunks.length) {
      const c = chunks[i] as ChunkRead;
      const n = (c.to - c.from + 1) * c.width;
      if (group.length > 0 && cells + n > budget) break;
      const range = ctx.workbook.worksheets.getItem(c.sheet).getRange(`A${c.from}:${columnLetters(c.width)}${c.to}`);
      range.load('values,valueTypes,numberFormat');
      group.push({ c, range });
      cells += n;
      i++;
    }
    try {
      await ctx.sync();
    } catch (e) {
      // Over-limit payloads often fail as GeneralException instead (OfficeDev/office-js#1012, #2564);
      // that code also means other things, so it is retried smaller only a few times.
      const code = errorCode(e);
      const payload = code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
      if ((!payload && (code !== 'GeneralException' || generalRetries++ >= 6)) || cells <= 1) throw e;
      console.warn(`验印：Excel 拒绝了一次读取（${code}），改为分小块读取。`);
      // Long texts: split the offending chunks and try again with half the budget.
      budget = Math.max(1, Math.floor(budget / 2));
      const retry: ChunkRead[] = [];
      for (const { c } of group) {
        if (c.to === c.from) retry.push(c);
        else {
          const mid = Math.floor((c.from + c.to) / 2);
          retry.push({ ...c, to: mid }, { ...c, from: mid + 1 });
        }
      }
      chunks.splice(i - group.length, group.length, ...retry);
      i -= group.length;
      continue;
    }
    for (const { c, range } of group) {
      onChunk(c, range.values, range.valueTypes as string[][], range.numberFormat as string[][]);
      done += c.to - c.from + 1;
    }
    onProgress?.(done);
  }
}

function chunkRows(state: PortState, sheet: string, from: number, to: number, width: number): ChunkRead[] {
  const rowsPer = Math.max(1, Math.min(state.maxRows, Math.floor(state.readCells / Math.max(width, 1))));
  const out: ChunkRead[] = [];
  for (let r = from; r <= to; r += rowsPer) out.push({ sheet, from: r, to: Math.min(to, r + rowsPer - 1), width });
  return out;
}

function fillRows(rows: (Cell | null)[][], c: ChunkRead, values: unknown[][], types: string[][], formats: string[][]): void {
  for (let i = 0; i < values.length; i++) {
    const vr = values[i] ?? [];
    const tr = types[i] ?? [];
    const fr = formats[i] ?? [];
    const row: (Cell | null)[] = new Array<Cell | null>(vr.length);
    let last = -1;
    for (let j = 0; j < vr.length; j++) {
      const cell = toCell(vr[j], tr[j], fr[j]);
      row[j] = cell;
      if (cell) last = j;
    }
    row.length = last + 1;
    rows[c.from - 1 + i] = row;
  }
}

export function readWorkbook(state: PortState, onProgress?: (p: Progress) => void): Promise<WorkbookGrid> {
  const { highlighter, widths } = state;
  return runExcel(async (ctx) => {
    const readSheets = queueSheetList(state, ctx);
    const finishLedger = highlighter.queueLedgerLoad(ctx);
    await ctx.sync();
    finishLedger?.();
    const visible = readSheets().filter((s) => s.visible && !s.name.startsWith(HIDDEN_PREFIX));
    const used = visible.map((s) => {
      const u = ctx.workbook.worksheets.getItem(s.name).getRange(READ_BLOCK).getUsedRangeOrNullObject(true);
      u.load('rowIndex,rowCount,columnIndex,columnCount');
      return { s, u };
    });
    await ctx.sync();
    const grids: SheetGrid[] = [];
    const rowsOf = new Map<string, (Cell | null)[][]>();
    const chunks: ChunkRead[] = [];
    for (const { s, u } of used) {
      const rows: (Cell | null)[][] = [];
      grids.push({ name: s.name, rows });
      rowsOf.set(s.name, rows);
      if (u.isNullObject) {
        widths.set(s.name, 0);
        continue;
      }
      const lastRow = Math.min(u.rowIndex + u.rowCount, MAX_READ_ROWS);
      const lastCol = u.columnIndex + u.columnCount;
      if (lastRow < u.rowIndex + u.rowCount) console.warn(`验印：工作表「${s.name}」超过 ${MAX_READ_ROWS} 行，只检查前 ${MAX_READ_ROWS} 行。`);
      widths.set(s.name, lastCol);
      for (let r = 0; r < lastRow; r++) rows.push([]);
      chunks.push(...chunkRows(state, s.name, 1, lastRow, lastCol));
    }
    const total = chunks.reduce((n, c) => n + c.to - c.from + 1, 0);
    onProgress?.({ done: 0, total });
    await readChunks(
      state,
      ctx,
      chunks,
      (c, values, types, formats) => fillRows(rowsOf.get(c.sheet) ?? [], c, values, types, formats),
      (done) => onProgress?.({ done, total }),
    );
    return { sheets: grids };
  });
}

export function readRows(state: PortState, sheet: string, fromRow: number, toRow: number): Promise<SheetGrid> {
  const { highlighter, widths } = state;
  const from = Math.max(1, Math.min(fromRow, toRow));
  const to = Math.max(fromRow, toRow);
  return runExcel(async (ctx) => {
    const finishLedger = highlighter.queueLedgerLoad(ctx);
    const readSheets = sheetByName(state, sheet) ? null : queueSheetList(state, ctx);
    const ws = ctx.workbook.worksheets.getItem(sheet);
    const used = ws.getRange(READ_BLOCK).getUsedRangeOrNullObject(true);
    used.load('columnIndex,columnCount');
    let width = widths.get(sheet) ?? 0;
    const rows: (Cell | null)[][] = [];
    for (let r = 1; r < from; r++) rows.push([]);
    for (let r = from; r <= to; r++) rows.push([]);
    // Fast path (the live edit): the known width, the rows and the probes for the repaint, one sync.
    let first: { range: Excel.Range; finish: () => void } | null = null;
    if (width > 0 && (to - from + 1) * width <= state.readCells) {
      const range = ws.getRange(`A${from}:${columnLetters(width)}${to}`);
      range.load('values,valueTypes,numberFormat');
      const info = sheetByName(state, sheet);
      const finish = info ? highlighter.queuePrefetch(ctx, ws, info.id, range, from, to, width) : () => undefined;
      first = { range, finish };
    }
    await ctx.sync();
    finishLedger?.();
    readSheets?.();
    const usedWidth = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
    if (first && usedWidth <= width) {
      fillRows(rows, { sheet, from, to, width }, first.range.values, first.range.valueTypes as string[][], first.range.numberFormat as string[][]);
      first.finish();
    } else {
      width = Math.max(width, usedWidth);
      widths.set(sheet, width);
      highlighter.invalidateProbes();
      if (width > 0) await readChunks(state, ctx, chunkRows(state, sheet, from, to, width), (c, v, t, f) => fillRows(rows, c, v, t, f));
    }
    return { name: sheet, rows };
  });
}
