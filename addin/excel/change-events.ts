/**
 * `onChanged` for the pane: the clerk's edits, never the add-in's own (ExcelApi 1.14 `triggerSource`,
 * before that the add-in's marks), delivered in coalesced batches (change-queue.ts). Inserted and deleted
 * rows move the highlight ledger with them.
 */
import { ChangeQueue } from './change-queue';
import { runExcel } from './host';
import { rectOf } from './own-writes';
import type { SheetChange } from './port';
import { queueSheetList, type PortState } from './port-state';

export async function subscribeChanges(state: PortState, handler: (changes: SheetChange[]) => void): Promise<() => Promise<void>> {
  const { highlighter, own } = state;
  const f = state.features();
  const onError = state.options.onHandlerError ?? ((e: unknown) => console.error('验印：处理工作表变化时出错', e));
  const queue = new ChangeQueue(handler, state.coalesceMs, onError);
  let active = true;
  const idToName = new Map<string, string>();

  const refreshNames = async (): Promise<void> => {
    await runExcel(async (ctx) => {
      const read = queueSheetList(state, ctx);
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
    if (!f.triggerSource && own.isOwn(name, args.address)) return;
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
    const read = queueSheetList(state, ctx);
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
  if (hook) state.sheetAddedHooks.add(hook);

  return async () => {
    active = false;
    queue.stop();
    if (hook) state.sheetAddedHooks.delete(hook);
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
}
