import type { SheetGrid } from '../../core/grid/cell';
import type { ExcelPort, Progress } from '../excel/port';
import type { RowSpan } from './coalesce-changes';
import type { LiveSession } from './engine';

/** Reads rows from the host into the session (the port's grid starts at A1; tolerate one that starts at `fromRow`). */
export async function readRowsInto(port: ExcelPort, session: LiveSession, span: RowSpan): Promise<void> {
  const grid: SheetGrid = await port.readRows(span.sheet, span.fromRow, span.toRow);
  const count = span.toRow - span.fromRow + 1;
  const startsAtA1 = grid.rows.length > count || span.fromRow === 1;
  const slice = startsAtA1 ? grid.rows.slice(span.fromRow - 1, span.toRow) : grid.rows.slice(0, count);
  while (slice.length < count) slice.push([]);
  await session.replaceRows(span.sheet, span.fromRow, slice);
}

/** Reads the named sheets whole into the session; answers the rows to repaint (a deleted sheet has none left). */
export async function readSheetsInto(
  port: ExcelPort,
  session: LiveSession,
  names: string[],
  progress: (p: Progress) => void,
): Promise<RowSpan[]> {
  if (names.length === 0) return [];
  const workbook = await port.readWorkbook(progress);
  const spans: RowSpan[] = [];
  for (const name of names) {
    const grid = workbook.sheets.find((s) => s.name === name);
    if (!grid) continue; // sheet deleted: nothing left to paint
    const before = session.rowCount(name);
    await session.replaceSheet(grid);
    spans.push({ sheet: name, fromRow: 1, toRow: Math.max(1, before, grid.rows.length) });
  }
  return spans;
}
