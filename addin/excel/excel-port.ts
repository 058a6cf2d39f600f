/**
 * The ExcelPort over the Excel JavaScript API — the only code of Yanyin that calls `Excel.run`.
 *
 * Performance rules (Excel on the web: 5 MB per request and per response): reads go in chunks of rows
 * sized by the column count (≈ 40,000 cells per sync, at most 5,000 rows; a chunk that still overflows is
 * halved and retried); writes are grouped (RangeAreas, vertical runs, one 2-D array per block) and a
 * bounded number of operations goes into each sync; nothing ever syncs per cell or per row.
 */
import type { Cell, CellValue, SheetGrid, WorkbookGrid } from '../../core/grid/cell';
import { columnLetters, parseA1 } from '../../core/grid/address';
import type { Issue } from '../../core/issues/issue';
import type { SheetKindSpec, TemplatePackSpec } from '../../core/templates/types';
import { getPack as builtInPack, getSheetKind } from '../../core/templates/registry';
import { cellKey, excelWouldReinterpret, runAddress, verticalRuns } from './cells';
import { ChangeQueue } from './change-queue';
import { toCell } from './grid-read';
import { errorCode, hostFeatures, runExcel, runExcelWrites, type HostFeatures } from './host';
import { desiredFromIssues, Highlighter, type Desired, type HighlighterLimits, type SheetJob } from './highlighter';
import type { CellFix, ExcelPort, FixOutcome, HostCapabilities, Progress, SheetChange } from './port';
import { planTemplate, templateSheetName, uniqueSheetName, type TemplatePlan } from './template-plan';

export interface ExcelPortOptions {
  /** Template packs (default: core's built-in registry). */
  getPack?: (id: string) => TemplatePackSpec | undefined;
  /** Cells per read sync (default 40,000 ≈ 1.5 MB of values + types + formats). */
  readCellsPerSync?: number;
  /** Rows per read sync at most (default 5,000). */
  maxRowsPerSync?: number;
  highlight?: Partial<HighlighterLimits>;
  /** Pre-1.14 hosts: how long after its own write an event on the written cells is taken as the add-in's. */
  ownWriteWindowMs?: number;
  /** Events arriving within this many ms are delivered together (default 15). */
  coalesceMs?: number;
  /** Where errors from the change handler go (default console.error). */
  onHandlerError?: (e: unknown) => void;
}

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

interface SheetInfo {
  id: string;
  name: string;
  visible: boolean;
}

interface OwnWrite {
  sheet: string;
  r1: number;
  r2: number;
  c1: number;
  c2: number;
  until: number;
}

function rectOf(address: string): { r1: number; r2: number; c1: number; c2: number } | null {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [a, b] = local.split(':');
  const rowOnly = /^\$?(\d+)$/;
  if (a && b && rowOnly.test(a) && rowOnly.test(b)) {
    const r1 = Number(rowOnly.exec(a)?.[1]);
    const r2 = Number(rowOnly.exec(b)?.[1]);
    return { r1, r2, c1: 1, c2: 16_384 };
  }
  const p = a ? parseA1(a) : null;
  const q = b ? parseA1(b) : p;
  if (!p || !q) return null;
  return { r1: Math.min(p.row, q.row), r2: Math.max(p.row, q.row), c1: Math.min(p.column, q.column), c2: Math.max(p.column, q.column) };
}

function sameValue(expected: CellValue, current: unknown): boolean {
  const cur = current === '' || current === undefined ? null : current;
  const exp = expected === '' ? null : expected;
  return cur === exp;
}

/** Points for a width in characters (Excel: 8.43 characters ≈ 64 px ≈ 48 pt). */
function widthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 10) / 10;
}

