/**
 * Pure helpers over cell positions for the adapter: compact keys, vertical runs, A1 area lists chunked
 * under Excel's address-length limit, and whether Excel would reinterpret a string written into a
 * General cell (so it must be written into a text-formatted cell instead).
 */
import { columnLetters } from '../../core/grid/address';

const WIDTH = 16_384;

/** A compact, sortable cell key: (row - 1) · 16384 + (column - 1). */
export function cellKey(row: number, column: number): number {
  return (row - 1) * WIDTH + (column - 1);
}

export function keyRow(key: number): number {
  return Math.floor(key / WIDTH) + 1;
}

export function keyColumn(key: number): number {
  return (key % WIDTH) + 1;
}

export function keyAddress(key: number): string {
  return `${columnLetters(keyColumn(key))}${keyRow(key)}`;
}

export interface Run {
  column: number;
  fromRow: number;
  toRow: number;
}

/**
 * Groups cells into vertical runs (one column, consecutive rows). `maxGap` > 0 lets a run swallow up to
 * that many cells that are not in the set (for reads, where fewer ranges beat a few extra cells).
 */
export function verticalRuns(keys: Iterable<number>, maxGap = 0): Run[] {
  const byColumn = new Map<number, number[]>();
  for (const k of keys) {
    const c = keyColumn(k);
    let rows = byColumn.get(c);
    if (!rows) byColumn.set(c, (rows = []));
    rows.push(keyRow(k));
  }
  const runs: Run[] = [];
  for (const column of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = (byColumn.get(column) ?? []).sort((a, b) => a - b);
    let start = rows[0];
    let prev = rows[0];
    for (let i = 1; i <= rows.length; i++) {
      const r = rows[i];
      if (start === undefined || prev === undefined) break;
      if (r !== undefined && r === prev) continue;
      if (r !== undefined && r - prev <= maxGap + 1) {
        prev = r;
        continue;
      }
      runs.push({ column, fromRow: start, toRow: prev });
      start = r;
      prev = r;
    }
  }
  return runs;
}

export function runAddress(run: Run): string {
  const col = columnLetters(run.column);
  return run.fromRow === run.toRow ? `${col}${run.fromRow}` : `${col}${run.fromRow}:${col}${run.toRow}`;
}

/** Joins areas into comma lists each shorter than `maxChars` (Excel rejects RangeAreas addresses ≳ 8,200). */
export function chunkAreas(areas: readonly string[], maxChars: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const a of areas) {
    if (current && current.length + 1 + a.length > maxChars) {
      out.push(current);
      current = '';
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) out.push(current);
  return out;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/;
const DATE_LIKE = /^\d{1,4}[-/年.]\d{1,2}([-/月.]\d{1,4}日?)?$/;
const TIME_LIKE = /^\d{1,2}:\d{2}(:\d{2})?$/;

/**
 * True when Excel would not keep `s` as the same string if it were written into a General cell: numbers
 * (an ID loses digits 16–18, a leading zero vanishes), dates, times, TRUE/FALSE, formulas, a leading
 * apostrophe. Such values go into text-formatted (`@`) cells.
 */
export function excelWouldReinterpret(s: string): boolean {
  const t = s.trim();
  if (t === '') return false;
  return NUMERIC.test(t) || DATE_LIKE.test(t) || TIME_LIKE.test(t) || /^(true|false)$/i.test(t) || /^[=+@-]/.test(s) || s.startsWith("'");
}
