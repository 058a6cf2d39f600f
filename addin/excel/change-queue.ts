/**
 * Delivers `onChanged` events to the pane without losing any: events are queued, delivered in order in
 * small batches, and while the handler is still busy with the previous batch (it may return a promise)
 * new events wait and are delivered together afterwards. Consecutive edits of touching rows of one sheet
 * are merged; inserted/deleted rows are never merged (the pane replays them in order).
 */
import type { SheetChange } from './port';

const A1_AREA = /^\$?([A-Z]{1,3})?\$?(\d+)?(?::\$?([A-Z]{1,3})?\$?(\d+)?)?$/;

function colNum(s: string): number {
  let c = 0;
  for (const ch of s) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c;
}

function colLetters(n: number): string {
  let out = '';
  let x = n;
  while (x > 0) {
    const rem = (x - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    x = Math.floor((x - 1) / 26);
  }
  return out;
}

interface Box {
  r1: number;
  r2: number;
  c1: number;
  c2: number;
}

/** `B7`, `A10:H12` → box; whole rows/columns and junk → null (not merged). */
export function boxOf(address: string): Box | null {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const m = A1_AREA.exec(local.toUpperCase());
  if (!m || !m[1] || !m[2]) return null;
  const c1 = colNum(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? colNum(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  if (m[3] === undefined && m[4] !== undefined) return null;
  return { r1: Math.min(r1, r2), r2: Math.max(r1, r2), c1: Math.min(c1, c2), c2: Math.max(c1, c2) };
}

function boxAddress(b: Box): string {
  const a = `${colLetters(b.c1)}${b.r1}`;
  return b.r1 === b.r2 && b.c1 === b.c2 ? a : `${a}:${colLetters(b.c2)}${b.r2}`;
}

/** Merges consecutive RangeEdited changes of one sheet whose rows touch or overlap. */
export function mergeChanges(changes: readonly SheetChange[]): SheetChange[] {
  const out: SheetChange[] = [];
  for (const c of changes) {
    const last = out[out.length - 1];
    if (last && last.changeType === 'RangeEdited' && c.changeType === 'RangeEdited' && last.sheet === c.sheet) {
      if (last.address === c.address) continue;
      const a = boxOf(last.address);
      const b = boxOf(c.address);
      if (a && b && b.r1 <= a.r2 + 1 && a.r1 <= b.r2 + 1) {
        last.address = boxAddress({ r1: Math.min(a.r1, b.r1), r2: Math.max(a.r2, b.r2), c1: Math.min(a.c1, b.c1), c2: Math.max(a.c2, b.c2) });
        continue;
      }
    }
    out.push({ ...c });
  }
  return out;
}

export class ChangeQueue {
  private pending: SheetChange[] = [];
  private busy = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly handler: (changes: SheetChange[]) => unknown;
  private readonly delayMs: number;
  private readonly onError: (e: unknown) => void;

  constructor(handler: (changes: SheetChange[]) => unknown, delayMs: number, onError: (e: unknown) => void) {
    this.handler = handler;
    this.delayMs = delayMs;
    this.onError = onError;
  }

  push(change: SheetChange): void {
    if (this.stopped) return;
    this.pending.push(change);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.pending = [];
  }

  private schedule(): void {
    if (this.timer || this.busy) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
  }

  private async flush(): Promise<void> {
    if (this.busy || this.stopped || this.pending.length === 0) return;
    const batch = mergeChanges(this.pending);
    this.pending = [];
    this.busy = true;
    try {
      await this.handler(batch);
    } catch (e) {
      this.onError(e);
    } finally {
      this.busy = false;
      if (this.pending.length > 0) this.schedule();
    }
  }
}
