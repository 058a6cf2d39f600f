/**
 * What the pieces of the Excel adapter share: the options and limits, the host's features, the highlighter,
 * the add-in's own writes, and what it remembers of the workbook (sheet ids and names, read widths).
 */
import type { Locale } from '../../core/issues/issue';
import type { TemplatePackSpec } from '../../core/templates/types';
import { getPack as builtInPack } from '../../core/templates/registry';
import { hostFeatures, runExcel, type HostFeatures } from './host';
import { Highlighter, type HighlighterLimits } from './highlighter';
import { OwnWrites } from './own-writes';

export interface ExcelPortOptions {
  /** The language of the messages in cell notes: the pane's (default zh-CN). */
  locale?: Locale;
  /** Template packs (default: core's built-in registry). */
  getPack?: (id: string) => TemplatePackSpec | undefined;
  /** Cells per read sync (default 270,000 ≈ 4.6 MB of values + formats). */
  readCellsPerSync?: number;
  /** Rows per read sync at most (default 50,000). */
  maxRowsPerSync?: number;
  highlight?: Partial<HighlighterLimits>;
  /** Pre-1.14 hosts and dropdown picks (which fire no event): how often the selected cells are re-read (default 10 s; 0 = never). */
  missedEventCheckMs?: number;
  /** Events arriving within this many ms are delivered together (default 15). */
  coalesceMs?: number;
  /** Live repaints write the highlight ledger this long after the last one (default 2,000 ms). */
  ledgerFlushMs?: number;
  /** Where errors from the change handler go (default console.error). */
  onHandlerError?: (e: unknown) => void;
}

export interface SheetInfo {
  id: string;
  name: string;
  visible: boolean;
}

export interface PortState {
  readonly options: ExcelPortOptions;
  readonly getPack: (id: string) => TemplatePackSpec | undefined;
  readonly readCells: number;
  readonly maxRows: number;
  readonly coalesceMs: number;
  readonly limits: HighlighterLimits;
  readonly features: () => HostFeatures;
  readonly highlighter: Highlighter;
  readonly own: OwnWrites;
  /** The sheet list as last read (empty = read it again). */
  sheets: SheetInfo[];
  /** Columns read per sheet (the used width within the read block). */
  readonly widths: Map<string, number>;
  /** Called when the adapter adds a sheet (pre-1.9 hosts register onChanged per sheet). */
  readonly sheetAddedHooks: Set<(name: string) => Promise<void>>;
  /** Resolves when the events received so far are handled (ledger moves included). */
  eventsIdle: () => Promise<void>;
}

export function createPortState(options: ExcelPortOptions): PortState {
  const limits: HighlighterLimits = {
    addressChars: 7_000,
    // Batches are cut by bytes (Excel on the web: 5 MB a request); the operation cap only bounds one sync's work.
    opsPerSync: 40_000,
    bytesPerSync: 4_000_000,
    probeCellsPerSync: 40_000,
    ...options.highlight,
  };
  const own = new OwnWrites();
  const features = (): HostFeatures => hostFeatures();
  const highlighter = new Highlighter(features, limits, (sheet, key, fill, value) => own.markFill(sheet, key, fill, value));
  // The ledger is written lazily: not in every keystroke's repaint (each write is one more change to the
  // workbook, and on older hosts one more undo entry), but once the clerk pauses, and with every full repaint.
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  highlighter.onLedgerDirty = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = setTimeout(() => {
      flushTimer = null;
      runExcel(async (ctx) => {
        highlighter.queueLedgerSave(ctx);
        await ctx.sync();
      }).catch((e: unknown) => console.warn('验印：保存高亮记录失败，下次全表检查时再保存。', e));
    }, options.ledgerFlushMs ?? 2_000);
  };
  return {
    options,
    getPack: options.getPack ?? builtInPack,
    // Sized by the 5 MB payload limit, not a row count: values + formats of 附件2 measure ≈ 17 bytes a cell,
    // so 270,000 cells ≈ 4.6 MB; a response that still exceeds the limit is retried in halves (readChunks).
    readCells: options.readCellsPerSync ?? 270_000,
    maxRows: options.maxRowsPerSync ?? 50_000,
    coalesceMs: options.coalesceMs ?? 15,
    limits,
    features,
    // The highlighter's fills are marked as the add-in's own.
    highlighter,
    own,
    sheets: [],
    widths: new Map(),
    sheetAddedHooks: new Set(),
    eventsIdle: () => Promise.resolve(),
  };
}

export function sheetByName(state: PortState, name: string): SheetInfo | undefined {
  return state.sheets.find((s) => s.name === name);
}

/** Queues the sheet list on `ctx`; the returned function, called after the sync, stores and returns it. */
export function queueSheetList(state: PortState, ctx: Excel.RequestContext): () => SheetInfo[] {
  const wss = ctx.workbook.worksheets;
  wss.load('items/name,items/id,items/visibility');
  return () => {
    state.sheets = wss.items.map((w) => ({ id: w.id, name: w.name, visible: w.visibility === 'Visible' }));
    return state.sheets;
  };
}

export async function sheetRef(state: PortState, ctx: Excel.RequestContext, name: string): Promise<SheetInfo> {
  let info = sheetByName(state, name);
  if (!info) {
    const read = queueSheetList(state, ctx);
    await ctx.sync();
    read();
    info = sheetByName(state, name);
  }
  if (!info) throw new Error(`工作表「${name}」不存在。`);
  return info;
}

export async function notifySheetAdded(state: PortState, name: string): Promise<void> {
  for (const hook of state.sheetAddedHooks) await hook(name);
}

export function describeError(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}
