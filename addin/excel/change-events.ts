/**
 * `onChanged` for the pane: the clerk's edits, never the add-in's own, delivered in coalesced batches
 * (change-queue.ts). What real Excel does and the add-in copes with:
 * - the add-in's own values and fills fire events too; ExcelApi 1.14 says so (`triggerSource`), before
 *   that the add-in compares the cells with what it wrote (own-writes.ts) — events arrive seconds late,
 *   after later writes, so nothing here depends on timing;
 * - `details` is missing on many events (multi-cell edits, pastes: office-js#5347, #5308): the pane
 *   re-reads the cells an event names and never uses `details`;
 * - below ExcelApi 1.9 inserted or deleted rows arrive as a plain `RangeEdited` on whole rows
 *   (office-js-docs-pr#1303): such an event asks for a whole-sheet re-read and a ledger rebuild;
 * - a sort (`onRowSorted`, 1.10), cut/paste and drag move fills and notes with the cells: the highlight
 *   ledger is rebuilt over the area (ledger-rebuild.ts) before the pane hears of the change;
 * - picking from a dropdown may fire nothing (office-js#420 desktop, #3888 web): the selected cells are
 *   re-read when the selection moves on, when the pane gets the focus, and every `missedEventCheckMs`.
 */
import { ChangeQueue } from './change-queue';
import { runExcel } from './host';
import { mayHaveMovedHighlights, rebuildLedger } from './ledger-rebuild';
import { rectCells, rectOf, type CellNow, type Rect } from './own-writes';
import type { SheetChange } from './port';
import { queueSheetList, type PortState } from './port-state';

/** Selections up to this many cells are watched for changes that fire no event. */
const WATCH_CELLS = 2_000;
/** The whole sheet, as an address the pane reads as "re-read everything" (no row numbers). */
const WHOLE_SHEET = 'A:XFD';

type Incoming =
  | { kind: 'changed'; args: Excel.WorksheetChangedEventArgs }
  | { kind: 'sorted'; args: Excel.WorksheetRowSortedEventArgs }
  | { kind: 'selection'; args: Excel.WorksheetSelectionChangedEventArgs }
  | { kind: 'check' };

interface Watch {
  sheet: string;
  address: string;
  values: unknown[][];
}

function sameGrid(a: unknown[][], b: unknown[][]): boolean {
  if (a.length !== b.length) return false;
  return a.every((row, i) => row.length === (b[i]?.length ?? -1) && row.every((v, j) => v === b[i]?.[j]));
}

