/**
 * The blank official attachment of a pack's sheet kind as a plain plan for the adapter. Cell values, merges,
 * widths, dropdowns and text columns come from core's blankSheet (the one reading of the pack's layout,
 * shared with the CLI's exceljs writer, server/xlsx/write-template.ts); this only turns it into what Excel's
 * API takes — A1 addresses, fonts, alignment, borders, row heights, data-validation rules, alerts and
 * prompts — making the same styling choices as the CLI writer. Testable without Excel.
 */
import { columnLetters } from '../../core/grid/address';
import { blankSheet, templateSheetName, textWidth, uniqueSheetName } from '../../core/templates/blank';

export { templateSheetName, uniqueSheetName };
import type { CellValue } from '../../core/grid/cell';
import { ID_RULE_ERROR, ID_RULE_FILL, ID_RULE_FONT, ID_RULE_PROMPT, idColumnRules } from '../../core/templates/id-rules';
import type { ColumnSpec, SheetKindSpec, TemplatePackSpec } from '../../core/templates/types';

export type CellScalar = CellValue;

export interface PlanFormat {
  address: string;
  bold?: boolean;
  size?: number;
  horizontal?: 'Left' | 'Center' | 'Right';
  vertical?: 'Top' | 'Center' | 'Bottom';
  wrap?: boolean;
  fill?: string;
  /** Thin borders around and inside the range. */
  box?: boolean;
}

export interface PlanValidation {
  address: string;
  rule: Record<string, unknown>;
  errorAlert?: { showAlert: boolean; style: 'Stop' | 'Warning' | 'Information'; title: string; message: string };
  prompt?: { showPrompt: boolean; title: string; message: string };
}

/** A custom-formula conditional format (ExcelApi 1.6): the formula is relative to the range's top-left cell. */
export interface PlanConditionalFormat {
  address: string;
  formula: string;
  fill: string;
  fontColor: string;
}

export interface TemplatePlan {
  sheetName: string;
  /** Rows × columns from A1; null = leave empty. */
  values: CellScalar[][];
  /** Ranges formatted as text (`@`) before anything is typed into them. */
  textRanges: string[];
  merges: string[];
  formats: PlanFormat[];
  validations: PlanValidation[];
  /** Red marks on ID cells that break the column's rule (the same test as its validation). */
  conditionalFormats: PlanConditionalFormat[];
  /** Column widths in characters (Excel's unit in the UI). */
  columnWidths: number[];
  rowHeights: { row: number; height: number }[];
  headerTop: number;
  headerBottom: number;
  firstDataRow: number;
  lastDataRow: number;
}

