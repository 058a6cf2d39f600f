/**
 * The add-in's own writes, told apart from the clerk's edits on hosts without `triggerSource` (ExcelApi
 * 1.14): `onChanged` fires for the add-in's values and fills too (excel-add-ins-worksheets, "Detect
 * changes"), and events arrive late — seconds after the write, after later writes (the stand-in's
 * `eventDelayMs`) — so a mark that expires after a fixed time would let them through as the clerk's.
 *
 * Marks are by identity instead: for every cell the add-in wrote, what it left there (the fill, and the
 * value the cell held then or the value written). An event is the add-in's when every cell it names was
 * written by the add-in AND still holds exactly that, read back when the event arrives; a cell the clerk
 * changed since no longer matches, its event is the clerk's, and its mark is dropped.
 */
import { parseA1 } from '../../core/grid/address';
import { cellKey } from './cells';

export interface Rect {
  r1: number;
  r2: number;
  c1: number;
  c2: number;
}

interface Expected {
  /** The fill the add-in left (null: none); undefined = not written by the add-in. */
  fill?: string | null;
  /** The value the cell held or was given; undefined = not known. */
  value?: unknown;
}

/** What a cell shows now, as read back for a check. */
export interface CellNow {
  fill?: string | null;
  value?: unknown;
}

/** Events naming more cells are never taken as the add-in's (checking them would cost a large read). */
export const MAX_CHECKED_CELLS = 20_000;
/** Marks kept at most; beyond, the oldest sheet's marks go (its events then reach the pane: a re-read). */
const MAX_MARKS = 1_000_000;

/** `B7`, `A10:H12`, `5:7` (whole rows), with or without a sheet prefix; null for junk. */
export function rectOf(address: string): Rect | null {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [a, b] = local.split(':');
  const rowOnly = /^\$?(\d+)$/;
  if (a && b && rowOnly.test(a) && rowOnly.test(b)) {
    const r1 = Number(rowOnly.exec(a)?.[1]);
    const r2 = Number(rowOnly.exec(b)?.[1]);
    return { r1, r2, c1: 1, c2: 16_384 };
  }
  const p = a ? parseA1(a) : null;
  const q = b ? parseA1(b) : p;
  if (!p || !q) return null;
  return { r1: Math.min(p.row, q.row), r2: Math.max(p.row, q.row), c1: Math.min(p.column, q.column), c2: Math.max(p.column, q.column) };
}

export function rectCells(rect: Rect): number {
  return (rect.r2 - rect.r1 + 1) * (rect.c2 - rect.c1 + 1);
}

function sameFill(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? null)?.toUpperCase() === (b ?? null)?.toUpperCase();
}

/** Excel returns '' for an empty cell and numbers as numbers; the add-in may have written null or a string. */
function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v));
  return norm(a) === norm(b);
}

export class OwnWrites {
  private readonly sheets = new Map<string, Map<number, Expected>>();
  private size = 0;

  private cells(sheet: string): Map<number, Expected> {
    let m = this.sheets.get(sheet);
    if (!m) {
      if (this.size > MAX_MARKS) this.dropOldest();
      this.sheets.set(sheet, (m = new Map()));
    }
    return m;
  }

  private dropOldest(): void {
    const first = this.sheets.keys().next();
    if (first.done) return;
    this.size -= this.sheets.get(first.value)?.size ?? 0;
    this.sheets.delete(first.value);
  }

  private expect(sheet: string, key: number): Expected {
    const m = this.cells(sheet);
    let e = m.get(key);
    if (!e) {
      m.set(key, (e = {}));
      this.size++;
    }
    return e;
  }

  /** The add-in filled (or cleared, `fill` null) one cell that held `value` (undefined: not read). */
  markFill(sheet: string, key: number, fill: string | null, value: unknown): void {
    const e = this.expect(sheet, key);
    e.fill = fill;
    if (value !== undefined) e.value = value;
  }

  /** The add-in wrote `values` into the area at `address` (a single value fills it all). */
  markValues(sheet: string, address: string, values: unknown[][] | null): void {
    const rect = rectOf(address);
    if (!rect || rectCells(rect) > MAX_MARKS) return;
    for (let r = rect.r1; r <= rect.r2; r++)
      for (let c = rect.c1; c <= rect.c2; c++) {
        const v = values ? values[r - rect.r1]?.[c - rect.c1] : undefined;
        this.expect(sheet, cellKey(r, c)).value = v ?? '';
      }
  }

  /** Whether an event on `rect` may be the add-in's: every cell of it was written by the add-in. */
  covers(sheet: string, rect: Rect): boolean {
    const m = this.sheets.get(sheet);
    if (!m || rectCells(rect) > MAX_CHECKED_CELLS) return false;
    for (let r = rect.r1; r <= rect.r2; r++) for (let c = rect.c1; c <= rect.c2; c++) if (!m.has(cellKey(r, c))) return false;
    return true;
  }

  /** What must be read back to check `rect`: fills, values, or both. */
  needs(sheet: string, rect: Rect): { fills: boolean; values: boolean } {
    const m = this.sheets.get(sheet);
    const out = { fills: false, values: false };
    if (!m) return out;
    for (let r = rect.r1; r <= rect.r2; r++)
      for (let c = rect.c1; c <= rect.c2; c++) {
        const e = m.get(cellKey(r, c));
        if (e?.fill !== undefined) out.fills = true;
        if (e?.value !== undefined) out.values = true;
      }
    return out;
  }

  /**
   * True when every cell of `rect` still holds what the add-in left there (the event is the add-in's).
   * Cells that differ are the clerk's now: their marks go, so their later events reach the pane too.
   */
  matches(sheet: string, rect: Rect, now: (key: number) => CellNow): boolean {
    const m = this.sheets.get(sheet);
    if (!m) return false;
    let all = true;
    for (let r = rect.r1; r <= rect.r2; r++)
      for (let c = rect.c1; c <= rect.c2; c++) {
        const key = cellKey(r, c);
        const e = m.get(key);
        const cur = now(key);
        const ok = !!e && (e.fill === undefined || sameFill(e.fill, cur.fill)) && (e.value === undefined || sameValue(e.value, cur.value));
        if (!ok) {
          all = false;
          if (m.delete(key)) this.size--;
        }
      }
    return all;
  }
}
