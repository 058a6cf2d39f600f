import type { Issue } from '../../core/issues/issue';
import { toA1 } from '../../core/grid/address';
import type { RowShift, RowSpan } from './coalesce-changes';
import { mergeSpans } from './coalesce-changes';

/** Stable identity of an issue across re-validations (same cell, same problem). */
export function issueKey(issue: Pick<Issue, 'sheet' | 'address' | 'code'>): string {
  return `${issue.sheet}!${issue.address}#${issue.code}`;
}

/**
 * Where old issues sit after rows moved. Highlights are cell formats, so Excel moved them with the rows;
 * issues on deleted rows vanished together with their fill.
 */
export function shiftIssues(issues: readonly Issue[], shifts: readonly RowShift[]): Issue[] {
  if (shifts.length === 0) return [...issues];
  const out: Issue[] = [];
  for (const issue of issues) {
    let row: number | null = issue.row;
    for (const s of shifts) {
      if (row === null || s.sheet !== issue.sheet) continue;
      if (s.kind === 'insert') {
        if (row >= s.atRow) row += s.count;
      } else if (row >= s.atRow + s.count) row -= s.count;
      else if (row >= s.atRow) row = null;
    }
    if (row === null) continue;
    out.push(row === issue.row ? issue : { ...issue, row, address: toA1(row, issue.column) });
  }
  return out;
}

function signatureByRow(issues: readonly Issue[]): Map<string, string> {
  const rows = new Map<string, string[]>();
  for (const i of issues) {
    const k = `${i.sheet}\u0000${i.row}`;
    const list = rows.get(k) ?? [];
    // The params stand for the message (a note shows it), rendered from them when painted.
    list.push(`${i.column}:${i.severity}:${i.code}:${JSON.stringify(i.params)}`);
    rows.set(k, list);
  }
  const out = new Map<string, string>();
  for (const [k, list] of rows) out.set(k, list.sort().join('|'));
  return out;
}

/**
 * Rows whose highlights must be redrawn: those whose issues differ between `before` (already shifted)
 * and `after`, plus rows that were re-read (a paste may have overwritten the fill). Nearby rows merge
 * into one span so Excel gets few, larger calls.
 */
export function rowsToRepaint(
  before: readonly Issue[],
  after: readonly Issue[],
  reread: readonly RowSpan[] = [],
): RowSpan[] {
  const a = signatureByRow(before);
  const b = signatureByRow(after);
  const bySheet = new Map<string, { fromRow: number; toRow: number }[]>();
  const add = (sheet: string, fromRow: number, toRow: number): void => {
    const list = bySheet.get(sheet) ?? [];
    list.push({ fromRow, toRow });
    bySheet.set(sheet, list);
  };
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(k) === b.get(k)) continue;
    const [sheet = '', row = '0'] = k.split('\u0000');
    add(sheet, Number(row), Number(row));
  }
  for (const r of reread) add(r.sheet, r.fromRow, r.toRow);
  const out: RowSpan[] = [];
  for (const [sheet, list] of bySheet) for (const s of mergeSpans(list, 3)) out.push({ sheet, ...s });
  return out;
}

export function issuesInSpan(issues: readonly Issue[], span: RowSpan): Issue[] {
  return issues.filter((i) => i.sheet === span.sheet && i.row >= span.fromRow && i.row <= span.toRow);
}
