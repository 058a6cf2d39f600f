/**
 * The blank official attachment of a pack's sheet kind as a plain plan (values, merges, formats, dropdowns),
 * drawn from the pack's data only. It mirrors the CLI's exceljs writer (server/xlsx/write-template.ts):
 * 附件N in A1, the title merged across, `label：` lines (or one inline line), the one- or two-row header,
 * numbered blank rows (or unnumbered input rows), text-formatted ID/number columns so Excel cannot damage
 * an ID, dropdowns for closed lists, the footer lines or the fixed boxes of `layout.below`, the notes.
 * The adapter writes the plan with a handful of Excel calls; the plan itself is testable without Excel.
 */
import { columnLetters } from '../../core/grid/address';
import type { ColumnSpec, LayoutRow, MetaFieldSpec, SheetKindSpec } from '../../core/templates/types';

export type CellScalar = string | number | null;

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
  /** Only the bottom edge (an underline to write on). */
  underline?: boolean;
}

export interface PlanValidation {
  address: string;
  rule: Record<string, unknown>;
  errorAlert?: { showAlert: boolean; style: 'Stop' | 'Warning' | 'Information'; title: string; message: string };
  prompt?: { showPrompt: boolean; title: string; message: string };
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
  /** Column widths in characters (Excel's unit in the UI). */
  columnWidths: number[];
  rowHeights: { row: number; height: number }[];
  headerTop: number;
  headerBottom: number;
  firstDataRow: number;
  lastDataRow: number;
}

const TEXT_COLUMN_TYPES = new Set<string>(['id-number', 'student-number', 'certificate-number', 'certificate-range', 'mobile', 'phone']);
const ILLEGAL_SHEET_CHARS = /[[\]:*?/\\]/g;
const ROW_HEIGHT = 20;
const HEADER_FILL = '#F2F2F2';
const WIDTH_BY_TYPE: Partial<Record<string, number>> = {
  serial: 6,
  name: 10,
  gender: 6,
  'id-number': 22,
  'student-number': 23,
  grade: 10,
  mobile: 15,
  phone: 16,
  date: 12,
  'school-length': 8,
  'certificate-number': 16,
  'certificate-range': 26,
};

