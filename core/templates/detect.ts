/**
 * Detection: which pack and sheet kind each sheet is, found from its header wherever the table starts.
 *
 * For every candidate header row (the first 30 rows) and every sheet kind, header cells of that row and the
 * next (two-row headers) are normalised (NFKC, no spaces or line breaks, no trailing colon) and looked up
 * among the kind's header texts and aliases. A kind is a candidate when it finds ≥ `minShare` of its columns
 * and at least one of its identifying columns (`detect.anyOf`); the best score wins. One pack is chosen for
 * the whole workbook (the one that recognises most), so cross-sheet rules never mix campaigns. A sheet no
 * kind fits is reported with kindId null — never guessed at.
 *
 * The jobs live beside this file: detect-index.ts (per-kind tables), detect-header.ts (header search),
 * detect-rows.ts (data range), detect-meta.ts (meta lines), form-words.ts (words every form shares).
 */
import type { SheetGrid, WorkbookGrid } from '../grid/cell';
import { cellText } from '../grid/cell';
import type { Finding } from '../issues/issue';
import type { SheetRecognition } from '../report';
import { findBest, type Candidate } from './detect-header';
import { HEADER_SCAN_ROWS, kindIndex } from './detect-index';
import { readMeta } from './detect-meta';
import { findDataRange, isBlankDataRow, isHeaderishRow } from './detect-rows';
import { findPack, packs as builtinPacks } from './registry';
import type { ColumnSpec, SheetKindSpec, TemplatePackSpec } from './types';

const META_SCAN_BELOW = 40;

export { findDataRange, HEADER_SCAN_ROWS, isBlankDataRow };
export type { DataRange } from './detect-rows';

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
