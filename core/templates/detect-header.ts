/** Header search: the best (pack, kind, header row) for a sheet, scored by the share of columns found. */
import type { SheetGrid } from '../grid/cell';
import { HEADER_SCAN_ROWS, kindIndex, lookup, rowTexts } from './detect-index';
import type { SheetKindSpec, TemplatePackSpec } from './types';

export interface Candidate {
  kind: SheetKindSpec;
  pack: TemplatePackSpec;
  headerRow: number;
  columnOf: number[];
  foundRow: number[];
  score: number;
}

function matchKind(
  kind: SheetKindSpec,
  pack: TemplatePackSpec,
  row: number,
  texts: string[],
  nextTexts: string[],
  titleAbove: boolean,
): Candidate | null {
  const ix = kindIndex(kind);
  const columnOf = new Array<number>(kind.columns.length).fill(0);
  const foundRow = new Array<number>(kind.columns.length).fill(0);
  const used = new Set<number>();
  let matched = 0;
  const scan = (ts: string[], r: number): void => {
    for (let c = 0; c < ts.length; c++) {
      const hits = lookup(ix, ts[c] ?? '');
      if (!hits || used.has(c)) continue;
      for (const i of hits) {
        if (columnOf[i] === 0) {
          columnOf[i] = c + 1;
          foundRow[i] = r;
          used.add(c);
          matched++;
          break;
        }
      }
    }
  };
  scan(texts, row);
  // The header row itself must hold headers; the next row only completes a two-row header.
  if (matched === 0) return null;
  if (ix.twoRow) {
    used.clear();
    scan(nextTexts, row + 1);
  }
  if (matched < 2) return null;
  const share = matched / kind.columns.length;
  if (share < ix.minShare) return null;
  let identified = false;
  for (const i of ix.anyOf) if (columnOf[i]) identified = true;
  if (!identified) return null;
  const score = share + matched * 0.001 + (titleAbove ? 0.05 : 0);
  return { kind, pack, headerRow: row, columnOf, foundRow, score };
}

export function findBest(sheet: SheetGrid, candidates: readonly TemplatePackSpec[]): Candidate | null {
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  let best: Candidate | null = null;
  const titlesSeen: string[] = [];
  let next = rowTexts(sheet, 1);
  for (let r = 1; r <= limit; r++) {
    const texts = next;
    next = rowTexts(sheet, r + 1);
    if (texts.every((t) => t === '') && next.every((t) => t === '')) continue;
    for (const pack of candidates) {
      for (const kind of pack.sheetKinds) {
        const ix = kindIndex(kind);
        const titleAbove = titlesSeen.some((t) => t.includes(ix.title) || (t.length >= 6 && ix.title.includes(t)));
        const cand = matchKind(kind, pack, r, texts, next, titleAbove);
        if (cand && (!best || cand.score > best.score + 1e-9)) best = cand;
      }
    }
    const joined = texts.join('');
    if (joined) titlesSeen.push(joined);
  }
  return best;
}