export function createExcelPort(options: ExcelPortOptions = {}): ExcelPort {
  const getPack = options.getPack ?? builtInPack;
  // Sized by the 5 MB payload limit, not a row count: values + types + formats measure ≈ 25 bytes a cell, so
  // 150,000 cells ≈ 3.8 MB; a response that still exceeds the limit is retried in halves (readChunks).
  const readCells = options.readCellsPerSync ?? 150_000;
  const maxRows = options.maxRowsPerSync ?? 50_000;
  const windowMs = options.ownWriteWindowMs ?? 1_500;
  const coalesceMs = options.coalesceMs ?? 15;
  const limits: HighlighterLimits = {
    addressChars: 7_000,
    opsPerSync: 12_000,
    bytesPerSync: 4_000_000,
    probeCellsPerSync: 40_000,
    ...options.highlight,
  };
  const features = (): HostFeatures => hostFeatures();
  // The highlighter's fills are marked as the add-in's own; the marks expire `windowMs` after its batch.
  const fillMarks: (OwnWrite | null)[] = [];
  const highlighter = new Highlighter(features, limits, (sheet, address) => {
    for (const area of address.split(',')) fillMarks.push(beginOwnWrite(sheet, area));
  });
  const painting = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      endOwnWrites(fillMarks.splice(0));
    }
  };

  let sheets: SheetInfo[] = [];
  const widths = new Map<string, number>();
  const ownWrites: OwnWrite[] = [];
  /** Called when the adapter adds a sheet (pre-1.9 hosts register onChanged per sheet). */
  const sheetAddedHooks = new Set<(name: string) => Promise<void>>();

  const sheetByName = (name: string): SheetInfo | undefined => sheets.find((s) => s.name === name);

  const queueSheetList = (ctx: Excel.RequestContext): (() => SheetInfo[]) => {
    const wss = ctx.workbook.worksheets;
    wss.load('items/name,items/id,items/visibility');
    return () => {
      sheets = wss.items.map((w) => ({ id: w.id, name: w.name, visible: w.visibility === 'Visible' }));
      return sheets;
    };
  };

  const sheetRef = async (ctx: Excel.RequestContext, name: string): Promise<SheetInfo> => {
    let info = sheetByName(name);
    if (!info) {
      const read = queueSheetList(ctx);
      await ctx.sync();
      read();
      info = sheetByName(name);
    }
    if (!info) throw new Error(`工作表「${name}」不存在。`);
    return info;
  };

  /** Marks cells the add-in is about to write (pre-1.14 hosts cannot tell its own edits apart). */
  const beginOwnWrite = (sheet: string, address: string): OwnWrite | null => {
    const rect = rectOf(address);
    if (!rect) return null;
    const w: OwnWrite = { sheet, ...rect, until: Number.POSITIVE_INFINITY };
    ownWrites.push(w);
    return w;
  };
  const endOwnWrites = (list: (OwnWrite | null)[]): void => {
    const until = Date.now() + windowMs;
    for (const w of list) if (w) w.until = until;
  };
  const isOwnWrite = (sheet: string, address: string): boolean => {
    const now = Date.now();
    for (let i = ownWrites.length - 1; i >= 0; i--) if ((ownWrites[i]?.until ?? 0) < now) ownWrites.splice(i, 1);
    const rect = rectOf(address);
    if (!rect) return false;
    return ownWrites.some((w) => w.sheet === sheet && rect.r1 >= w.r1 && rect.r2 <= w.r2 && rect.c1 >= w.c1 && rect.c2 <= w.c2);
  };

  // ---- reading -----------------------------------------------------------------------------------

  interface ChunkRead {
    sheet: string;
    from: number;
    to: number;
    width: number;
  }

  /** Loads the chunks in as few syncs as the budget allows; a response over the limit halves the budget. */
  const readChunks = async (
    ctx: Excel.RequestContext,
    chunks: ChunkRead[],
    onChunk: (c: ChunkRead, values: unknown[][], types: string[][], formats: string[][]) => void,
    onProgress?: (done: number) => void,
  ): Promise<void> => {
    let budget = readCells;
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
  };

  const chunkRows = (sheet: string, from: number, to: number, width: number): ChunkRead[] => {
    const rowsPer = Math.max(1, Math.min(maxRows, Math.floor(readCells / Math.max(width, 1))));
    const out: ChunkRead[] = [];
    for (let r = from; r <= to; r += rowsPer) out.push({ sheet, from: r, to: Math.min(to, r + rowsPer - 1), width });
    return out;
  };

  const fillRows = (rows: (Cell | null)[][], c: ChunkRead, values: unknown[][], types: string[][], formats: string[][]): void => {
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
  };

  // ---- writing values ------------------------------------------------------------------------------

  /** Writes cells of one sheet grouped in vertical runs; text that Excel would reinterpret goes into `@` cells. */
  const queueCellWrites = (ctx: Excel.RequestContext, sheet: string, cells: { row: number; column: number; value: CellValue }[], marks: (OwnWrite | null)[]): number => {
    const byKey = new Map<number, CellValue>();
    for (const c of cells) byKey.set(cellKey(c.row, c.column), c.value);
    const ws = ctx.workbook.worksheets.getItem(sheet);
    let ops = 0;
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
      marks.push(beginOwnWrite(sheet, address));
      ops += needsText ? 3 : 2;
    }
    return ops;
  };

  const addressCells = (sheet: string, items: { address: string; value: CellValue }[]): { row: number; column: number; value: CellValue }[] =>
    items.map((c) => {
      const p = parseA1(c.address.includes('!') ? c.address.slice(c.address.lastIndexOf('!') + 1) : c.address);
      if (!p) throw new Error(`单元格地址「${c.address}」无效（工作表「${sheet}」）。`);
      return { row: p.row, column: p.column, value: c.value };
    });

  const notifySheetAdded = async (name: string): Promise<void> => {
    for (const hook of sheetAddedHooks) await hook(name);
  };

  /**
   * Makes every sheet's highlights what `desired` says (by sheet name); a sheet it leaves out loses the
   * highlights it has, and one with none is not touched.
   */
  const showOnEverySheet = async (desired: Map<string, Map<number, Desired>>, onProgress?: (p: Progress) => void): Promise<void> => {
    await runExcelWrites(async (ctx) => {
      const read = queueSheetList(ctx);
      await ctx.sync();
      read();
      await highlighter.ensureLedger(ctx);
      const jobs: SheetJob[] = [];
      for (const s of sheets) {
        const want = desired.get(s.name);
        const had = highlighter.ledger.existing(s.id);
        if (!want && (!had || had.cells.size === 0)) continue;
        jobs.push({ sheet: { id: s.id, name: s.name }, desired: want ?? new Map(), rows: null });
      }
      await highlighter.reconcile(ctx, jobs, onProgress);
    });
  };

  // ---- the port ------------------------------------------------------------------------------------

  const port: ExcelPort = {
    capabilities(): HostCapabilities {
      const f = features();
      return { notes: f.notes, batchedFormats: f.batchedFormats, triggerSource: f.triggerSource, dataValidation: f.dataValidation };
    },

    async readWorkbook(onProgress?: (p: Progress) => void): Promise<WorkbookGrid> {
      return runExcel(async (ctx) => {
        const readSheets = queueSheetList(ctx);
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
          chunks.push(...chunkRows(s.name, 1, lastRow, lastCol));
        }
        const total = chunks.reduce((n, c) => n + c.to - c.from + 1, 0);
        onProgress?.({ done: 0, total });
        await readChunks(
          ctx,
          chunks,
          (c, values, types, formats) => fillRows(rowsOf.get(c.sheet) ?? [], c, values, types, formats),
          (done) => onProgress?.({ done, total }),
        );
        return { sheets: grids };
      });
    },

    async readRows(sheet: string, fromRow: number, toRow: number): Promise<SheetGrid> {
      const from = Math.max(1, Math.min(fromRow, toRow));
      const to = Math.max(fromRow, toRow);
      return runExcel(async (ctx) => {
        const finishLedger = highlighter.queueLedgerLoad(ctx);
        const readSheets = sheetByName(sheet) ? null : queueSheetList(ctx);
        const ws = ctx.workbook.worksheets.getItem(sheet);
        const used = ws.getRange(READ_BLOCK).getUsedRangeOrNullObject(true);
        used.load('columnIndex,columnCount');
        let width = widths.get(sheet) ?? 0;
        const rows: (Cell | null)[][] = [];
        for (let r = 1; r < from; r++) rows.push([]);
        for (let r = from; r <= to; r++) rows.push([]);
        // Fast path (the live edit): the known width, the rows and the probes for the repaint, one sync.
        let first: { range: Excel.Range; finish: () => void } | null = null;
        if (width > 0 && (to - from + 1) * width <= readCells) {
          const range = ws.getRange(`A${from}:${columnLetters(width)}${to}`);
          range.load('values,valueTypes,numberFormat');
          const info = sheetByName(sheet);
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
          if (width > 0) await readChunks(ctx, chunkRows(sheet, from, to, width), (c, v, t, f) => fillRows(rows, c, v, t, f));
        }
        return { name: sheet, rows };
      });
    },

    async showIssues(issues: Issue[], onProgress?: (p: Progress) => void): Promise<void> {
      await painting(() => showOnEverySheet(desiredFromIssues(issues), onProgress));
    },

    async showIssuesForRows(sheet: string, fromRow: number, toRow: number, issues: Issue[]): Promise<void> {
      const desired = desiredFromIssues(issues.filter((i) => i.sheet === sheet && i.row >= fromRow && i.row <= toRow)).get(sheet) ?? new Map();
      await painting(() =>
        runExcel(async (ctx) => {
          const info = await sheetRef(ctx, sheet);
          await highlighter.reconcile(ctx, [{ sheet: { id: info.id, name: info.name }, desired, rows: { from: Math.min(fromRow, toRow), to: Math.max(fromRow, toRow) } }]);
        }),
      );
    },

    async clearHighlights(): Promise<void> {
      await painting(() => showOnEverySheet(new Map()));
    },

    async selectCell(sheet: string, address: string): Promise<void> {
      await runExcel(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(address).select();
        await ctx.sync();
      });
    },

    async applyFixes(fixes: CellFix[]): Promise<FixOutcome> {
      const outcome: FixOutcome = { applied: 0, stale: [] };
      if (fixes.length === 0) return outcome;
      const per = Math.max(1, Math.floor(limits.opsPerSync / 2));
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
          const marks: (OwnWrite | null)[] = [];
          for (const [sheet, items] of bySheet) {
            queueCellWrites(ctx, sheet, addressCells(sheet, items), marks);
            outcome.applied += items.length;
          }
          if (marks.length > 0) {
            try {
              await ctx.sync();
            } finally {
              endOwnWrites(marks);
            }
          }
        }
      });
      highlighter.invalidateProbes();
      return outcome;
    },

    async setColumnsToText(sheet: string, columns: number[]): Promise<void> {
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
    },

    async insertTemplate(packId: string, kindId: string): Promise<string> {
      const pack = getPack(packId);
      if (!pack) throw new Error(`未知的模板包「${packId}」。`);
      const kind: SheetKindSpec | undefined = getSheetKind(pack, kindId);
      if (!kind) throw new Error(`模板包「${pack.name}」中没有「${kindId}」（可选：${pack.sheetKinds.map((k) => k.id).join('、')}）。`);
      const name = await runExcel(async (ctx) => {
        const read = queueSheetList(ctx);
        await ctx.sync();
        const taken = read().map((s) => s.name);
        const plan = planTemplate(pack, kind, uniqueSheetName(templateSheetName(kind), taken));
        const marks: (OwnWrite | null)[] = [];
        const ws = ctx.workbook.worksheets.add(plan.sheetName);
        writePlan(ctx, ws, plan, features(), marks);
        ws.activate();
        ws.getRange(`A${plan.firstDataRow}`).select();
        try {
          await ctx.sync();
        } finally {
          endOwnWrites(marks);
        }
        return plan.sheetName;
      });
      sheets = [];
      await notifySheetAdded(name);
      return name;
    },

    async writeValues(sheet: string, cells: { address: string; value: CellValue }[]): Promise<void> {
      if (cells.length === 0) return;
      const all = addressCells(sheet, cells);
      const per = Math.max(1, Math.floor(limits.opsPerSync / 3));
      await runExcel(async (ctx) => {
        for (let start = 0; start < all.length; ) {
          // Whole runs per batch: sort, then cut at `per` cells.
          const slice = all.slice(start, start + per);
          const marks: (OwnWrite | null)[] = [];
          queueCellWrites(ctx, sheet, slice, marks);
          try {
            await ctx.sync();
          } finally {
            endOwnWrites(marks);
          }
          start += per;
        }
      });
      highlighter.invalidateProbes();
    },

    async writeSheet(name: string, rows: CellValue[][], options: { protect?: boolean } = {}): Promise<void> {
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
        const rowsPer = Math.max(1, Math.min(maxRows, Math.floor(readCells / width)));
        const marks: (OwnWrite | null)[] = [];
        for (let start = 0; start < rows.length; start += rowsPer) {
          const block = rows.slice(start, start + rowsPer);
          const values = block.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? ''));
          const formats = block.map((r) => Array.from({ length: width }, (_, j) => {
            const v = r[j];
            return typeof v === 'string' && excelWouldReinterpret(v) ? '@' : 'General';
          }));
          const address = `A${start + 1}:${columnLetters(width)}${start + block.length}`;
          const range = ws.getRange(address);
          range.numberFormat = formats;
          range.values = values;
          marks.push(beginOwnWrite(name, address));
          try {
            await ctx.sync();
          } finally {
            endOwnWrites(marks);
          }
        }
        if (options.protect) ws.protection.protect({ allowFormatCells: false, allowAutoFilter: true, allowSort: true });
        await ctx.sync();
      });
      widths.delete(name);
      sheets = [];
      if (added) await notifySheetAdded(name);
    },

    async onChanged(handler: (changes: SheetChange[]) => void): Promise<() => Promise<void>> {
      const f = features();
      const onError = options.onHandlerError ?? ((e: unknown) => console.error('验印：处理工作表变化时出错', e));
      const queue = new ChangeQueue(handler, coalesceMs, onError);
      let active = true;
      const idToName = new Map<string, string>();

      const refreshNames = async (): Promise<void> => {
        await runExcel(async (ctx) => {
          const read = queueSheetList(ctx);
          await ctx.sync();
          for (const s of read()) idToName.set(s.id, s.name);
        });
      };

      const onEvent = async (args: Excel.WorksheetChangedEventArgs): Promise<void> => {
        if (!active) return;
        // ExcelApi 1.14: Excel says which edits are ours.
        if (f.triggerSource && args.triggerSource === 'ThisLocalAddin') return;
        let name = idToName.get(args.worksheetId);
        if (name === undefined) {
          await refreshNames().catch(onError);
          name = idToName.get(args.worksheetId);
          if (name === undefined) return;
        }
        if (!f.triggerSource && isOwnWrite(name, args.address)) return;
        const changeType = (args.changeType ?? 'Unknown') as SheetChange['changeType'];
        // Rows moved: the add-in's highlights moved with them.
        if (changeType === 'RowInserted' || changeType === 'RowDeleted') {
          const rect = rectOf(args.address);
          if (rect) highlighter.ledger.shiftRows(args.worksheetId, rect.r1, (changeType === 'RowInserted' ? 1 : -1) * (rect.r2 - rect.r1 + 1));
        }
        highlighter.invalidateProbes();
        queue.push({ sheet: name, address: args.address, changeType });
      };
      const listener = (args: Excel.WorksheetChangedEventArgs): Promise<void> => onEvent(args).catch(onError);

      const results: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[] = [];
      const registerSheet = async (sheetName: string): Promise<void> => {
        if (!active) return;
        await runExcel(async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem(sheetName);
          ws.load('id,name');
          results.push(ws.onChanged.add(listener));
          await ctx.sync();
          idToName.set(ws.id, ws.name);
        });
      };
      await runExcel(async (ctx) => {
        const read = queueSheetList(ctx);
        await ctx.sync();
        const list = read();
        for (const s of list) idToName.set(s.id, s.name);
        if (f.batchedFormats) {
          // ExcelApi 1.9: one registration covers every sheet, including sheets added later.
          results.push(ctx.workbook.worksheets.onChanged.add(listener));
        } else {
          for (const s of list) results.push(ctx.workbook.worksheets.getItem(s.name).onChanged.add(listener));
        }
        await ctx.sync();
      });
      const hook = f.batchedFormats ? null : registerSheet;
      if (hook) sheetAddedHooks.add(hook);

      return async () => {
        active = false;
        queue.stop();
        if (hook) sheetAddedHooks.delete(hook);
        const byContext = new Map<unknown, typeof results>();
        for (const r of results) {
          const list = byContext.get(r.context) ?? [];
          list.push(r);
          byContext.set(r.context, list);
        }
        for (const [context, list] of byContext) {
          await Excel.run(context as Excel.RequestContext, async (ctx) => {
            for (const r of list) r.remove();
            await ctx.sync();
          });
        }
      };
    },
  };
  return port;
}

