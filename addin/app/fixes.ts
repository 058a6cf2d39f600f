import type { Issue } from '../../core/issues/issue';
import type { CellFix } from '../excel/port';
import type { RowSpan } from './coalesce-changes';
import type { LiveSession } from './engine';

/** A cell a fix left alone because the clerk changed it after validation. */
export interface StaleCell {
  sheet: string;
  address: string;
}

/** The fixes the issues offer, each expecting the value the session validated (the port skips a changed cell). */
export function cellFixes(issues: readonly Issue[], current: LiveSession): CellFix[] {
  const fixes: CellFix[] = [];
  for (const i of issues) {
    if (i.fix === undefined) continue;
    fixes.push({
      sheet: i.sheet,
      address: i.address,
      expected: current.cell(i.sheet, i.row, i.column)?.value ?? null,
      value: i.fix,
    });
  }
  return fixes;
}

/** The rows the issues are on, as spans per sheet (rows up to 20 apart share one read). */
export function touchedSpans(issues: readonly Issue[]): RowSpan[] {
  const rows = new Map<string, number[]>();
  for (const i of issues) rows.set(i.sheet, [...(rows.get(i.sheet) ?? []), i.row]);
  const spans: RowSpan[] = [];
  for (const [sheet, list] of rows) {
    const sorted = [...new Set(list)].sort((a, b) => a - b);
    let from = sorted[0];
    let to = from;
    for (const r of sorted.slice(1).concat([Number.POSITIVE_INFINITY])) {
      if (from === undefined || to === undefined) break;
      if (r <= to + 20) to = r;
      else {
        spans.push({ sheet, fromRow: from, toRow: to });
        from = r;
        to = r;
      }
    }
  }
  return spans;
}

export function mergeStale(a: readonly StaleCell[], b: readonly StaleCell[]): StaleCell[] {
  const seen = new Set(a.map((s) => `${s.sheet}!${s.address}`));
  const out = [...a];
  for (const s of b) {
    const k = `${s.sheet}!${s.address}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(s);
    }
  }
  return out;
}
