import type { SheetChange } from '../excel/port';

/** A row move the session must replay before fresh rows are read (rows are 1-based). */
export interface RowShift {
  sheet: string;
  kind: 'insert' | 'delete';
  atRow: number;
  count: number;
}

export interface RowSpan {
  sheet: string;
  fromRow: number;
  toRow: number;
}

/**
 * What a burst of `onChanged` events asks for, in the order it must be done: replay the row shifts on the
 * session (so its rows line up with the sheet again), then read the dirty spans — every span is in the
 * sheet's FINAL coordinates, because reading happens after the whole burst — and re-read whole sheets
 * whose columns moved or whose change could not be placed.
 */
export interface ChangePlan {
  shifts: RowShift[];
  reads: RowSpan[];
  wholeSheets: string[];
}

/** Rows an address covers: `B7`, `A10:H12`, `5:7`, `$A$1:$C$3`; null for whole columns (`C:E`) or junk. */
export function rowsOf(address: string): { fromRow: number; toRow: number } | null {
  const bare = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const parts = bare.replace(/\$/g, '').split(':');
  const rows: number[] = [];
  for (const part of parts) {
    const m = /^[A-Za-z]{0,3}(\d+)$/.exec(part.trim());
    if (!m?.[1]) return null;
    rows.push(Number(m[1]));
  }
  if (rows.length === 0) return null;
  return { fromRow: Math.min(...rows), toRow: Math.max(...rows) };
}

/**
 * Turns a burst of change events into one plan: edits to the same sheet merge into spans, spans move with
 * later inserted/deleted rows, and a sheet that must be re-read whole swallows its other work.
 */
export function coalesceChanges(changes: readonly SheetChange[]): ChangePlan {
  const shifts: RowShift[] = [];
  const spans = new Map<string, { fromRow: number; toRow: number }[]>();
  const whole = new Set<string>();

  const addSpan = (sheet: string, fromRow: number, toRow: number): void => {
    const list = spans.get(sheet) ?? [];
    list.push({ fromRow, toRow });
    spans.set(sheet, list);
  };

  for (const change of changes) {
    if (whole.has(change.sheet)) continue;
    const rows = rowsOf(change.address);
    const structural = change.changeType === 'RowInserted' || change.changeType === 'RowDeleted';
    if (!rows || change.changeType === 'ColumnInserted' || change.changeType === 'ColumnDeleted') {
      whole.add(change.sheet);
      spans.delete(change.sheet);
      continue;
    }
    if (!structural) {
      if (change.changeType === 'CellInserted' || change.changeType === 'CellDeleted') {
        // Cells shifted up or down (or sideways) inside the rows: everything from here down may have moved.
        whole.add(change.sheet);
        spans.delete(change.sheet);
        continue;
      }
      addSpan(change.sheet, rows.fromRow, rows.toRow);
      continue;
    }
    const count = rows.toRow - rows.fromRow + 1;
    const at = rows.fromRow;
    const list = spans.get(change.sheet) ?? [];
    const moved: { fromRow: number; toRow: number }[] = [];
    for (const s of list) {
      if (change.changeType === 'RowInserted') {
        if (s.fromRow >= at) moved.push({ fromRow: s.fromRow + count, toRow: s.toRow + count });
        else if (s.toRow >= at) moved.push({ fromRow: s.fromRow, toRow: s.toRow + count });
        else moved.push(s);
      } else {
        const end = at + count - 1;
        if (s.toRow < at) moved.push(s);
        else if (s.fromRow > end) moved.push({ fromRow: s.fromRow - count, toRow: s.toRow - count });
        else {
          // Overlaps the deleted rows: keep what survives, now touching `at`.
          const from = Math.min(s.fromRow, at);
          const to = Math.max(s.toRow - count, at - 1);
          if (to >= from) moved.push({ fromRow: from, toRow: to });
        }
      }
    }
    spans.set(change.sheet, moved);
    shifts.push({
      sheet: change.sheet,
      kind: change.changeType === 'RowInserted' ? 'insert' : 'delete',
      atRow: at,
      count,
    });
  }

  const reads: RowSpan[] = [];
  for (const [sheet, list] of spans) {
    for (const s of mergeSpans(list)) reads.push({ sheet, ...s });
  }
  return {
    shifts: shifts.filter((s) => !whole.has(s.sheet)),
    reads,
    wholeSheets: [...whole],
  };
}

/** Sorts and merges overlapping or touching spans (gap ≤ `slack` rows: one read beats two small ones). */
export function mergeSpans(
  list: readonly { fromRow: number; toRow: number }[],
  slack = 0,
): { fromRow: number; toRow: number }[] {
  const sorted = [...list].sort((a, b) => a.fromRow - b.fromRow);
  const out: { fromRow: number; toRow: number }[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.fromRow <= last.toRow + 1 + slack) last.toRow = Math.max(last.toRow, s.toRow);
    else out.push({ ...s });
  }
  return out;
}