export async function subscribeChanges(state: PortState, handler: (changes: SheetChange[]) => void): Promise<() => Promise<void>> {
  const { highlighter, own } = state;
  const f = state.features();
  const onError = state.options.onHandlerError ?? ((e: unknown) => console.error('验印：处理工作表变化时出错', e));
  const queue = new ChangeQueue(handler, state.coalesceMs, onError);
  let active = true;
  const idToName = new Map<string, string>();
  let watch: Watch | null = null;

  const refreshNames = async (): Promise<void> => {
    await runExcel(async (ctx) => {
      const read = queueSheetList(state, ctx);
      await ctx.sync();
      for (const s of read()) idToName.set(s.id, s.name);
    });
  };
  const nameOf = async (id: string): Promise<string | undefined> => {
    if (!idToName.has(id)) await refreshNames().catch(onError);
    return idToName.get(id);
  };

  /** Reads back cells the add-in wrote and keeps the events whose cells no longer hold what it wrote. */
  const dropOwn = async (ctx: Excel.RequestContext, events: { sheet: string; rect: Rect; keep: boolean }[]): Promise<void> => {
    const checks = events
      .filter((e) => own.covers(e.sheet, e.rect))
      .map((e) => {
        const need = own.needs(e.sheet, e.rect);
        const ws = ctx.workbook.worksheets.getItem(e.sheet);
        const range = ws.getRangeByIndexes(e.rect.r1 - 1, e.rect.c1 - 1, e.rect.r2 - e.rect.r1 + 1, e.rect.c2 - e.rect.c1 + 1);
        if (need.values) range.load('values');
        let fills: () => (string | null)[][] = () => [];
        if (need.fills && f.batchedFormats) {
          const props = range.getCellProperties({ format: { fill: { color: true, pattern: true } } });
          fills = () => props.value.map((row) => row.map((p) => (p.format?.fill?.pattern === 'None' ? null : (p.format?.fill?.color ?? null))));
        } else if (need.fills) {
          const cells: Excel.RangeFill[][] = [];
          for (let r = 0; r <= e.rect.r2 - e.rect.r1; r++) {
            const row: Excel.RangeFill[] = [];
            for (let c = 0; c <= e.rect.c2 - e.rect.c1; c++) {
              const fill = range.getCell(r, c).format.fill;
              fill.load('color');
              row.push(fill);
            }
            cells.push(row);
          }
          // Before 1.9 Excel reports "no fill" as white.
          fills = () => cells.map((row) => row.map((x) => (!x.color || x.color.toUpperCase() === '#FFFFFF' ? null : x.color)));
        }
        return { e, need, range, fills };
      });
    if (checks.length === 0) return;
    await ctx.sync();
    for (const { e, need, range, fills } of checks) {
      const fillGrid = need.fills ? fills() : [];
      const now = (key: number): CellNow => {
        const r = Math.floor(key / 16_384) + 1 - e.rect.r1;
        const c = (key % 16_384) + 1 - e.rect.c1;
        return { ...(need.values ? { value: range.values[r]?.[c] } : {}), ...(need.fills ? { fill: fillGrid[r]?.[c] ?? null } : {}) };
      };
      if (own.matches(e.sheet, e.rect, now)) e.keep = false;
    }
  };

  /** Re-reads the watched selection; a difference the events did not report is reported now. */
  const checkWatch = async (ctx: Excel.RequestContext, next: Watch | null, out: SheetChange[]): Promise<void> => {
    const prev = watch;
    const prevRange = prev ? ctx.workbook.worksheets.getItem(prev.sheet).getRange(prev.address) : null;
    prevRange?.load('values');
    const nextRange = next ? ctx.workbook.worksheets.getItem(next.sheet).getRange(next.address) : null;
    nextRange?.load('values');
    await ctx.sync();
    if (prev && prevRange && !sameGrid(prev.values, prevRange.values)) {
      out.push({ sheet: prev.sheet, address: prev.address, changeType: 'RangeEdited' });
      prev.values = prevRange.values;
    }
    if (next && nextRange) watch = { ...next, values: nextRange.values };
  };

  const process = async (batch: Incoming[]): Promise<void> => {
    const changes: { sheet: string; sheetId: string; rect: Rect | null; change: SheetChange; keep: boolean; detailsLess: boolean }[] = [];
    const rebuild = new Map<string, { name: string; rects: Rect[] }>();
    const addRebuild = (id: string, name: string, rect: Rect): void => {
      const r = rebuild.get(id) ?? { name, rects: [] };
      r.rects.push(rect);
      rebuild.set(id, r);
    };
    let nextWatch: Watch | null | undefined;
    for (const item of batch) {
      if (item.kind === 'check') {
        nextWatch ??= watch;
        continue;
      }
      const name = await nameOf(item.args.worksheetId);
      if (name === undefined) continue;
      if (item.kind === 'selection') {
        const rect = rectOf(item.args.address);
        nextWatch = rect && rectCells(rect) <= WATCH_CELLS ? { sheet: name, address: item.args.address, values: [] } : null;
        continue;
      }
      const rect = rectOf(item.args.address);
      if (item.kind === 'sorted') {
        if (rect) addRebuild(item.args.worksheetId, name, rect);
        continue;
      }
      const args = item.args;
      // ExcelApi 1.14: Excel says which edits are ours.
      if (f.triggerSource && args.triggerSource === 'ThisLocalAddin') continue;
      let changeType = (args.changeType ?? 'Unknown') as SheetChange['changeType'];
      let address = args.address;
      if (!f.batchedFormats && changeType === 'RangeEdited' && rect && rect.c1 === 1 && rect.c2 >= 16_384) {
        // Below 1.9 an insert or delete of rows looks like this: re-read the sheet, rebuild its ledger.
        changeType = 'Unknown';
        address = WHOLE_SHEET;
        addRebuild(args.worksheetId, name, rect);
      }
      // Rows moved: the add-in's highlights moved with them (before any rebuild of this batch looks).
      if ((changeType === 'RowInserted' || changeType === 'RowDeleted') && rect)
        highlighter.ledger.shiftRows(args.worksheetId, rect.r1, (changeType === 'RowInserted' ? 1 : -1) * (rect.r2 - rect.r1 + 1));
      changes.push({ sheet: name, sheetId: args.worksheetId, rect, change: { sheet: name, address, changeType }, keep: true, detailsLess: !args.details });
    }

    await runExcel(async (ctx) => {
      // Before 1.14: drop the events of the add-in's own writes (identity, not timing).
      if (!f.triggerSource) {
        const candidates = changes.filter((c) => c.rect && c.change.changeType === 'RangeEdited').map((c) => ({ sheet: c.sheet, rect: c.rect as Rect, keep: true, c }));
        await dropOwn(ctx, candidates);
        for (const x of candidates) x.c.keep = x.keep;
      }
      // The clerk's edits without details may be a cut/paste or drag that moved highlights (typing one
      // cell carries details from 1.9); sorts did. A sheet that needs a rebuild gets it over all of them:
      // a cut's source and its destination arrive as two events.
      const moves = changes.filter((c) => c.keep && c.rect && c.change.changeType === 'RangeEdited' && c.detailsLess);
      for (const c of moves) if (!rebuild.has(c.sheetId) && mayHaveMovedHighlights(highlighter, c.sheetId, [c.rect as Rect])) addRebuild(c.sheetId, c.sheet, c.rect as Rect);
      for (const c of moves) {
        const r = rebuild.get(c.sheetId);
        if (r && !r.rects.includes(c.rect as Rect)) r.rects.push(c.rect as Rect);
      }
      for (const [id, { name, rects }] of rebuild) await rebuildLedger(ctx, highlighter, { id, name }, rects);
      if (nextWatch !== undefined) {
        const found: SheetChange[] = [];
        await checkWatch(ctx, nextWatch, found);
        for (const change of found) changes.push({ sheet: change.sheet, sheetId: '', rect: null, change, keep: true, detailsLess: true });
      }
    });

    const kept = changes.filter((c) => c.keep);
    if (kept.length > 0 || rebuild.size > 0) highlighter.invalidateProbes();
    for (const c of kept) queue.push(c.change);
  };

  // Events are handled in arrival order, one batch at a time (each batch reads back in one Excel.run).
  // The port's repaints wait for it (state.eventsIdle), so none works from a ledger a move made stale.
  let incoming: Incoming[] = [];
  let running: Promise<void> | null = null;
  const drain = async (): Promise<void> => {
    while (active && incoming.length > 0) {
      await new Promise((r) => setTimeout(r, state.coalesceMs));
      const batch = incoming;
      incoming = [];
      await process(batch).catch(onError);
    }
  };
  const enqueue = (item: Incoming): void => {
    if (!active) return;
    incoming.push(item);
    running ??= drain().finally(() => (running = null));
  };
  state.eventsIdle = () => running ?? Promise.resolve();
  const onChangedListener = (args: Excel.WorksheetChangedEventArgs): Promise<void> => Promise.resolve(enqueue({ kind: 'changed', args }));
  const onSortedListener = (args: Excel.WorksheetRowSortedEventArgs): Promise<void> => Promise.resolve(enqueue({ kind: 'sorted', args }));
  const onSelectionListener = (args: Excel.WorksheetSelectionChangedEventArgs): Promise<void> => Promise.resolve(enqueue({ kind: 'selection', args }));

  type Result = OfficeExtension.EventHandlerResult<unknown>;
  const results: Result[] = [];
  const registerOn = (ws: Excel.Worksheet): void => {
    results.push(ws.onChanged.add(onChangedListener) as Result);
    results.push(ws.onSelectionChanged.add(onSelectionListener) as Result);
    if (f.sortEvents) results.push(ws.onRowSorted.add(onSortedListener) as Result);
  };
  const registerSheet = async (sheetName: string): Promise<void> => {
    if (!active) return;
    await runExcel(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheetName);
      ws.load('id,name');
      registerOn(ws);
      await ctx.sync();
      idToName.set(ws.id, ws.name);
    });
  };
  await runExcel(async (ctx) => {
    const read = queueSheetList(state, ctx);
    await ctx.sync();
    const list = read();
    for (const s of list) idToName.set(s.id, s.name);
    if (f.batchedFormats) {
      // ExcelApi 1.9: one registration covers every sheet, including sheets added later.
      const wss = ctx.workbook.worksheets;
      results.push(wss.onChanged.add(onChangedListener) as Result);
      results.push(wss.onSelectionChanged.add(onSelectionListener) as Result);
      if (f.sortEvents) results.push(wss.onRowSorted.add(onSortedListener) as Result);
    } else {
      for (const s of list) registerOn(ctx.workbook.worksheets.getItem(s.name));
    }
    await ctx.sync();
  });
  const hook = f.batchedFormats ? null : registerSheet;
  if (hook) state.sheetAddedHooks.add(hook);

  // Changes that fire nothing (a dropdown pick): look again now and then, and when the pane gets the focus.
  const everyMs = state.options.missedEventCheckMs ?? 10_000;
  const timer = everyMs > 0 ? setInterval(() => enqueue({ kind: 'check' }), everyMs) : null;
  const onFocus = (): void => enqueue({ kind: 'check' });
  const win = typeof window === 'undefined' ? null : window;
  win?.addEventListener('focus', onFocus);

  return async () => {
    active = false;
    await running?.catch(onError);
    state.eventsIdle = () => Promise.resolve();
    if (timer) clearInterval(timer);
    win?.removeEventListener('focus', onFocus);
    queue.stop();
    if (hook) state.sheetAddedHooks.delete(hook);
    const byContext = new Map<unknown, Result[]>();
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
}
