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

/**
 * How `values` shows an error cell. `valueTypes` is not read in bulk (it would add ≈ 9 bytes a cell, a third
 * of the payload): numbers, booleans and '' say their type themselves; only strings that look like an error
 * are checked with `valueTypes`, cell by cell, in one more sync (rare: a formula error or such a text).
 */
const ERROR_TEXT = /^#(N\/A|NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|SPILL!|CALC!|FIELD!|GETTING_DATA|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!|TIMEOUT!)$/;

function typeOf(v: unknown): string {
  if (v === '' || v === null || v === undefined) return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return 'String';
}

/** Types derived from the values; error-looking strings are asked about (see ERROR_TEXT). */
async function typesOf(ctx: Excel.RequestContext, sheet: string, from: number, values: unknown[][]): Promise<string[][]> {
  const types = values.map((row) => row.map(typeOf));
  const ask: { r: number; c: number; range: Excel.Range }[] = [];
  values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (typeof v !== 'string' || !ERROR_TEXT.test(v)) return;
      const range = ctx.workbook.worksheets.getItem(sheet).getCell(from - 1 + r, c);
      range.load('valueTypes');
      ask.push({ r, c, range });
    }),
  );
  if (ask.length === 0) return types;
  await ctx.sync();
  for (const { r, c, range } of ask) (types[r] as string[])[c] = String(range.valueTypes[0]?.[0] ?? 'String');
  return types;
}

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
      range.load('values,numberFormat');
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
      onChunk(c, range.values, await typesOf(ctx, c.sheet, c.from, range.values), range.numberFormat as string[][]);
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
    // With the used ranges, the first rows of each sheet: as many as fit the budget at the widest block
    // (A:BL), taken from the used range whatever it turns out to be — one sync fewer.
    const firstRows = Math.max(1, Math.floor(state.readCells / Math.max(1, visible.length) / MAX_READ_COLUMNS));
    const queueUsed = (withHead: boolean): { s: (typeof visible)[number]; u: Excel.Range; head: Excel.Range | null }[] =>
      visible.map((s) => {
        const u = ctx.workbook.worksheets.getItem(s.name).getRange(READ_BLOCK).getUsedRangeOrNullObject(true);
        u.load('rowIndex,rowCount,columnIndex,columnCount');
        const head = withHead ? u.getIntersectionOrNullObject(`A1:${columnLetters(MAX_READ_COLUMNS)}${firstRows}`) : null;
        head?.load('values,numberFormat,rowCount,columnIndex');
        return { s, u, head };
      });
    let used = queueUsed(true);
    try {
      await ctx.sync();
    } catch (e) {
      // Long texts made the heads too large (or Excel said GeneralException): used ranges alone, then chunks.
      const code = errorCode(e);
      if (code !== 'ResponsePayloadSizeLimitExceeded' && code !== 'RequestPayloadSizeLimitExceeded' && code !== 'GeneralException') throw e;
      used = queueUsed(false);
      await ctx.sync();
    }
    const grids: SheetGrid[] = [];
    const rowsOf = new Map<string, (Cell | null)[][]>();
    const chunks: ChunkRead[] = [];
    let headDone = 0;
    for (const { s, u, head } of used) {
      const rows: (Cell | null)[][] = [];
      const grid: SheetGrid = { name: s.name, rows };
      grids.push(grid);
      rowsOf.set(s.name, rows);
      if (u.isNullObject) {
        widths.set(s.name, 0);
        continue;
      }
      const lastRow = Math.min(u.rowIndex + u.rowCount, MAX_READ_ROWS);
      const lastCol = u.columnIndex + u.columnCount;
      if (lastRow < u.rowIndex + u.rowCount) grid.truncatedAfter = MAX_READ_ROWS;
      widths.set(s.name, lastCol);
      for (let r = 0; r < lastRow; r++) rows.push([]);
      let from = 1;
      if (head && !head.isNullObject) {
        // The head starts at the used range's first cell: pad its rows out to column A.
        const pad = (grid: unknown[][], fill: unknown): unknown[][] => grid.map((row) => [...(Array(head.columnIndex).fill(fill) as unknown[]), ...row]);
        const top = u.rowIndex + 1;
        const values = pad(head.values, '');
        const chunk = { sheet: s.name, from: top, to: top + head.rowCount - 1, width: lastCol };
        fillRows(rows, chunk, values, await typesOf(ctx, s.name, top, values), pad(head.numberFormat, 'General') as string[][]);
        from = chunk.to + 1;
        headDone += chunk.to;
      }
      if (from <= lastRow) chunks.push(...chunkRows(state, s.name, from, lastRow, lastCol));
    }
    const total = headDone + chunks.reduce((n, c) => n + c.to - c.from + 1, 0);
    onProgress?.({ done: headDone, total });
    await readChunks(
      state,
      ctx,
      chunks,
      (c, values, types, formats) => fillRows(rowsOf.get(c.sheet) ?? [], c, values, types, formats),
      (done) => onProgress?.({ done: headDone + done, total }),
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
      range.load('values,numberFormat');
      const info = sheetByName(state, sheet);
      const finish = info ? highlighter.queuePrefetch(ctx, ws, info.id, range, from, to, width) : () => undefined;
      first = { range, finish };
    }
    await ctx.sync();
    finishLedger?.();
    readSheets?.();
    const usedWidth = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
    if (first && usedWidth <= width) {
      fillRows(rows, { sheet, from, to, width }, first.range.values, await typesOf(ctx, sheet, from, first.range.values), first.range.numberFormat as string[][]);
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