const ROW_HEIGHT = 20;
const HEADER_FILL = '#F2F2F2';
const CENTRED_TYPES = new Set<string>(['serial', 'gender', 'grade', 'integer', 'school-length', 'credits']);
const TEXT_FIELD_TYPES = new Set<string>(['id-number', 'student-number', 'certificate-number', 'certificate-range', 'mobile', 'phone']);
const ALIGN = { left: 'Left', center: 'Center', right: 'Right', top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;




const area = (r1: number, c1: number, r2 = r1, c2 = c1): string =>
  r1 === r2 && c1 === c2 ? `${columnLetters(c1)}${r1}` : `${columnLetters(c1)}${r1}:${columnLetters(c2)}${r2}`;

export function planTemplate(pack: TemplatePackSpec, kind: SheetKindSpec, sheetName = templateSheetName(kind)): TemplatePlan {
  const blank = blankSheet(pack, kind, { sheetName });
  const { grid, widths, headerRow, firstDataRow, lastDataRow } = blank;
  const headerBottom = firstDataRow - 1;
  const values = grid.rows.map((cells) => Array.from(cells, (c): CellScalar => c?.value ?? null));
  const text = (r: number): string => String(values[r - 1]?.[0] ?? '');
  const mergedLine = (r: number): boolean => blank.merges.some((m) => m.row === r && m.column === 1 && m.colSpan > 1);
  // The title's merge spans the table width (layout.width); a one-column sheet has none.
  const span = blank.merges.find((m) => m.row === 2 && m.column === 1)?.colSpan ?? 1;
  const spanWidth = widths.slice(0, span).reduce((a, b) => a + b, 0) + Math.max(0, span - widths.length) * 10;
  const linesFor = (t: string, scale: number): number => Math.max(1, Math.ceil((textWidth(t) * scale) / Math.max(20, spanWidth - 2)));
  const ncols = widths.length;
  const below = kind.layout?.below ?? [];
  const belowEnd = lastDataRow + below.length;
  const notesStart = values.length - kind.notes.length + 1;

  const formats: PlanFormat[] = [];
  const rowHeights: { row: number; height: number }[] = [];
  const textRanges = blank.textColumns.map((c) => area(firstDataRow, c, lastDataRow, c));

  // 附件N, the title, the meta lines.
  formats.push({ address: 'A1', bold: true, size: 12 });
  formats.push({ address: area(2, 1, 2, span), bold: true, size: 16, horizontal: 'Center', vertical: 'Center', wrap: true });
  rowHeights.push({ row: 2, height: 26 * linesFor(text(2), 16 / 11) + 6 });
  for (let r = 3; r < headerRow; r++) {
    const merged = mergedLine(r);
    formats.push({ address: area(r, 1, r, merged ? span : 1), size: 12, horizontal: 'Left', vertical: 'Center', wrap: merged });
    rowHeights.push({ row: r, height: (ROW_HEIGHT + 2) * (merged ? linesFor(text(r), 12 / 11) : 1) });
  }

  // The header.
  if (ncols > 0) formats.push({ address: area(headerRow, 1, headerBottom, ncols), bold: true, horizontal: 'Center', vertical: 'Center', wrap: true, fill: HEADER_FILL, box: true });
  for (let r = headerRow; r <= headerBottom; r++) {
    const tallest = Math.max(0, ...widths.map((w, i) => Math.ceil(textWidth(String(values[r - 1]?.[i] ?? '')) / Math.max(4, w - 1))));
    rowHeights.push({ row: r, height: Math.max(24, 16 * tallest + 6) });
  }

  // The data rows: bordered, numbers centred, a table-wide value (merged down) centred in its box.
  if (ncols > 0) formats.push({ address: area(firstDataRow, 1, lastDataRow, ncols), box: true, vertical: 'Center', horizontal: 'Left' });
  kind.columns.forEach((col, i) => {
    if (CENTRED_TYPES.has(col.type)) formats.push({ address: area(firstDataRow, i + 1, lastDataRow, i + 1), horizontal: 'Center' });
  });
  for (const m of blank.merges)
    if (m.row === firstDataRow && m.rowSpan > 1) formats.push({ address: area(m.row, m.column, m.row + m.rowSpan - 1, m.column), vertical: 'Center', horizontal: 'Center' });
  for (let r = firstDataRow; r <= lastDataRow; r++) rowHeights.push({ row: r, height: ROW_HEIGHT });

  // The fixed boxes of layout.below (附件3), walked as blankSheet lays them out; a field box holding a number
  // (联系电话) is text-formatted.
  below.forEach((layoutRow, i) => {
    const r = lastDataRow + 1 + i;
    let c = 1;
    for (const box of layoutRow.cells) {
      const boxArea = area(r, c, r + Math.max(box.rowSpan ?? 1, 1) - 1, c + Math.max(box.colSpan ?? 1, 1) - 1);
      const horizontal = box.align ?? (box.field && !box.text ? 'left' : 'center');
      formats.push({ address: boxArea, horizontal: ALIGN[horizontal], vertical: ALIGN[box.valign ?? 'middle'], wrap: true, box: true });
      const field = box.field ? [...kind.footer, ...kind.meta].find((f) => f.key === box.field) : undefined;
      if (field && TEXT_FIELD_TYPES.has(field.type) && !box.text) textRanges.push(boxArea);
      c += Math.max(box.colSpan ?? 1, 1);
    }
    rowHeights.push({ row: r, height: layoutRow.height ?? ROW_HEIGHT + 4 });
  });

  // The footer lines (unmerged: they run over the empty cells beside them), then the notes.
  for (let r = belowEnd + 1; r < notesStart; r++) {
    formats.push({ address: area(r, 1), size: 12, horizontal: 'Left', vertical: 'Center' });
    rowHeights.push({ row: r, height: ROW_HEIGHT + 2 });
  }
  for (let r = notesStart; r <= values.length; r++) {
    formats.push({ address: area(r, 1, r, mergedLine(r) ? span : 1), size: 10, horizontal: 'Left', vertical: 'Top', wrap: true });
    rowHeights.push({ row: r, height: 15 * linesFor(text(r), 10 / 11) + 3 });
  }

  // Dropdowns (blankSheet's), then checks for the columns without one, as the CLI writer sets them.
  const validations: PlanValidation[] = [];
  for (const d of blank.dropdowns) {
    const col = kind.columns[d.column - 1];
    const v = col && listValidation(col, area(d.fromRow, d.column, d.toRow, d.column), d.options, d.strict);
    if (v) validations.push(v);
  }
  const conditionalFormats: PlanConditionalFormat[] = [];
  kind.columns.forEach((col, i) => {
    if (blank.dropdowns.some((d) => d.column === i + 1) || lastDataRow < firstDataRow) return;
    const address = area(firstDataRow, i + 1, lastDataRow, i + 1);
    const v = columnValidation(col, address, i + 1, firstDataRow);
    if (v) validations.push(v);
    if (col.type === 'id-number')
      conditionalFormats.push({ address, formula: `=${idColumnRules(i + 1, firstDataRow).flagged}`, fill: ID_RULE_FILL, fontColor: ID_RULE_FONT });
  });

  return {
    sheetName,
    values,
    textRanges,
    merges: blank.merges.map((m) => area(m.row, m.column, m.row + m.rowSpan - 1, m.column + m.colSpan - 1)),
    formats,
    validations,
    conditionalFormats,
    columnWidths: widths,
    rowHeights,
    headerTop: headerRow,
    headerBottom,
    firstDataRow,
    lastDataRow,
  };
}

/** An in-cell list; null when Excel cannot hold it inline (over 255 characters, commas, quotes). */
function listValidation(col: ColumnSpec, address: string, options: readonly string[], strict: boolean): PlanValidation | null {
  const list = options.join(',');
  if (list.length > 255 || options.some((o) => o.includes(',') || o.includes('"'))) return null;
  const title = col.header.replace(/\s+/g, '');
  const v: PlanValidation = {
    address,
    rule: { list: { inCellDropDown: true, source: list } },
    errorAlert: { showAlert: strict, style: 'Stop', title, message: `请从下拉列表中选择：${options.join('、')}` },
  };
  if (col.type === 'grade') v.prompt = { showPrompt: true, title, message: '可填 0–100 的分数（60 分及格），或从下拉列表中选择等级。' };
  return v;
}

/** `column`/`firstDataRow`: the range's top-left cell, which a custom formula's relative references start from. */
function columnValidation(col: ColumnSpec, address: string, column: number, firstDataRow: number): PlanValidation | null {
  const title = col.header.replace(/\s+/g, '');
  if (col.type === 'id-number')
    return {
      address,
      rule: { custom: { formula: `=${idColumnRules(column, firstDataRow).valid}` } },
      prompt: { showPrompt: true, title, message: ID_RULE_PROMPT },
      errorAlert: { showAlert: true, style: 'Stop', title, message: ID_RULE_ERROR },
    };
  if (col.type === 'integer' || col.type === 'serial')
    return {
      address,
      rule: { wholeNumber: { formula1: col.type === 'serial' ? 1 : 0, operator: 'GreaterThanOrEqualTo' } },
      errorAlert: { showAlert: true, style: 'Stop', title: col.header, message: '请填写整数。' },
    };
  return null;
}
