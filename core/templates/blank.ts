/**
 * A blank template as a plain grid — the reference reading of the pack data for writers (the CLI's .xlsx
 * writer and the add-in's template inserter turn this into cells, merges, widths and dropdowns) and the
 * builder tests use to make filled sheets.
 *
 * Layout, top to bottom (1-based rows):
 *   1. `附件N`, 2. the title (merged across the width), then the meta lines (`label：`, or all on one row
 *   when layout.meta = 'inline'; `placement: 'before'` fields read `_____ label`), the header (one row, or
 *   two when a column has a group/subHeader — see SheetLayout), the data rows (`blankRows` numbered rows,
 *   else `inputRows` empty ones; a `scope: 'table'` column is merged down across them), then either
 *   layout.below (附件3's boxes) or the footer lines (`label：` + placeholder), then the notes.
 */
import type { CellValue, SheetGrid } from '../grid/cell';
import type { SheetKindSpec, TemplatePackSpec } from './types';

export interface BlankMerge {
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
}

export interface BlankDropdown {
  column: number;
  fromRow: number;
  toRow: number;
  options: string[];
  /** true: other values are refused (closed list); false: suggestions with the error alert off. */
  strict: boolean;
}

export interface BlankSheet {
  grid: SheetGrid;
  merges: BlankMerge[];
  dropdowns: BlankDropdown[];
  /** Column widths in characters, index 0 = column A. */
  widths: number[];
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  /** 1-based sheet column of each column key. */
  columns: Record<string, number>;
  /** Text columns (ID numbers, 学籍号, certificate numbers) that writers must format as text (`@`). */
  textColumns: number[];
}

export interface BlankOptions {
  /** Number of data rows (default: blankRows, else inputRows, else 1). */
  rows?: number;
  sheetName?: string;
}

/** Excel's sheet-name rules: at most 31 characters, none of these, no leading/trailing apostrophe. */
const ILLEGAL_SHEET_CHARS = /[[\]:*?/\\]/g;

/** `附件2 资格审核与验印登记表`, within Excel's sheet-name rules (writers of every kind use this name). */
export function templateSheetName(kind: SheetKindSpec): string {
  const raw = kind.attachment === kind.shortName ? kind.shortName : `${kind.attachment} ${kind.shortName}`;
  const name = raw
    .replace(ILLEGAL_SHEET_CHARS, '')
    .replace(/^'+|'+$/g, '')
    .trim();
  return [...name].slice(0, 31).join('').trim() || kind.id;
}

/** A name not in `taken` (case-insensitive): `name`, `name(2)`, … within 31 characters. */
export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = [...base].slice(0, 28).join('') + `(${n})`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

const WIDE_CHAR = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Display width in Excel "characters": CJK and full-width characters count double. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE_CHAR.test(ch) ? 2 : 1;
  return w;
}

export function blankSheet(_pack: TemplatePackSpec, kind: SheetKindSpec, options: BlankOptions = {}): BlankSheet {
  const cols = kind.columns;
  const width = kind.layout?.width ?? cols.length;
  const rows: (CellValue | undefined)[][] = [];
  const merges: BlankMerge[] = [];
  const line = (text: string, merge = true): number => {
    rows.push([text]);
    if (merge && width > 1) merges.push({ row: rows.length, column: 1, rowSpan: 1, colSpan: width });
    return rows.length;
  };

  line(kind.attachment, false);
  line(kind.title);
  const metaText = (m: (typeof kind.meta)[number]): string =>
    m.placement === 'before' ? `${m.placeholder ?? '_____'} ${m.label}` : `${m.label}：${m.placeholder ?? ''}`;
  if (kind.layout?.meta === 'inline') line(kind.meta.map(metaText).join('  '));
  else for (const m of kind.meta) line(metaText(m));

  // Header
  const twoRow = cols.some((c) => c.group !== undefined || c.subHeader !== undefined);
  const headerRow = rows.length + 1;
  const top: CellValue[] = [];
  const bottom: CellValue[] = [];
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i];
    if (!c) continue;
    if (c.group !== undefined) {
      const startsGroup = cols[i - 1]?.group !== c.group;
      top[i] = startsGroup ? c.group : null;
      bottom[i] = c.header;
      if (startsGroup) {
        let span = 1;
        while (cols[i + span]?.group === c.group) span++;
        if (span > 1) merges.push({ row: headerRow, column: i + 1, rowSpan: 1, colSpan: span });
      }
    } else {
      top[i] = c.header;
      bottom[i] = c.subHeader ?? null;
      if (twoRow && c.subHeader === undefined) merges.push({ row: headerRow, column: i + 1, rowSpan: 2, colSpan: 1 });
    }
  }
  rows.push(top);
  if (twoRow) rows.push(bottom);

  // Data rows
  const n = Math.max(1, options.rows ?? (kind.blankRows || kind.inputRows || 1));
  const firstDataRow = rows.length + 1;
  const serialIndex = cols.findIndex((c) => c.type === 'serial');
  for (let k = 0; k < n; k++) {
    const r: CellValue[] = new Array<CellValue>(cols.length).fill(null);
    if (serialIndex >= 0 && (options.rows !== undefined || k < kind.blankRows)) r[serialIndex] = k + 1;
    rows.push(r);
  }
  const lastDataRow = rows.length;
  cols.forEach((c, i) => {
    if (c.scope === 'table' && n > 1) merges.push({ row: firstDataRow, column: i + 1, rowSpan: n, colSpan: 1 });
  });

  // Below the table
  if (kind.layout?.below) {
    for (const lr of kind.layout.below) {
      const r: CellValue[] = [];
      let col = 1;
      for (const cell of lr.cells) {
        r[col - 1] = cell.text === '' ? null : cell.text;
        const colSpan = cell.colSpan ?? 1;
        const rowSpan = cell.rowSpan ?? 1;
        if (colSpan > 1 || rowSpan > 1) merges.push({ row: rows.length + 1, column: col, rowSpan, colSpan });
        col += colSpan;
      }
      rows.push(r);
    }
  } else {
    for (const f of kind.footer) line(`${f.label}：${f.placeholder ? `    ${f.placeholder}` : ''}`, false);
  }
  for (const note of kind.notes) line(note);

  const dropdowns: BlankDropdown[] = [];
  cols.forEach((c, i) => {
    if (!c.options || c.options.length === 0) return;
    const strict = (c.optionsMode ?? (c.type === 'enum' || c.type === 'gender' ? 'closed' : 'suggest')) === 'closed';
    dropdowns.push({ column: i + 1, fromRow: firstDataRow, toRow: lastDataRow, options: c.options, strict });
  });

  const columns: Record<string, number> = {};
  cols.forEach((c, i) => (columns[c.key] = i + 1));
  return {
    grid: {
      name: options.sheetName ?? templateSheetName(kind),
      rows: rows.map((r) => Array.from(r, (v) => (v === undefined || v === null ? null : { value: v }))),
    },
    merges,
    dropdowns,
    widths: cols.map((c) => c.width ?? 10),
    headerRow,
    firstDataRow,
    lastDataRow,
    columns,
    textColumns: cols
      .map((c, i) => (['id-number', 'student-number', 'certificate-number', 'certificate-range', 'mobile', 'phone'].includes(c.type) ? i + 1 : 0))
      .filter((c) => c > 0),
  };
}
