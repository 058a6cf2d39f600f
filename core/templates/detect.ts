/**
 * Detection: which pack and sheet kind each sheet is, found from its header wherever the table starts.
 *
 * For every candidate header row (the first 30 rows) and every sheet kind, header cells of that row and the
 * next (two-row headers) are normalised (NFKC, no spaces or line breaks, no trailing colon) and looked up
 * among the kind's header texts and aliases. A kind is a candidate when it finds ≥ `minShare` of its columns
 * and at least one of its identifying columns (`detect.anyOf`); the best score wins. One pack is chosen for
 * the whole workbook (the one that recognises most), so cross-sheet rules never mix campaigns. A sheet no
 * kind fits is reported with kindId null — never guessed at.
 */
import type { Cell, CellValue, SheetGrid, WorkbookGrid } from '../grid/cell';
import { cellText } from '../grid/cell';
import type { Finding } from '../issues/issue';
import type { SheetRecognition } from '../report';
import { labelRegex, normalizeHeader, stripParenthetical } from '../text/normalize';
import { findPack, packs as builtinPacks } from './registry';
import type { ColumnSpec, MetaFieldSpec, SheetKindSpec, TemplatePackSpec } from './types';

export const HEADER_SCAN_ROWS = 30;
const HEADER_SCAN_COLUMNS = 80;
const META_SCAN_BELOW = 40;

export interface CellRef {
  row: number;
  column: number;
}

/** A finding placed on a cell of one sheet. */
export interface SheetFinding extends Finding, CellRef {}

/** Everything the engine needs about a sheet; `recognition` is the public part. */
export interface SheetDetection {
  index: number;
  grid: SheetGrid;
  recognition: SheetRecognition;
  pack: TemplatePackSpec | null;
  kind: SheetKindSpec | null;
  /** Per column spec (kind.columns order): 1-based sheet column, 0 when not found. */
  columnOf: number[];
  /** Last header row (two-row headers and sub-header rows included). */
  headerEnd: number;
  /** First row after the header, whether or not it holds data. */
  dataStart: number;
  /** First footer line (填表人, 填写说明, 学校经办人 …), or null. */
  footerRow: number | null;
  /** Cell each meta/footer value was read from, and the cell of its label. */
  metaCells: Record<string, CellRef>;
  labelCells: Record<string, CellRef>;
  /** `header-missing` and other structural findings. */
  findings: SheetFinding[];
  score: number;
}

export interface WorkbookDetection {
  packId: string | null;
  pack: TemplatePackSpec | null;
  sheets: SheetDetection[];
}

export interface DetectOptions {
  packId?: string;
  /** Packs to consider (default: the built-in ones). */
  packs?: readonly TemplatePackSpec[];
}

// ---------------------------------------------------------------------------------------------------------
// Per-kind lookup tables, built once.

