/**
 * A1 addresses for the stand-in: `A1`, `$B$7`, `A1:C9`, `A:C`, `3:5`, with an optional `Sheet!` or
 * `'My sheet'!` prefix. Plain TS (no Node API) so the stand-in also runs in a browser page.
 */
import { columnLetters, columnNumber } from '../../core/grid/address';

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of 1-based inclusive rows and columns. */
export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** Splits `Sheet1!A1:B2` into sheet name (unquoted) and the local part. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { sheet: null, local: address.trim() };
  let sheet = address.slice(0, bang).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1).trim() };
}

/** One area (no commas). Returns null when not a valid A1 area. */
export function parseArea(local: string): Rect | null {
  const parts = local.replace(/\$/g, '').toUpperCase().split(':');
  if (parts.length < 1 || parts.length > 2) return null;
  const a = parts[0] ?? '';
  const b = parts[1] ?? a;
  const cell = /^([A-Z]{1,3})(\d+)$/;
  const col = /^([A-Z]{1,3})$/;
  const row = /^(\d+)$/;
  let rect: Rect | null = null;
  const ma = cell.exec(a);
  const mb = cell.exec(b);
  if (ma && mb) {
    rect = { r1: Number(ma[2]), c1: columnNumber(ma[1] ?? ''), r2: Number(mb[2]), c2: columnNumber(mb[1] ?? '') };
  } else if (col.test(a) && col.test(b) && parts.length === 2) {
    rect = { r1: 1, c1: columnNumber(a), r2: MAX_ROWS, c2: columnNumber(b) };
  } else if (row.test(a) && row.test(b) && parts.length === 2) {
    rect = { r1: Number(a), c1: 1, r2: Number(b), c2: MAX_COLUMNS };
  }
  if (!rect) return null;
  const n: Rect = {
    r1: Math.min(rect.r1, rect.r2),
    r2: Math.max(rect.r1, rect.r2),
    c1: Math.min(rect.c1, rect.c2),
    c2: Math.max(rect.c1, rect.c2),
  };
  if (n.r1 < 1 || n.c1 < 1 || n.r2 > MAX_ROWS || n.c2 > MAX_COLUMNS) return null;
  return n;
}

export function formatArea(rect: Rect): string {
  if (rect.c1 === 1 && rect.c2 === MAX_COLUMNS) return `${rect.r1}:${rect.r2}`;
  if (rect.r1 === 1 && rect.r2 === MAX_ROWS) return `${columnLetters(rect.c1)}:${columnLetters(rect.c2)}`;
  const a = `${columnLetters(rect.c1)}${rect.r1}`;
  if (rect.r1 === rect.r2 && rect.c1 === rect.c2) return a;
  return `${a}:${columnLetters(rect.c2)}${rect.r2}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const r: Rect = { r1: Math.max(a.r1, b.r1), c1: Math.max(a.c1, b.c1), r2: Math.min(a.r2, b.r2), c2: Math.min(a.c2, b.c2) };
  return r.r1 <= r.r2 && r.c1 <= r.c2 ? r : null;
}

export function cellCount(rect: Rect): number {
  return (rect.r2 - rect.r1 + 1) * (rect.c2 - rect.c1 + 1);
}
