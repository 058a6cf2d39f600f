/**
 * The blank official attachments of a pack as an .xlsx, drawn from the pack's data (no per-province code
 * here): 附件N label, title, `label：` meta lines, the exact header texts (two header rows when columns are
 * grouped or carry a sub-header), numbered blank rows, text-formatted ID columns so Excel cannot damage an
 * ID, dropdowns for closed lists, footer lines or the fixed boxes of `layout.below`, the notice's 填写说明,
 * ready to print on A4. Cell texts and merges come from core's blankSheet (SheetLayout in
 * core/templates/types.ts documents the layout).
 */
import ExcelJS from 'exceljs';
import { blankSheet, templateSheetName, textWidth, uniqueSheetName, type BlankSheet } from '../../core/templates/blank';

export { templateSheetName };
import { ID_RULE_ERROR, ID_RULE_FILL, ID_RULE_FONT, ID_RULE_PROMPT, idColumnRules } from '../../core/templates/id-rules';
import type { ColumnSpec, LayoutRow, SheetKindSpec, TemplatePackSpec } from '../../core/templates/types';

export class UnknownKindError extends Error {
  readonly unknown: string[];
  readonly known: string[];
  constructor(unknown: string[], known: string[]) {
    super(`Unknown sheet kind(s): ${unknown.join(', ')}; known: ${known.join(', ')}`);
    this.name = 'UnknownKindError';
    this.unknown = unknown;
    this.known = known;
  }
}

/** Columns whose values must stay text: Excel turns long digit strings into doubles and drops digits. */
const TEXT_COLUMN_TYPES = new Set<ColumnSpec['type']>([
  'id-number',
  'student-number',
  'certificate-number',
  'certificate-range',
  'mobile',
  'phone',
]);

const FONT = 'SimSun';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const ROW_HEIGHT = 20;


export function defaultTemplateFileName(pack: TemplatePackSpec): string {
  return `${pack.id}-模板.xlsx`;
}

/** Picks the kinds to write, in pack order; throws {@link UnknownKindError} for ids the pack lacks. */
export function selectKinds(pack: TemplatePackSpec, kinds?: readonly string[]): SheetKindSpec[] {
  if (!kinds || kinds.length === 0) return pack.sheetKinds;
  const known = pack.sheetKinds.map((k) => k.id);
  const wanted = new Set(kinds.map((k) => k.trim()));
  const unknown = [...wanted].filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new UnknownKindError(unknown, known);
  return pack.sheetKinds.filter((k) => wanted.has(k.id));
}

