/**
 * The port's highlight operations over the highlighter: a full repaint of every sheet, the live repaint
 * of a few rows, and "clear". The highlighter marks their fills as the add-in's own (own-writes.ts).
 */
import type { Issue } from '../../core/issues/issue';
import { runExcel, runExcelWrites } from './host';
import { desiredFromIssues, type Desired, type SheetJob } from './highlighter';
import type { Progress } from './port';
import { queueSheetList, sheetRef, type PortState } from './port-state';

/**
 * Makes every sheet's highlights what `desired` says (by sheet name); a sheet it leaves out loses the
 * highlights it has, and one with none is not touched.
 */
async function showOnEverySheet(
  state: PortState,
  desired: Map<string, Map<number, Desired>>,
  onProgress?: (p: Progress) => void,
): Promise<void> {
  const { highlighter } = state;
  await state.eventsIdle();
  return runExcelWrites(async (ctx) => {
    const read = queueSheetList(state, ctx);
    await ctx.sync();
    read();
    await highlighter.ensureLedger(ctx);
    const jobs: SheetJob[] = [];
    for (const s of state.sheets) {
      const want = desired.get(s.name);
      const had = highlighter.ledger.existing(s.id);
      if (!want && (!had || had.cells.size === 0)) continue;
      jobs.push({ sheet: { id: s.id, name: s.name }, desired: want ?? new Map(), rows: null });
    }
    await highlighter.reconcile(ctx, jobs, onProgress);
  });
}

export function showIssues(
  state: PortState,
  issues: Issue[],
  onProgress?: (p: Progress) => void,
): Promise<void> {
  return showOnEverySheet(state, desiredFromIssues(issues, state.options.locale), onProgress);
}

export function clearHighlights(state: PortState): Promise<void> {
  return showOnEverySheet(state, new Map());
}

export async function showIssuesForRows(
  state: PortState,
  sheet: string,
  fromRow: number,
  toRow: number,
  issues: Issue[],
): Promise<void> {
  const desired =
    desiredFromIssues(issues.filter((i) => i.sheet === sheet && i.row >= fromRow && i.row <= toRow), state.options.locale).get(
      sheet,
    ) ?? new Map<number, Desired>();
  await state.eventsIdle();
  return runExcel(async (ctx) => {
    const info = await sheetRef(state, ctx, sheet);
    await state.highlighter.reconcile(ctx, [
      {
        sheet: { id: info.id, name: info.name },
        desired,
        rows: { from: Math.min(fromRow, toRow), to: Math.max(fromRow, toRow) },
      },
    ]);
  });
}