interface KindIndex {
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

const GENERIC_FOOTER = ['填表人', '审核人', '填报日期', '填写说明', '填表说明', '制表人', '学校经办人', '负责人签字'];

function kindIndex(kind: SheetKindSpec): KindIndex {
  let ix = kindIndexes.get(kind);
  if (ix) return ix;
  const headers = new Map<string, number[]>();
  const headerish = new Set<string>(['其中']);
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
    ...GENERIC_FOOTER.map(normalizeHeader),
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

// ---------------------------------------------------------------------------------------------------------
// Header search.

function rowTexts(sheet: SheetGrid, row: number): string[] {
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

interface Candidate {
  kind: SheetKindSpec;
  pack: TemplatePackSpec;
  headerRow: number;
  columnOf: number[];
  foundRow: number[];
  score: number;
}

function lookup(ix: KindIndex, text: string): number[] | undefined {
  if (!text) return undefined;
  return ix.headers.get(text) ?? ix.headers.get(stripParenthetical(text));
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

function findBest(sheet: SheetGrid, candidates: readonly TemplatePackSpec[]): Candidate | null {
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

// ---------------------------------------------------------------------------------------------------------
// Data range.

function isHeaderishRow(sheet: SheetGrid, row: number, ix: KindIndex): boolean {
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
for (const p of GENERIC_FOOTER) FOOTER_FIRST_CHARS.add(p.charAt(0));

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

// ---------------------------------------------------------------------------------------------------------
// Meta lines (label：value).

/** 填写说明 lines (`填写说明：1. …`, `2. …`) are notes, never `label：value` lines. */
const NOTE_LINE = /^[\s\u3000]*(?:-\s*)?(?:填写说明|填表说明|说明[:：]|注[:：]|\d+\s*[.、．])/;
const BOUNDARY = /[\s_＿:：;；,，。.、|/()（）]/;
const FILLER = /^[\s_＿:：]+|[\s_＿:：]+$/g;

interface LabelHit {
  spec: MetaFieldSpec;
  index: number;
  end: number;
}

function labelHits(text: string, ix: KindIndex): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const { spec, regexes } of ix.labels) {
    for (const re of regexes) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const before = m.index === 0 ? '' : text.charAt(m.index - 1);
        if (spec.placement === 'before' || m.index === 0 || BOUNDARY.test(before)) {
          hits.push({ spec, index: m.index, end: m.index + m[0].length });
        }
      }
    }
  }
  // Longest match first; drop overlaps (学校名称（盖章） beats 学校名称; 联系人及联系电话 beats 联系电话).
  hits.sort((a, b) => b.end - b.index - (a.end - a.index) || a.index - b.index);
  const kept: LabelHit[] = [];
  for (const h of hits) {
    if (kept.some((k) => h.index < k.end && k.index < h.end)) continue;
    if (kept.some((k) => k.spec.key === h.spec.key)) continue;
    kept.push(h);
  }
  return kept.sort((a, b) => a.index - b.index);
}

function readMeta(
  sheet: SheetGrid,
  ix: KindIndex,
  rows: number[],
): { meta: Record<string, CellValue>; metaCells: Record<string, CellRef>; labelCells: Record<string, CellRef> } {
  const meta: Record<string, CellValue> = {};
  const metaCells: Record<string, CellRef> = {};
  const labelCells: Record<string, CellRef> = {};
  for (const r of rows) {
    const cells = sheet.rows[r - 1];
    if (!cells) continue;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell || typeof cell.value !== 'string' || cell.value.trim() === '') continue;
      const text = cell.value;
      if (NOTE_LINE.test(text)) continue;
      const hits = labelHits(text, ix);
      for (let h = 0; h < hits.length; h++) {
        const hit = hits[h];
        if (!hit || labelCells[hit.spec.key]) continue;
        labelCells[hit.spec.key] = { row: r, column: c + 1 };
        let value: CellValue = null;
        let at: CellRef = { row: r, column: c + 1 };
        if (hit.spec.placement === 'before') {
          const from = h > 0 ? (hits[h - 1]?.end ?? 0) : 0;
          value = text.slice(from, hit.index).replace(FILLER, '');
        } else {
          const to = hits[h + 1]?.index ?? text.length;
          value = text.slice(hit.end, to).replace(FILLER, '');
          if (value === '' && h === hits.length - 1) {
            // Value in a cell to the right (label alone in its cell, e.g. 学校经办人 | 张三).
            for (let k = c + 1; k < cells.length; k++) {
              const right = cells[k];
              if (!right || right.value === null || (typeof right.value === 'string' && right.value.trim() === '')) continue;
              if (typeof right.value === 'string' && labelHits(right.value, ix).length > 0) break;
              value = typeof right.value === 'string' ? right.value.replace(FILLER, '') : right.value;
              at = { row: r, column: k + 1 };
              break;
            }
          }
        }
        if (typeof value === 'string' && /^(年\s*月\s*日|\(盖章\)|（盖章）|\(签字\)|（签字）)$/.test(value)) value = '';
        if (value !== '' && value !== null) {
          meta[hit.spec.key] = value;
          metaCells[hit.spec.key] = at;
        }
      }
    }
  }
  return { meta, metaCells, labelCells };
}

// ---------------------------------------------------------------------------------------------------------
// Putting it together.

function unrecognised(sheet: SheetGrid, index: number): SheetDetection {
  return {
    index,
    grid: sheet,
    recognition: {
      sheet: sheet.name,
      packId: null,
      kindId: null,
      attachment: null,
      headerRow: null,
      firstDataRow: null,
      lastDataRow: null,
      columns: [],
      missing: [],
      meta: {},
    },
    pack: null,
    kind: null,
    columnOf: [],
    headerEnd: 0,
    dataStart: 0,
    footerRow: null,
    metaCells: {},
    labelCells: {},
    findings: [],
    score: 0,
  };
}

