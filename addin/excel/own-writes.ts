/**
 * The add-in's own writes, told apart from the clerk's edits on hosts without `triggerSource` (ExcelApi
 * 1.14): `onChanged` fires for the add-in's values and fills too (excel-add-ins-worksheets, "Detect
 * changes"). Each write is marked; an event wholly inside a marked area is the add-in's.
 */
import { parseA1 } from '../../core/grid/address';

export interface Rect {
  r1: number;
  r2: number;
  c1: number;
  c2: number;
}

interface Mark extends Rect {
  sheet: string;
  until: number;
}

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

export class OwnWrites {
  private readonly marks: Mark[] = [];
  private readonly windowMs: number;
  /** Marks of the batch being written; they start to expire when it ends. */
  private open: Mark[] = [];

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  private mark(sheet: string, address: string): void {
    const rect = rectOf(address);
    if (!rect) return;
    const m: Mark = { sheet, ...rect, until: Number.POSITIVE_INFINITY };
    this.marks.push(m);
    this.open.push(m);
  }

  markFill(sheet: string, address: string): void {
    this.mark(sheet, address);
  }

  markValues(sheet: string, address: string): void {
    this.mark(sheet, address);
  }

  /** The batch's sync is over (done or failed). */
  endBatch(): void {
    const until = Date.now() + this.windowMs;
    for (const m of this.open) m.until = until;
    this.open = [];
  }

  isOwn(sheet: string, address: string): boolean {
    const now = Date.now();
    for (let i = this.marks.length - 1; i >= 0; i--) if ((this.marks[i]?.until ?? 0) < now) this.marks.splice(i, 1);
    const rect = rectOf(address);
    if (!rect) return false;
    return this.marks.some((w) => w.sheet === sheet && rect.r1 >= w.r1 && rect.r2 <= w.r2 && rect.c1 >= w.c1 && rect.c2 <= w.c2);
  }
}