/** `附件2 资格审核与验印登记表`, within Excel's sheet-name rules (same as the CLI writer). */
export function templateSheetName(kind: SheetKindSpec): string {
  const name = `${kind.attachment} ${kind.shortName}`.replace(ILLEGAL_SHEET_CHARS, '').replace(/^'+|'+$/g, '');
  return [...name].slice(0, 31).join('').trim();
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

/** Display width in Excel "characters": CJK and full-width count double. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function columnWidth(col: ColumnSpec): number {
  if (col.width) return col.width;
  const headerWidth = Math.max(textWidth(col.header), col.subHeader ? textWidth(col.subHeader) : 0);
  return Math.min(40, Math.max(WIDTH_BY_TYPE[col.type] ?? 10, headerWidth + 2));
}

function optionsAreClosed(col: { type: string; optionsMode?: 'closed' | 'suggest' }): boolean {
  if (col.optionsMode) return col.optionsMode === 'closed';
  return col.type === 'enum' || col.type === 'gender';
}

const area = (r1: number, c1: number, r2 = r1, c2 = c1): string =>
  r1 === r2 && c1 === c2 ? `${columnLetters(c1)}${r1}` : `${columnLetters(c1)}${r1}:${columnLetters(c2)}${r2}`;

export function planTemplate(kind: SheetKindSpec, sheetName = templateSheetName(kind)): TemplatePlan {
  const columns = kind.columns;
  const widths = columns.map(columnWidth);
  const span = Math.max(kind.layout?.width ?? columns.length, 1);
  const lastCol = Math.max(span, columns.length, 1);
  const values: CellScalar[][] = [];
  const plan: TemplatePlan = {
    sheetName,
    values,
    textRanges: [],
    merges: [],
    formats: [],
    validations: [],
    columnWidths: widths,
    rowHeights: [],
    headerTop: 0,
    headerBottom: 0,
    firstDataRow: 0,
    lastDataRow: 0,
  };
  const put = (row: number, col: number, v: CellScalar): void => {
    while (values.length < row) values.push(new Array<CellScalar>(lastCol).fill(null));
    const r = values[row - 1];
    if (r) r[col - 1] = v;
  };
  const spanWidth = (): number => {
    let w = 0;
    for (let c = 1; c <= span; c++) w += widths[c - 1] ?? 10;
    return w;
  };
  const linesFor = (text: string, scale = 1): number => Math.max(1, Math.ceil((textWidth(text) * scale) / Math.max(20, spanWidth() - 2)));
  const spanCell = (row: number): void => {
    if (span > 1) plan.merges.push(area(row, 1, row, span));
  };

  let row = 1;
  if (/^附件/.test(kind.attachment)) {
    put(row, 1, kind.attachment);
    plan.formats.push({ address: area(row, 1), bold: true, size: 12 });
    row++;
  }
  // Title.
  spanCell(row);
  put(row, 1, kind.title);
  plan.formats.push({ address: area(row, 1, row, span), bold: true, size: 16, horizontal: 'Center', vertical: 'Center', wrap: true });
  plan.rowHeights.push({ row, height: 26 * linesFor(kind.title, 16 / 11) + 6 });
  row++;

  const lineText = (field: MetaFieldSpec): string => {
    const placeholder = field.placeholder ?? '';
    if (field.placement === 'before') return `${placeholder || '_____'} ${field.label}`;
    const label = /[：:]$/.test(field.label) ? field.label : `${field.label}：`;
    return placeholder ? `${label}${placeholder}` : label;
  };
  const writeLines = (fields: readonly MetaFieldSpec[]): void => {
    for (const field of fields) {
      spanCell(row);
      put(row, 1, lineText(field));
      plan.formats.push({ address: area(row, 1, row, span), size: 12, horizontal: 'Left', vertical: 'Center' });
      plan.rowHeights.push({ row, height: ROW_HEIGHT + 2 });
      row++;
    }
  };
  if (kind.layout?.meta === 'inline') {
    if (kind.meta.length > 0) {
      const text = kind.meta.map((f) => (f.placement === 'before' ? lineText(f) : `${f.label.replace(/[：:]$/, '')}：${f.placeholder ?? '_____'}`)).join('    ');
      spanCell(row);
      put(row, 1, text);
      plan.formats.push({ address: area(row, 1, row, span), size: 12, horizontal: 'Left', vertical: 'Center', wrap: true });
      plan.rowHeights.push({ row, height: (ROW_HEIGHT + 2) * linesFor(text, 12 / 11) });
      row++;
    }
  } else writeLines(kind.meta);

  // Header: one row, or two when a column has a group or a sub-header.
  const top = row;
  const twoRows = columns.some((c) => c.group || c.subHeader);
  const bottom = twoRows ? top + 1 : top;
  columns.forEach((col, i) => {
    const c = i + 1;
    if (col.group) {
      if (columns[i - 1]?.group !== col.group) {
        let end = c;
        while (columns[end]?.group === col.group) end++;
        if (end > c) plan.merges.push(area(top, c, top, end));
        put(top, c, col.group);
      }
      put(bottom, c, col.header);
    } else if (col.subHeader && twoRows) {
      put(top, c, col.header);
      put(bottom, c, col.subHeader);
    } else {
      if (twoRows) plan.merges.push(area(top, c, bottom, c));
      put(top, c, col.header);
    }
  });
  if (columns.length > 0) {
    plan.formats.push({ address: area(top, 1, bottom, columns.length), bold: true, horizontal: 'Center', vertical: 'Center', wrap: true, fill: HEADER_FILL, box: true });
    for (let r = top; r <= bottom; r++) {
      const tallest = Math.max(
        ...columns.map((col, i) => {
          const text = r === top ? (col.group ?? col.header) : (col.subHeader ?? col.header);
          return Math.ceil(textWidth(text) / Math.max(4, (widths[i] ?? 10) - 1));
        }),
      );
      plan.rowHeights.push({ row: r, height: Math.max(24, 16 * tallest + 6) });
    }
  }
  plan.headerTop = top;
  plan.headerBottom = bottom;
  row = bottom + 1;

  // Data rows.
  const numbered = kind.blankRows > 0;
  const dataRows = numbered ? kind.blankRows : Math.max(kind.inputRows ?? 1, 1);
  const first = row;
  const last = row + dataRows - 1;
  plan.firstDataRow = first;
  plan.lastDataRow = last;
  if (columns.length > 0) plan.formats.push({ address: area(first, 1, last, columns.length), box: true, vertical: 'Center', horizontal: 'Left' });
  columns.forEach((col, i) => {
    const c = i + 1;
    const colArea = area(first, c, last, c);
    if (col.type === 'serial' && numbered) for (let n = 0; n < dataRows; n++) put(first + n, c, n + 1);
    if (['serial', 'gender', 'grade', 'integer', 'school-length', 'credits'].includes(col.type)) plan.formats.push({ address: colArea, horizontal: 'Center' });
    if (TEXT_COLUMN_TYPES.has(col.type)) plan.textRanges.push(colArea);
    const v = columnValidation(col, colArea);
    if (v) plan.validations.push(v);
    if (col.scope === 'table' && last > first) {
      plan.merges.push(colArea);
      plan.formats.push({ address: colArea, vertical: 'Center', horizontal: 'Center' });
    }
  });
  for (let r = first; r <= last; r++) plan.rowHeights.push({ row: r, height: ROW_HEIGHT });
  row = last + 1;

  if (kind.layout?.below) row = writeBelow(plan, kind, row, kind.layout.below, put);
  else if (kind.footer.length > 0) {
    row++;
    writeLines(kind.footer);
  }
  if (kind.notes.length > 0) {
    row++;
    for (const note of kind.notes) {
      spanCell(row);
      put(row, 1, note);
      plan.formats.push({ address: area(row, 1, row, span), size: 10, wrap: true, vertical: 'Top', horizontal: 'Left' });
      plan.rowHeights.push({ row, height: 15 * linesFor(note, 10 / 11) + 3 });
      row++;
    }
  }
  return plan;
}

function columnValidation(col: ColumnSpec, address: string): PlanValidation | null {
  const title = col.header.replace(/\s+/g, '');
  const options = col.options ?? (col.type === 'gender' ? ['男', '女'] : undefined);
  if (options && options.length > 0) {
    const list = options.join(',');
    if (list.length <= 255 && !options.some((o) => o.includes(',') || o.includes('"'))) {
      const closed = optionsAreClosed(col);
      const v: PlanValidation = {
        address,
        rule: { list: { inCellDropDown: true, source: list } },
        errorAlert: { showAlert: closed, style: 'Stop', title, message: `请从下拉列表中选择：${options.join('、')}` },
      };
      if (col.type === 'grade') v.prompt = { showPrompt: true, title, message: '可填 0–100 的分数（60 分及格），或从下拉列表中选择等级。' };
      return v;
    }
  }
  if (col.type === 'id-number')
    return {
      address,
      rule: { textLength: { formula1: 15, formula2: 18, operator: 'Between' } },
      prompt: { showPrompt: true, title, message: '请输入 18 位身份证号码。本列为文本格式，请勿改为数值，否则后 3 位会变成 0。' },
      errorAlert: { showAlert: true, style: 'Warning', title, message: '身份证号码应为 18 位（旧证 15 位）。' },
    };
  if (col.type === 'integer' || col.type === 'serial')
    return {
      address,
      rule: { wholeNumber: { formula1: col.type === 'serial' ? 1 : 0, operator: 'GreaterThanOrEqualTo' } },
      errorAlert: { showAlert: true, style: 'Stop', title: col.header, message: '请填写整数。' },
    };
  return null;
}

function writeBelow(plan: TemplatePlan, kind: SheetKindSpec, row: number, rows: readonly LayoutRow[], put: (r: number, c: number, v: CellScalar) => void): number {
  const occupied = new Set<string>();
  rows.forEach((layoutRow, i) => {
    const r = row + i;
    let c = 1;
    for (const box of layoutRow.cells) {
      while (occupied.has(`${r}:${c}`)) c++;
      const colSpan = Math.max(box.colSpan ?? 1, 1);
      const rowSpan = Math.max(box.rowSpan ?? 1, 1);
      for (let rr = r; rr < r + rowSpan; rr++) for (let cc = c; cc < c + colSpan; cc++) occupied.add(`${rr}:${cc}`);
      const boxArea = area(r, c, r + rowSpan - 1, c + colSpan - 1);
      if (colSpan > 1 || rowSpan > 1) plan.merges.push(boxArea);
      if (box.text) put(r, c, box.text);
      const horizontal = box.align ?? (box.field && !box.text ? 'left' : 'center');
      const vertical = box.valign ?? 'middle';
      plan.formats.push({
        address: boxArea,
        horizontal: horizontal === 'left' ? 'Left' : horizontal === 'right' ? 'Right' : 'Center',
        vertical: vertical === 'top' ? 'Top' : vertical === 'bottom' ? 'Bottom' : 'Center',
        wrap: true,
        box: true,
      });
      const field = box.field ? [...kind.footer, ...kind.meta].find((f) => f.key === box.field) : undefined;
      if (field && TEXT_COLUMN_TYPES.has(field.type) && !box.text) plan.textRanges.push(boxArea);
      c += colSpan;
    }
    plan.rowHeights.push({ row: r, height: layoutRow.height ?? ROW_HEIGHT + 4 });
  });
  return row + rows.length;
}