export function writeTemplate(pack: TemplatePackSpec, kinds?: readonly string[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '验印 Yanyin';
  workbook.title = pack.name;
  workbook.subject = `${pack.name} 空白模板`;
  // A fixed timestamp keeps the output reproducible; the clerk's Excel sets its own on save.
  workbook.created = new Date(Date.UTC(pack.graduationYear, 0, 1));
  workbook.modified = workbook.created;

  const used: string[] = [];
  for (const kind of selectKinds(pack, kinds)) {
    const name = uniqueSheetName(templateSheetName(kind), used);
    used.push(name);
    writeKindSheet(workbook.addWorksheet(name), pack, kind);
  }
  return workbook;
}


const WIDTH_BY_TYPE: Partial<Record<ColumnSpec['type'], number>> = {
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

function columnWidth(col: ColumnSpec): number {
  if (col.width) return col.width;
  const headerWidth = Math.max(textWidth(col.header), col.subHeader ? textWidth(col.subHeader) : 0);
  return Math.min(40, Math.max(WIDTH_BY_TYPE[col.type] ?? 10, headerWidth + 2));
}

interface Ctx {
  ws: ExcelJS.Worksheet;
  kind: SheetKindSpec;
  blank: BlankSheet;
  /** Columns spanned by the title, meta lines and notes. */
  span: number;
  widths: number[];
}

/**
 * The cells, merges and dropdowns come from core's blankSheet (the one reading of the pack's layout, shared
 * with the add-in's template inserter); this adds what only a file has: fonts, borders, heights, formats,
 * input prompts and print setup.
 */
function writeKindSheet(ws: ExcelJS.Worksheet, pack: TemplatePackSpec, kind: SheetKindSpec): void {
  const blank = blankSheet(pack, kind, { sheetName: ws.name });
  const widths = kind.columns.map(columnWidth);
  const span = Math.max(kind.layout?.width ?? kind.columns.length, 1);
  const ctx: Ctx = { ws, kind, blank, span, widths };
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  blank.grid.rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (cell && cell.value !== null) styleText(ws.getCell(r + 1, c + 1), String(cell.value));
    }),
  );
  // Serial numbers are numbers, as a clerk would type them.
  const serialCol = kind.columns.findIndex((c) => c.type === 'serial') + 1;
  for (const m of blank.merges)
    ws.mergeCells(m.row, m.column, m.row + m.rowSpan - 1, m.column + m.colSpan - 1);

  const { headerRow, firstDataRow, lastDataRow } = blank;
  const below = kind.layout?.below;
  const belowEnd = below ? lastDataRow + below.length : lastDataRow;
  const footerEnd = below ? belowEnd : lastDataRow + kind.footer.length;

  // 附件N, the title, the meta lines.
  ws.getCell(1, 1).font = { name: FONT, size: 12, bold: true };
  const title = ws.getCell(2, 1);
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(2).height = 26 * linesFor(ctx, kind.title, 16 / 11) + 6;
  for (let r = 3; r < headerRow; r++) styleLine(ctx, r, 12);

  styleHeader(ctx, headerRow, firstDataRow - 1);
  for (let r = firstDataRow; r <= lastDataRow; r++) {
    styleDataRow(ctx, r);
    if (serialCol > 0) {
      const cell = ws.getCell(r, serialCol);
      if (cell.value !== null && cell.value !== undefined) cell.value = Number(cell.value);
    }
  }
  for (const m of blank.merges) {
    if (m.row === firstDataRow && m.rowSpan > 1)
      ws.getCell(m.row, m.column).alignment = { vertical: 'middle', horizontal: 'center' };
  }
  for (const d of blank.dropdowns) {
    const col = kind.columns[d.column - 1];
    for (let r = d.fromRow; r <= d.toRow; r++)
      listValidation(
        ws.getCell(r, d.column),
        d.options,
        col?.header ?? '',
        d.strict,
        col ? gradePrompt(col) : undefined,
      );
  }
  idConditionalFormats(ctx);
  if (below) styleBelow(ctx, lastDataRow + 1, below);
  for (let r = belowEnd + 1; r <= footerEnd; r++) styleLine(ctx, r, 12);
  for (let r = footerEnd + 1; r <= blank.grid.rows.length; r++) styleNote(ctx, r);

  const headerBottom = firstDataRow - 1;
  ws.views = [
    {
      state: 'frozen',
      xSplit: 0,
      ySplit: headerBottom,
      topLeftCell: `A${headerBottom + 1}`,
      activeCell: `A${firstDataRow}`,
    },
  ];
  const total = widths.reduce((a, b) => a + b, 0);
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: kind.columns.length > 6 || total > 90 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerBottom}`,
  };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

function spanWidth(ctx: Ctx): number {
  let w = 0;
  for (let c = 1; c <= ctx.span; c++) w += ctx.widths[c - 1] ?? 10;
  return w;
}

function styleText(cell: ExcelJS.Cell, text: string, font: Partial<ExcelJS.Font> = {}): void {
  cell.value = text;
  cell.font = { name: FONT, size: 11, ...font };
}

function linesFor(ctx: Ctx, text: string, fontScale = 1): number {
  return Math.max(1, Math.ceil((textWidth(text) * fontScale) / Math.max(20, spanWidth(ctx) - 2)));
}

function cellString(ctx: Ctx, row: number): string {
  const v = ctx.ws.getCell(row, 1).value;
  return typeof v === 'string' ? v : '';
}

/** A `label：` line (meta or footer): the clerk types the value after the colon. */
function styleLine(ctx: Ctx, row: number, size: number): void {
  const cell = ctx.ws.getCell(row, 1);
  cell.font = { name: FONT, size };
  // A merged line wraps inside the table width; an unmerged one (footer) runs over the empty cells beside it.
  cell.alignment = { vertical: 'middle', horizontal: 'left', wrapText: cell.isMerged };
  const lines = cell.isMerged ? linesFor(ctx, cellString(ctx, row), size / 11) : 1;
  ctx.ws.getRow(row).height = (ROW_HEIGHT + 2) * lines;
}

function styleNote(ctx: Ctx, row: number): void {
  const cell = ctx.ws.getCell(row, 1);
  cell.font = { name: FONT, size: 10 };
  cell.alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  ctx.ws.getRow(row).height = 15 * linesFor(ctx, cellString(ctx, row), 10 / 11) + 3;
}

function styleHeader(ctx: Ctx, top: number, bottom: number): void {
  const { ws, kind } = ctx;
  for (let r = top; r <= bottom; r++) {
    const tallest = Math.max(
      ...kind.columns.map((_col, i) => {
        const v = ws.getCell(r, i + 1).value;
        return Math.ceil(textWidth(typeof v === 'string' ? v : '') / Math.max(4, (ctx.widths[i] ?? 10) - 1));
      }),
    );
    ws.getRow(r).height = Math.max(24, 16 * tallest + 6);
    for (let c = 1; c <= kind.columns.length; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { name: FONT, size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BOX;
      cell.fill = HEADER_FILL;
    }
  }
}

function styleDataRow(ctx: Ctx, row: number): void {
  ctx.kind.columns.forEach((col, i) => {
    const cell = ctx.ws.getCell(row, i + 1);
    cell.border = BOX;
    cell.font = { name: FONT, size: 11 };
    const centred = ['serial', 'gender', 'grade', 'integer', 'school-length', 'credits'].includes(col.type);
    cell.alignment = { vertical: 'middle', horizontal: centred ? 'center' : 'left' };
    if (ctx.blank.textColumns.includes(i + 1)) cell.numFmt = '@';
    applyColumnValidation(cell, col, i + 1, ctx.blank.firstDataRow);
  });
  ctx.ws.getRow(row).height = ROW_HEIGHT;
}

/**
 * Prompts and checks for columns without a dropdown (dropdowns come from blankSheet). Every cell of a column
 * gets the same rule, written relative to the first data row, so exceljs stores one range for the column.
 */
function applyColumnValidation(cell: ExcelJS.Cell, col: ColumnSpec, column: number, firstDataRow: number): void {
  if (col.options && col.options.length > 0) return;
  if (col.type === 'id-number') {
    cell.dataValidation = {
      type: 'custom',
      formulae: [idColumnRules(column, firstDataRow).valid],
      allowBlank: true,
      showInputMessage: true,
      promptTitle: col.header.replace(/\s+/g, ''),
      prompt: ID_RULE_PROMPT,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: col.header.replace(/\s+/g, ''),
      error: ID_RULE_ERROR,
    };
  } else if (col.type === 'integer' || col.type === 'serial') {
    cell.dataValidation = {
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [col.type === 'serial' ? 1 : 0],
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: col.header,
      error: '请填写整数。',
    };
  }
}

/** Red fill on ID cells already filled that break the column's rule (typed before the rule, or pasted). */
function idConditionalFormats(ctx: Ctx): void {
  const { firstDataRow, lastDataRow } = ctx.blank;
  if (lastDataRow < firstDataRow) return;
  ctx.kind.columns.forEach((col, i) => {
    if (col.type !== 'id-number' || (col.options && col.options.length > 0)) return;
    const letter = ctx.ws.getColumn(i + 1).letter;
    ctx.ws.addConditionalFormatting({
      ref: `${letter}${firstDataRow}:${letter}${lastDataRow}`,
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [idColumnRules(i + 1, firstDataRow).flagged],
          style: {
            fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: `FF${ID_RULE_FILL.slice(1)}` } },
            font: { color: { argb: `FF${ID_RULE_FONT.slice(1)}` } },
          },
        },
      ],
    });
  });
}

function gradePrompt(col: ColumnSpec): string | undefined {
  return col.type === 'grade' ? '可填 0–100 的分数（60 分及格），或从下拉列表中选择等级。' : undefined;
}

/** Inline list dropdown; false when Excel cannot hold the list (over 255 characters, commas, quotes). */
function listValidation(
  cell: ExcelJS.Cell,
  options: readonly string[],
  title: string,
  closed: boolean,
  prompt?: string,
): boolean {
  const list = options.join(',');
  if (list.length > 255 || options.some((o) => o.includes(',') || o.includes('"'))) return false;
  const plainTitle = title.replace(/\s+/g, '');
  cell.dataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [`"${list}"`],
    showErrorMessage: closed,
    errorStyle: 'stop',
    errorTitle: plainTitle,
    error: `请从下拉列表中选择：${options.join('、')}`,
    ...(prompt ? { showInputMessage: true, promptTitle: plainTitle, prompt } : {}),
  };
  return true;
}

/** Fixed boxes under the table (附件3), bordered like the table; merges come from blankSheet. */
function styleBelow(ctx: Ctx, first: number, rows: readonly LayoutRow[]): void {
  const { ws } = ctx;
  rows.forEach((layoutRow, i) => {
    const r = first + i;
    let c = 1;
    for (const box of layoutRow.cells) {
      const colSpan = Math.max(box.colSpan ?? 1, 1);
      const rowSpan = Math.max(box.rowSpan ?? 1, 1);
      const cell = ws.getCell(r, c);
      cell.font = { name: FONT, size: 11 };
      cell.alignment = {
        horizontal: box.align ?? (box.field && !box.text ? 'left' : 'center'),
        vertical: box.valign ?? 'middle',
        wrapText: true,
      };
      const field = box.field
        ? [...ctx.kind.footer, ...ctx.kind.meta].find((f) => f.key === box.field)
        : undefined;
      if (field && TEXT_COLUMN_TYPES.has(field.type) && !box.text) cell.numFmt = '@';
      for (let rr = r; rr < r + rowSpan; rr++)
        for (let cc = c; cc < c + colSpan; cc++) ws.getCell(rr, cc).border = BOX;
      c += colSpan;
    }
    ws.getRow(r).height = layoutRow.height ?? ROW_HEIGHT + 4;
  });
}