/** Writes a template plan into a new sheet: text formats first, then values, merges, formats, dropdowns. */
function writePlan(ctx: Excel.RequestContext, ws: Excel.Worksheet, plan: TemplatePlan, f: HostFeatures, marks: (OwnWrite | null)[]): void {
  void ctx;
  plan.columnWidths.forEach((w, i) => {
    const letter = columnLetters(i + 1);
    ws.getRange(`${letter}:${letter}`).format.columnWidth = widthPoints(w);
  });
  for (const address of plan.textRanges) (ws.getRange(address) as unknown as { numberFormat: string }).numberFormat = '@';
  const width = Math.max(1, ...plan.values.map((r) => r.length));
  if (plan.values.length > 0) {
    const address = `A1:${columnLetters(width)}${plan.values.length}`;
    ws.getRange(address).values = plan.values.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? null)) as unknown as (string | number | boolean)[][];
    marks.push({ sheet: plan.sheetName, r1: 1, r2: plan.values.length, c1: 1, c2: width, until: Number.POSITIVE_INFINITY });
  }
  for (const address of plan.merges) ws.getRange(address).merge(false);
  for (const fm of plan.formats) {
    const format = ws.getRange(fm.address).format;
    if (fm.bold !== undefined) format.font.bold = fm.bold;
    if (fm.size !== undefined) format.font.size = fm.size;
    if (fm.horizontal) format.horizontalAlignment = fm.horizontal;
    if (fm.vertical) format.verticalAlignment = fm.vertical;
    if (fm.wrap !== undefined) format.wrapText = fm.wrap;
    if (fm.fill) format.fill.color = fm.fill;
    if (fm.box)
      for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const) format.borders.getItem(edge).style = 'Continuous';
  }
  for (const h of plan.rowHeights) ws.getRange(`${h.row}:${h.row}`).format.rowHeight = h.height;
  if (f.dataValidation)
    for (const v of plan.validations) {
      const dv = ws.getRange(v.address).dataValidation;
      dv.rule = v.rule as Excel.DataValidationRule;
      if (v.errorAlert) dv.errorAlert = v.errorAlert;
      if (v.prompt) dv.prompt = v.prompt;
    }
  // ExcelApi 1.6, below the manifest's 1.7: always there. Bounded ranges only (plan addresses are data rows).
  for (const cf of plan.conditionalFormats) {
    const custom = ws.getRange(cf.address).conditionalFormats.add('Custom').custom;
    custom.rule.formula = cf.formula;
    custom.format.fill.color = cf.fill;
    custom.format.font.color = cf.fontColor;
  }
  ws.freezePanes.freezeRows(plan.headerBottom);
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}
