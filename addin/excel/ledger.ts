/**
 * What the add-in painted: for every cell it highlighted, the fill it set, the fill the cell had before
 * and whether it put a note or comment there. Stored in the workbook's add-in settings (ExcelApi 1.4), one
 * setting per worksheet id, so a reload — or another clerk's machine — removes exactly these highlights
 * and never a clerk's own fills or comments. Areas are stored compactly (`D7:D40,F9`), grouped by
 * (fill, previous fill, note kind).
 */
import type { Severity } from '../../core/issues/issue';
import { cellKey, keyAddress, runAddress, verticalRuns } from './cells';
import { parseA1 } from '../../core/grid/address';

export const LEDGER_PREFIX = 'yanyin.highlights.';

/** The add-in's fills (Excel's "Bad" and "Neutral" fills). */
export const HIGHLIGHT_COLORS: Record<Severity, string> = { error: '#FFC7CE', warning: '#FFEB9C' };
/** Every note/comment the add-in writes starts with this mark; others are the clerk's. */
export const NOTE_MARK = '【验印】';
const OWN_COLORS = new Set(Object.values(HIGHLIGHT_COLORS));

/** Whether `color` is one the add-in paints (compared case-insensitively, as Excel answers `#ffc7ce` too). */
export function isHighlightColor(color: string | null | undefined): boolean {
  return !!color && OWN_COLORS.has(color.toUpperCase());
}

export type NoteKind = 'note' | 'comment' | null;

export interface Highlight {
  /** The fill the add-in set (`#RRGGBB`). */
  color: string;
  /** The cell's fill before the add-in's first highlight; null = no fill. */
  prev: string | null;
  note: NoteKind;
  /** Short hash of the note text, to skip rewriting an unchanged note. */
  noteHash?: string;
  /** Comment id (ExcelApi 1.10 comments). */
  commentId?: string;
}

/** The stored form (JSON in a workbook setting). */
export interface LedgerRecord {
  v: 1;
  sheet: string;
  groups: { c: string; p: string | null; n: 0 | 1 | 2; a: string }[];
  hashes?: Record<string, string>;
  comments?: Record<string, string>;
}

export interface SheetLedger {
  id: string;
  name: string;
  cells: Map<number, Highlight>;
}

/** FNV-1a, base 36: enough to notice that a note's text changed. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

function expandArea(area: string, into: (key: number) => void): void {
  const [a, b] = area.split(':');
  const p = a ? parseA1(a) : null;
  const q = b ? parseA1(b) : p;
  if (!p || !q) return;
  for (let r = Math.min(p.row, q.row); r <= Math.max(p.row, q.row); r++)
    for (let c = Math.min(p.column, q.column); c <= Math.max(p.column, q.column); c++) into(cellKey(r, c));
}

export class HighlightLedger {
  private readonly sheets = new Map<string, SheetLedger>();
  /** Sheet ids whose stored record is out of date. */
  readonly dirty = new Set<string>();
  loaded = false;

  sheet(id: string, name: string): SheetLedger {
    let s = this.sheets.get(id);
    if (!s) {
      s = { id, name, cells: new Map() };
      this.sheets.set(id, s);
    }
    s.name = name;
    return s;
  }

  existing(id: string): SheetLedger | undefined {
    return this.sheets.get(id);
  }

  all(): SheetLedger[] {
    return [...this.sheets.values()];
  }

  clear(): void {
    this.sheets.clear();
    this.lost.clear();
    this.dirty.clear();
    this.loaded = false;
  }

  /**
   * Highlights moved out of place (a sort, cut/paste or drag moved their cells), per sheet id: taken back
   * when the same colour turns up elsewhere in a rebuilt area (ledger-rebuild.ts). In memory only.
   */
  readonly lost = new Map<string, Highlight[]>();

  /**
   * Records a highlight. Guard: the fill to restore is never one of the add-in's own colours — a cell that
   * already shows one (a highlight moved there, or a ledger lost) gets "no fill" back, not a red that
   * would stay forever.
   */
  set(id: string, name: string, key: number, h: Highlight): void {
    const safe = isHighlightColor(h.prev) ? { ...h, prev: null } : h;
    this.sheet(id, name).cells.set(key, safe);
    this.dirty.add(id);
  }

  delete(id: string, key: number): void {
    if (this.sheets.get(id)?.cells.delete(key)) this.dirty.add(id);
  }

  /** Rows moved in Excel (insert: count > 0 at `atRow`; delete: count < 0 removes atRow..atRow-count-1). */
  shiftRows(id: string, atRow: number, count: number): void {
    const s = this.sheets.get(id);
    if (!s || count === 0) return;
    const next = new Map<number, Highlight>();
    for (const [key, h] of s.cells) {
      const row = Math.floor(key / 16_384) + 1;
      const col = (key % 16_384) + 1;
      if (row < atRow) next.set(key, h);
      else if (count < 0 && row < atRow - count) continue;
      else next.set(cellKey(row + count, col), h);
    }
    s.cells = next;
    this.dirty.add(id);
  }

  toRecord(id: string): LedgerRecord | null {
    const s = this.sheets.get(id);
    if (!s || s.cells.size === 0) return null;
    const groups = new Map<string, { c: string; p: string | null; n: 0 | 1 | 2; keys: number[] }>();
    const hashes: Record<string, string> = {};
    const comments: Record<string, string> = {};
    for (const [key, h] of s.cells) {
      const n = h.note === 'note' ? 1 : h.note === 'comment' ? 2 : 0;
      const g = `${h.color}|${h.prev ?? ''}|${n}`;
      let group = groups.get(g);
      if (!group) groups.set(g, (group = { c: h.color, p: h.prev, n, keys: [] }));
      group.keys.push(key);
      if (h.noteHash) hashes[keyAddress(key)] = h.noteHash;
      if (h.commentId) comments[keyAddress(key)] = h.commentId;
    }
    const record: LedgerRecord = {
      v: 1,
      sheet: s.name,
      groups: [...groups.values()].map((g) => ({ c: g.c, p: g.p, n: g.n, a: verticalRuns(g.keys).map(runAddress).join(',') })),
    };
    if (Object.keys(hashes).length > 0) record.hashes = hashes;
    if (Object.keys(comments).length > 0) record.comments = comments;
    return record;
  }

  /** Loads one stored record; malformed records are ignored (never trust stored data blindly). */
  loadRecord(id: string, value: unknown): void {
    const r = value as Partial<LedgerRecord> | null;
    if (!r || r.v !== 1 || !Array.isArray(r.groups)) return;
    const s = this.sheet(id, typeof r.sheet === 'string' ? r.sheet : '');
    for (const g of r.groups) {
      if (!g || typeof g.c !== 'string' || typeof g.a !== 'string') continue;
      const note: NoteKind = g.n === 1 ? 'note' : g.n === 2 ? 'comment' : null;
      const prev = typeof g.p === 'string' && !isHighlightColor(g.p) ? g.p : null;
      for (const area of g.a.split(',')) expandArea(area, (key) => s.cells.set(key, { color: g.c, prev, note }));
    }
    for (const [addr, hash] of Object.entries(r.hashes ?? {})) {
      const p = parseA1(addr);
      const h = p ? s.cells.get(cellKey(p.row, p.column)) : undefined;
      if (h && typeof hash === 'string') h.noteHash = hash;
    }
    for (const [addr, cid] of Object.entries(r.comments ?? {})) {
      const p = parseA1(addr);
      const h = p ? s.cells.get(cellKey(p.row, p.column)) : undefined;
      if (h && typeof cid === 'string') h.commentId = cid;
    }
  }
}
