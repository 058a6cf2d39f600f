/** Data range: where the data rows of a recognised table start and end (footer lines, blank tail). */
import type { Cell, SheetGrid } from '../grid/cell';
import { normalizeHeader, stripParenthetical } from '../text/normalize';
import { kindIndex, rowTexts, type KindIndex } from './detect-index';
import { FOOTER_WORDS } from './form-words';
import type { SheetKindSpec } from './types';


export function isHeaderishRow(sheet: SheetGrid, row: number, ix: KindIndex): boolean {
  const texts = rowTexts(sheet, row);
  let any = false;
  for (const t of texts) {
    if (!t) continue;
    if (!ix.headerish.has(t) && !ix.headerish.has(stripParenthetical(t))) return false;
    any = true;
  }
  return any;
}

const FOOTER_FIRST_CHARS = new Set<string>();
for (const p of FOOTER_WORDS) FOOTER_FIRST_CHARS.add(p.charAt(0));

/** The text of the row's first non-blank cell, when it could start a footer line (cheap pre-filter). */
function firstText(cells: (Cell | null | undefined)[] | undefined): string | null {
  if (!cells) return null;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (!cell || cell.value === null) continue;
    if (typeof cell.value !== 'string') return null;
    if (cell.value.trim() === '') continue;
    return cell.value;
  }
  return null;
}

function isFooterRow(cells: (Cell | null | undefined)[] | undefined, ix: KindIndex, firstChars: Set<string>): boolean {
  const t = firstText(cells);
  if (t === null) return false;
  const head = t.trimStart().charAt(0);
  if (!firstChars.has(head) && !firstChars.has(head.normalize('NFKC'))) return false;
  const n = normalizeHeader(t);
  return ix.footerPrefixes.some((p) => n.startsWith(p));
}

const footerFirstCharCache = new WeakMap<KindIndex, Set<string>>();
function footerFirstChars(ix: KindIndex): Set<string> {
  let s = footerFirstCharCache.get(ix);
  if (!s) {
    s = new Set([...FOOTER_FIRST_CHARS, ...ix.footerPrefixes.map((p) => p.charAt(0))]);
    footerFirstCharCache.set(ix, s);
  }
  return s;
}

/** True when every mapped, non-serial column of the row is blank. */
export function isBlankDataRow(cells: (Cell | null | undefined)[] | undefined, kind: SheetKindSpec, columnOf: number[]): boolean {
  if (!cells) return true;
  for (let i = 0; i < columnOf.length; i++) {
    const col = columnOf[i];
    if (!col) continue;
    if (kind.columns[i]?.type === 'serial') continue;
    const cell = cells[col - 1];
    if (!cell || cell.value === null) continue;
    if (typeof cell.value === 'string' && cell.value.trim() === '') continue;
    return false;
  }
  return true;
}

export interface DataRange {
  footerRow: number | null;
  firstDataRow: number | null;
  lastDataRow: number | null;
}

/** Data rows start after the header and end before the first footer line, blank tail excluded. */
export function findDataRange(sheet: SheetGrid, kind: SheetKindSpec, columnOf: number[], dataStart: number): DataRange {
  const ix = kindIndex(kind);
  const chars = footerFirstChars(ix);
  let footerRow: number | null = null;
  let last = 0;
  const n = sheet.rows.length;
  for (let r = dataStart; r <= n; r++) {
    const cells = sheet.rows[r - 1];
    if (isFooterRow(cells, ix, chars)) {
      footerRow = r;
      break;
    }
    if (!isBlankDataRow(cells, kind, columnOf)) last = r;
  }
  return last >= dataStart ? { footerRow, firstDataRow: dataStart, lastDataRow: last } : { footerRow, firstDataRow: null, lastDataRow: null };
}
