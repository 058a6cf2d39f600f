/**
 * exceljs workbook ⇄ core grid, reading side. The core must see what Excel stored, not what it displays:
 * a number stays a number (an 18-digit ID typed into a General cell arrives as the damaged double, which
 * is exactly what the ID checker needs to explain), dates become ISO strings, formulas their cached result.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell, SheetGrid, WorkbookGrid } from '../../core/grid/cell';
import { readError, WorkbookReadError } from './read-error';

export type WorkbookInput = string | Buffer | Uint8Array | ArrayBuffer;

export interface LoadOptions {
  /** How to name the input in error messages; defaults to the file name or `上传的文件`. */
  displayName?: string;
}

/** Opens an .xlsx (path or bytes) with exceljs; unreadable input → {@link WorkbookReadError}. */
export async function loadWorkbook(
  input: WorkbookInput,
  options: LoadOptions = {},
): Promise<ExcelJS.Workbook> {
  const what = options.displayName ?? (typeof input === 'string' ? basename(input) : '上传的文件');
  const bytes = typeof input === 'string' ? await readBytes(input, what) : toBuffer(input);
  if (bytes.length === 0) throw readError('empty-file', what);
  sniffFormat(bytes, what);

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares the pre-Node-22 Buffer type; the bytes are a Node Buffer at run time.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (e) {
    throw readError('corrupt', what, e);
  }
  if (workbook.worksheets.length === 0) throw readError('no-sheets', what);
  return workbook;
}

/** Path or bytes → core grid. */
export async function readWorkbook(input: WorkbookInput, options: LoadOptions = {}): Promise<WorkbookGrid> {
  return workbookToGrid(await loadWorkbook(input, options));
}

async function readBytes(path: string, what: string): Promise<Buffer> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw readError('not-a-file', path);
    return await readFile(path);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw readError('file-not-found', path, e);
    if (code === 'EACCES' || code === 'EPERM') throw readError('permission-denied', path, e);
    if (code === 'EISDIR') throw readError('not-a-file', path, e);
    throw readError('corrupt', what, e);
  }
}

function toBuffer(input: Buffer | Uint8Array | ArrayBuffer): Buffer {
  if (Buffer.isBuffer(input)) return input;
  if (input instanceof ArrayBuffer) return Buffer.from(input);
  return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Tells the common wrong files apart before exceljs gives a cryptic zip error. A password-protected .xlsx
 * is not a zip at all: Office wraps it in an OLE compound file holding an `EncryptionInfo` stream, the same
 * container as a legacy .xls.
 */
function sniffFormat(bytes: Buffer, what: string): void {
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) {
    const encryptionInfo = Buffer.from('EncryptionInfo', 'utf16le');
    throw readError(bytes.includes(encryptionInfo) ? 'encrypted' : 'xls-format', what);
  }
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) throw readError('not-xlsx', what);
  // Local file headers carry the entry names uncompressed.
  if (bytes.includes('application/vnd.oasis.opendocument.spreadsheet')) throw readError('ods-format', what);
  if (bytes.includes('xl/workbook.bin')) throw readError('xlsb-format', what);
  if (!bytes.includes('xl/')) throw readError('not-xlsx', what);
}

/** exceljs workbook → core grid, one SheetGrid per worksheet (hidden ones included), starting at A1. */
export function workbookToGrid(workbook: ExcelJS.Workbook): WorkbookGrid {
  return { sheets: workbook.worksheets.map(worksheetToGrid) };
}

export function worksheetToGrid(worksheet: ExcelJS.Worksheet): SheetGrid {
  const rows: (Cell | null)[][] = [];
  // includeEmpty: an empty cell still matters when it carries a format (convertCell decides).
  worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: (Cell | null)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const converted = convertCell(cell);
      if (!converted) return;
      while (cells.length < colNumber - 1) cells.push(null);
      cells[colNumber - 1] = converted;
    });
    if (cells.length === 0) return;
    while (rows.length < rowNumber - 1) rows.push([]);
    rows[rowNumber - 1] = cells;
  });
  // Drop the blank tail so the grid ends at the last row that holds something.
  while (rows.length > 0 && (rows[rows.length - 1] ?? []).length === 0) rows.pop();
  return { name: worksheet.name, rows };
}

const V = ExcelJS.ValueType;

/** One exceljs cell → core cell; null when it holds nothing worth reporting. */
export function convertCell(cell: ExcelJS.Cell): Cell | null {
  const numFmt = cell.numFmt;
  const withFormat = (c: Cell): Cell => (numFmt ? { ...c, numberFormat: numFmt } : c);

  switch (cell.type) {
    case V.Null:
      // An empty cell only matters when it carries a format (e.g. a blank template's `@` ID column).
      return numFmt && numFmt !== 'General' ? { value: null, type: 'empty', numberFormat: numFmt } : null;
    case V.Merge:
      // Excel reports a merged area's value in its master (top-left) cell only.
      return null;
    default:
      return withFormat(convertValue(cell.value));
  }
}

function convertValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { value: null, type: 'empty' };
  if (typeof value === 'number') return { value, type: 'number' };
  if (typeof value === 'string') return { value, type: 'string' };
  if (typeof value === 'boolean') return { value, type: 'boolean' };
  if (value instanceof Date) return dateCell(value);
  if ('richText' in value) return { value: value.richText.map((r) => r.text).join(''), type: 'string' };
  if ('error' in value) return { value: value.error, type: 'error' };
  if ('hyperlink' in value) return { value: hyperlinkText(value.text), type: 'string' };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    // A formula never calculated (written by a library) has no cached result: the clerk sees nothing.
    if (result === undefined) return { value: null, type: 'empty' };
    return convertValue(result);
  }
  return { value: null, type: 'empty' };
}

function hyperlinkText(text: unknown): string {
  if (typeof text === 'string') return text;
  // exceljs may give a hyperlink's text as rich text.
  if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) {
    return (text.richText as { text: string }[]).map((r) => r.text).join('');
  }
  return '';
}

/** exceljs returns dates as UTC instants of the Excel serial; the calendar day is the UTC date. */
function dateCell(d: Date): Cell {
  if (Number.isNaN(d.getTime())) return { value: '#VALUE!', type: 'error' };
  const iso = d.toISOString();
  return { value: iso.slice(0, 10), type: 'date' };
}
