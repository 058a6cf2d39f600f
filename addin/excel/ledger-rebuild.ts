/**
 * Rebuilding the highlight ledger where the clerk moved cells. A sort (`onRowSorted`, ExcelApi 1.10),
 * cut/paste and drag move fills and notes with the cells (support.microsoft.com, "Move or copy cells"),
 * and rows inserted on a host below ExcelApi 1.9 arrive as a plain edit (office-js-docs-pr#1303): the
 * ledger's addresses then point at the wrong cells, so a later "clear" would leave red behind and restore
 * a colour where it never was.
 *
 * The rebuild reads the fills of the moved area. A ledger cell that no longer shows its colour lost its
 * highlight (it moved away: kept in a per-sheet pool); a cell outside the ledger that now shows one of
 * the add-in's colours takes a highlight of that colour back from the pool, with the fill to restore
 * that went with it. Colours the pool cannot account for are the clerk's own and are left alone.
 */
import { cellKey, keyColumn, keyRow } from './cells';
import type { Highlighter, SheetRef } from './highlighter';
import { isHighlightColor, type Highlight } from './ledger';
import { rectCells, type Rect } from './own-writes';

/** Columns and rows a rebuild may read (the read block of workbook-read.ts). */
const MAX_COLUMNS = 64;
const MAX_ROWS = 200_000;
/** Areas up to this size are read whole (a cut/paste may land anywhere); larger ones only in highlighted columns. */
const WHOLE_AREA_CELLS = 20_000;

/**
 * The areas within the read block. Whole rows (`10:12`, a pre-1.9 insert or delete) stand for everything
 * from there down: the fills below moved by at most the rows named.
 */
function normalise(rects: readonly Rect[], ledgerKeys: readonly number[]): Rect[] {
  const maxLedgerRow = ledgerKeys.reduce((m, k) => Math.max(m, keyRow(k)), 0);
  return rects
    .map((rect) => ({
      r1: rect.r1,
      c1: rect.c1,
      c2: Math.min(rect.c2, MAX_COLUMNS),
      r2: Math.min(MAX_ROWS, rect.c2 >= 16_384 ? Math.max(rect.r2, maxLedgerRow + (rect.r2 - rect.r1 + 1)) : rect.r2),
    }))
    .filter((r) => r.r2 >= r.r1 && r.c2 >= r.c1);
}

/** The cells of `rects` whose fills the rebuild reads. */
function cellsToRead(rects: readonly Rect[], ledgerKeys: readonly number[]): number[] {
  const ledgerColumns = new Set(ledgerKeys.map(keyColumn));
  const out = new Set<number>();
  for (const area of rects) {
    const whole = rectCells(area) <= WHOLE_AREA_CELLS;
    for (let c = area.c1; c <= area.c2; c++) {
      if (!whole && !ledgerColumns.has(c)) continue;
      for (let r = area.r1; r <= area.r2; r++) out.add(cellKey(r, c));
    }
  }
  return [...out];
}

/** Whether a change over `rects` may have moved highlights of the sheet (so a rebuild is worth a read). */
export function mayHaveMovedHighlights(h: Highlighter, sheetId: string, rects: readonly Rect[]): boolean {
  if ((h.ledger.lost.get(sheetId)?.length ?? 0) > 0) return true;
  const cells = h.ledger.existing(sheetId)?.cells;
  if (!cells || cells.size === 0) return false;
  for (const key of cells.keys()) {
    const r = keyRow(key);
    const c = keyColumn(key);
    if (rects.some((x) => r >= x.r1 && r <= x.r2 && c >= x.c1 && c <= x.c2)) return true;
  }
  return false;
}

export async function rebuildLedger(ctx: Excel.RequestContext, h: Highlighter, sheet: SheetRef, named: readonly Rect[]): Promise<void> {
  await h.ensureLedger(ctx);
  const ledger = h.ledger;
  const rects = normalise(named, [...(ledger.existing(sheet.id)?.cells.keys() ?? [])]);
  const inRects = (key: number): boolean => {
    const r = keyRow(key);
    const c = keyColumn(key);
    return rects.some((x) => r >= x.r1 && r <= x.r2 && c >= x.c1 && c <= x.c2);
  };
  const existing = ledger.existing(sheet.id);
  const pool = ledger.lost.get(sheet.id) ?? [];
  const inside = existing ? [...existing.cells.keys()].filter(inRects) : [];
  if (inside.length === 0 && pool.length === 0) return;
  const keys = cellsToRead(rects, [...(existing?.cells.keys() ?? [])]);
  if (keys.length === 0) return;
  const fills = await h.probeFills(ctx, sheet.name, keys);
  h.invalidateProbes();

  // Highlights whose cell no longer shows their colour moved away (or the clerk recoloured the cell).
  for (const key of inside) {
    const had = existing?.cells.get(key) as Highlight;
    if ((fills.get(key) ?? null)?.toUpperCase() === had.color.toUpperCase()) continue;
    pool.push({ color: had.color, prev: had.prev, note: had.note, ...(had.commentId ? { commentId: had.commentId } : {}) });
    ledger.delete(sheet.id, key);
  }
  // Cells that now show one of the add-in's colours take a moved highlight of that colour back, top to bottom.
  const arrived = keys.filter((k) => isHighlightColor(fills.get(k)) && !ledger.existing(sheet.id)?.cells.has(k)).sort((a, b) => a - b);
  for (const key of arrived) {
    const color = (fills.get(key) ?? '').toUpperCase();
    const i = pool.findIndex((p) => p.color.toUpperCase() === color);
    if (i < 0) continue;
    const [moved] = pool.splice(i, 1);
    if (moved) ledger.set(sheet.id, sheet.name, key, moved);
  }
  if (pool.length > 0) ledger.lost.set(sheet.id, pool);
  else ledger.lost.delete(sheet.id);
}