function build(sheet: SheetGrid, index: number, cand: Candidate): SheetDetection {
  const { kind, pack, columnOf, foundRow, headerRow } = cand;
  const ix = kindIndex(kind);
  let headerEnd = Math.max(headerRow, ...foundRow);
  for (let extra = 0; extra < 2 && isHeaderishRow(sheet, headerEnd + 1, ix); extra++) headerEnd++;
  const dataStart = headerEnd + 1;
  const range = findDataRange(sheet, kind, columnOf, dataStart);
  const metaRows: number[] = [];
  for (let r = 1; r < headerRow; r++) metaRows.push(r);
  const belowFrom = range.footerRow ?? (range.lastDataRow ?? headerEnd) + 1;
  for (let r = belowFrom; r <= Math.min(sheet.rows.length, belowFrom + META_SCAN_BELOW); r++) metaRows.push(r);
  const { meta, metaCells, labelCells } = readMeta(sheet, ix, metaRows);

  const findings: SheetFinding[] = [];
  const missing: string[] = [];
  let lastCol = 0;
  kind.columns.forEach((spec: ColumnSpec, i) => {
    const col = columnOf[i] ?? 0;
    if (col) {
      lastCol = col;
      return;
    }
    if (!spec.required) return;
    missing.push(spec.key);
    findings.push({
      code: 'header-missing',
      severity: 'error',
      params: { header: spec.header.replace(/\s+/g, ''), attachment: kind.attachment },
      row: headerRow,
      column: lastCol + 1,
    });
  });

  const columns: SheetRecognition['columns'] = [];
  kind.columns.forEach((spec, i) => {
    const col = columnOf[i] ?? 0;
    if (!col) return;
    const row = foundRow[i] ?? headerRow;
    columns.push({ key: spec.key, column: col, header: cellText(sheet.rows[row - 1]?.[col - 1]) });
  });

  return {
    index,
    grid: sheet,
    recognition: {
      sheet: sheet.name,
      packId: pack.id,
      kindId: kind.id,
      attachment: kind.attachment,
      headerRow,
      firstDataRow: range.firstDataRow,
      lastDataRow: range.lastDataRow,
      columns,
      missing,
      meta,
    },
    pack,
    kind,
    columnOf,
    headerEnd,
    dataStart,
    footerRow: range.footerRow,
    metaCells,
    labelCells,
    findings,
    score: cand.score,
  };
}

/** Detects one sheet against the given packs. */
export function detectSheet(sheet: SheetGrid, index: number, candidates: readonly TemplatePackSpec[]): SheetDetection {
  try {
    const best = findBest(sheet, candidates);
    return best ? build(sheet, index, best) : unrecognised(sheet, index);
  } catch {
    // Detection reads arbitrary data; anything unexpected makes the sheet "not a template", never a crash.
    return unrecognised(sheet, index);
  }
}

/** Detects every sheet; one pack for the workbook (forced by options.packId, else the best-recognising). */
export function detectWorkbook(workbook: WorkbookGrid, options: DetectOptions = {}): WorkbookDetection {
  const all = options.packs ?? builtinPacks;
  const sheets = Array.isArray(workbook?.sheets) ? workbook.sheets : [];
  if (options.packId !== undefined) {
    const pack = findPack(all, options.packId) ?? null;
    const detected = sheets.map((s, i) => (pack ? detectSheet(s, i, [pack]) : unrecognised(s, i)));
    return { packId: pack?.id ?? null, pack, sheets: detected };
  }
  const first = sheets.map((s, i) => detectSheet(s, i, all));
  const totals = new Map<string, number>();
  for (const d of first) if (d.pack) totals.set(d.pack.id, (totals.get(d.pack.id) ?? 0) + d.score);
  let packId: string | null = null;
  for (const p of all) {
    const t = totals.get(p.id) ?? 0;
    if (t > 0 && (packId === null || t > (totals.get(packId) ?? 0))) packId = p.id;
  }
  const pack = all.find((p) => p.id === packId) ?? null;
  const detected = first.map((d, i) => {
    if (!pack || d.pack === pack || !d.pack) return d;
    const s = sheets[i];
    return s ? detectSheet(s, i, [pack]) : d;
  });
  return { packId, pack, sheets: detected };
}

/** Public, plain-data form: the recognitions and the structural findings. */
export function detect(workbook: WorkbookGrid, options: DetectOptions = {}): { packId: string | null; sheets: SheetRecognition[] } {
  const d = detectWorkbook(workbook, options);
  return { packId: d.packId, sheets: d.sheets.map((s) => s.recognition) };
}
