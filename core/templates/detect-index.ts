/** Per-kind lookup tables for detection, built once per sheet kind. */
import type { SheetGrid } from '../grid/cell';
import { labelRegex, normalizeHeader, stripParenthetical } from '../text/normalize';
import { FOOTER_WORDS, HEADER_FILLERS } from './form-words';
import type { MetaFieldSpec, SheetKindSpec } from './types';

export const HEADER_SCAN_ROWS = 30;
const HEADER_SCAN_COLUMNS = 80;


export interface KindIndex {
  /** normalised header/alias → spec indexes */
  headers: Map<string, number[]>;
  /** every text that may appear in header rows (headers, aliases, groups, sub-headers) */
  headerish: Set<string>;
  twoRow: boolean;
  anyOf: Set<number>;
  minShare: number;
  title: string;
  labels: { spec: MetaFieldSpec; regexes: RegExp[] }[];
  footerPrefixes: string[];
}

const kindIndexes = new WeakMap<SheetKindSpec, KindIndex>();


export function kindIndex(kind: SheetKindSpec): KindIndex {
  let ix = kindIndexes.get(kind);
  if (ix) return ix;
  const headers = new Map<string, number[]>();
  const headerish = new Set<string>(HEADER_FILLERS);
  const add = (text: string, i: number): void => {
    const n = normalizeHeader(text);
    if (!n) return;
    const list = headers.get(n) ?? [];
    if (!list.includes(i)) list.push(i);
    headers.set(n, list);
    headerish.add(n);
  };
  kind.columns.forEach((c, i) => {
    add(c.header, i);
    for (const a of c.aliases ?? []) add(a, i);
    if (c.group) headerish.add(normalizeHeader(c.group));
    if (c.subHeader) headerish.add(normalizeHeader(c.subHeader));
  });
  const anyOf = new Set<number>();
  for (const key of kind.detect.anyOf) {
    const i = kind.columns.findIndex((c) => c.key === key);
    if (i >= 0) anyOf.add(i);
  }
  const metaSpecs = [...kind.meta, ...kind.footer];
  const labels = metaSpecs.map((spec) => ({
    spec,
    regexes: [spec.label, ...(spec.aliases ?? [])].map(labelRegex),
  }));
  const footerPrefixes = [
    ...kind.footer.map((f) => normalizeHeader(f.label)),
    ...kind.notes.map((n) => normalizeHeader(n).slice(0, 4)),
    ...(kind.layout?.below ?? []).flatMap((r) => r.cells.map((c) => normalizeHeader(c.text))),
    ...FOOTER_WORDS.map(normalizeHeader),
  ].filter((p) => p.length >= 2);
  ix = {
    headers,
    headerish,
    twoRow: kind.columns.some((c) => c.group !== undefined || c.subHeader !== undefined),
    anyOf,
    minShare: kind.detect.minShare ?? 0.6,
    title: normalizeHeader(kind.title),
    labels,
    footerPrefixes: [...new Set(footerPrefixes)],
  };
  kindIndexes.set(kind, ix);
  return ix;
}

export function rowTexts(sheet: SheetGrid, row: number): string[] {
  const cells = sheet.rows[row - 1];
  if (!cells) return [];
  const n = Math.min(cells.length, HEADER_SCAN_COLUMNS);
  const out: string[] = new Array<string>(n);
  for (let c = 0; c < n; c++) {
    const cell = cells[c];
    out[c] = cell && typeof cell.value === 'string' ? normalizeHeader(cell.value) : '';
  }
  return out;
}

export function lookup(ix: KindIndex, text: string): number[] | undefined {
  if (!text) return undefined;
  return ix.headers.get(text) ?? ix.headers.get(stripParenthetical(text));
}
