/**
 * The stand-in's workbook: what Excel stores, with Excel's value semantics where they matter to Yanyin —
 * numbers are IEEE doubles with 15 significant digits, a string typed into a General cell that looks like
 * a number becomes one, a text-formatted (`@`) cell keeps what was typed, `text` is the displayed string
 * (`4.40305E+17`). Plain TS so it also runs in a browser page.
 */
import { MAX_COLUMNS, type Rect } from './a1';

export type ValueType = 'String' | 'Double' | 'Boolean' | 'Empty' | 'Error';
export type Scalar = string | number | boolean;

export interface FontState {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  name?: string;
  underline?: string;
}

export interface CellState {
  /** null = empty. */
  value: Scalar | null;
  /** `#N/A` etc. when the cell holds an error. */
  error?: string;
  /** Cell-level number format; falls back to the column's, then `General`. */
  numberFormat?: string;
  /** Fill colour `#RRGGBB`; undefined = no fill. */
  fill?: string;
  font?: FontState;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  borders?: Record<string, string>;
  locked?: boolean;
}

export interface NoteState {
  content: string;
  author: string;
}

export interface CommentState {
  id: string;
  content: string;
  author: string;
  resolved: boolean;
}

export interface ValidationState {
  rect: Rect;
  rule: unknown;
  prompt?: unknown;
  errorAlert?: unknown;
  ignoreBlanks?: boolean;
}

/** A custom-formula conditional format (the only type the add-in writes). */
export interface ConditionalFormatState {
  rect: Rect;
  type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
}

let idCounter = 0;
export function newId(prefix: string): string {
  idCounter++;
  return `{${prefix}-${idCounter.toString(16).padStart(8, '0')}-0000-4000-8000-${Date.now().toString(16).padStart(12, '0').slice(-12)}}`;
}

export class SheetModel {
  readonly id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  protected = false;
  tabColor = '';
  /** key = (row - 1) * MAX_COLUMNS + (column - 1) */
  readonly cells = new Map<number, CellState>();
  readonly columnFormats = new Map<number, string>();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly notes = new Map<number, NoteState>();
  readonly comments = new Map<number, CommentState>();
  merges: Rect[] = [];
  validations: ValidationState[] = [];
  conditionalFormats: ConditionalFormatState[] = [];
  freezeRows = 0;

  constructor(name: string, id?: string) {
    this.name = name;
    this.id = id ?? newId('sheet');
  }

  static key(row: number, column: number): number {
    return (row - 1) * MAX_COLUMNS + (column - 1);
  }

  static unkey(key: number): { row: number; column: number } {
    return { row: Math.floor(key / MAX_COLUMNS) + 1, column: (key % MAX_COLUMNS) + 1 };
  }

  get(row: number, column: number): CellState | undefined {
    return this.cells.get(SheetModel.key(row, column));
  }

  /** Returns the cell, creating an empty one. */
  cell(row: number, column: number): CellState {
    const k = SheetModel.key(row, column);
    let c = this.cells.get(k);
    if (!c) {
      c = { value: null };
      this.cells.set(k, c);
    }
    return c;
  }

  numberFormatAt(row: number, column: number): string {
    return this.get(row, column)?.numberFormat ?? this.columnFormats.get(column) ?? 'General';
  }

  /** Cells within the rectangle that exist in the map (values or formats), visited sparsely when cheap. */
  forEachIn(rect: Rect, fn: (row: number, column: number, cell: CellState) => void): void {
    const area = (rect.r2 - rect.r1 + 1) * (rect.c2 - rect.c1 + 1);
    if (area <= this.cells.size) {
      for (let r = rect.r1; r <= rect.r2; r++)
        for (let c = rect.c1; c <= rect.c2; c++) {
          const cell = this.cells.get(SheetModel.key(r, c));
          if (cell) fn(r, c, cell);
        }
      return;
    }
    for (const [k, cell] of this.cells) {
      const { row, column } = SheetModel.unkey(k);
      if (row >= rect.r1 && row <= rect.r2 && column >= rect.c1 && column <= rect.c2) fn(row, column, cell);
    }
  }

  /** Excel's used range: cells with a value (valuesOnly) or with a value or any cell-level format. */
  usedRect(valuesOnly: boolean, within?: Rect): Rect | null {
    let r1 = Infinity;
    let c1 = Infinity;
    let r2 = 0;
    let c2 = 0;
    for (const [k, cell] of this.cells) {
      const hasValue = cell.value !== null || cell.error !== undefined;
      const hasFormat = cell.numberFormat !== undefined || cell.fill !== undefined || cell.font !== undefined || cell.borders !== undefined;
      if (!hasValue && (valuesOnly || !hasFormat)) continue;
      const { row, column } = SheetModel.unkey(k);
      if (within && (row < within.r1 || row > within.r2 || column < within.c1 || column > within.c2)) continue;
      if (row < r1) r1 = row;
      if (row > r2) r2 = row;
      if (column < c1) c1 = column;
      if (column > c2) c2 = column;
    }
    return r2 === 0 ? null : { r1, c1, r2, c2 };
  }

  /** Shifts everything at or below `row` by `count` rows (negative: delete rows row..row-count-1). */
  shiftRows(row: number, count: number): void {
    const moveMap = <T>(m: Map<number, T>): void => {
      const entries = [...m.entries()];
      m.clear();
      for (const [k, v] of entries) {
        const p = SheetModel.unkey(k);
        if (p.row < row) m.set(k, v);
        else if (count < 0 && p.row < row - count) continue; // deleted
        else m.set(SheetModel.key(p.row + count, p.column), v);
      }
    };
    moveMap(this.cells);
    moveMap(this.notes);
    moveMap(this.comments);
    const shiftRect = (r: Rect): Rect | null => {
      const out = { ...r };
      if (count > 0) {
        if (out.r1 >= row) out.r1 += count;
        if (out.r2 >= row) out.r2 += count;
      } else {
        const delEnd = row - count - 1;
        const adj = (x: number): number => (x < row ? x : x > delEnd ? x + count : row);
        out.r1 = adj(out.r1);
        out.r2 = r.r2 > delEnd ? r.r2 + count : Math.min(r.r2, row - 1);
        if (out.r2 < out.r1) return null;
      }
      return out;
    };
    this.merges = this.merges.map(shiftRect).filter((r): r is Rect => r !== null);
    this.validations = this.validations
      .map((v) => {
        const rect = shiftRect(v.rect);
        return rect ? { ...v, rect } : null;
      })
      .filter((v): v is ValidationState => v !== null);
  }
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  activeSheetId = '';
  selection: { sheetId: string; rect: Rect } | null = null;
  readonly settings = new Map<string, unknown>();
  readonly customXmlParts: { id: string; xml: string }[] = [];
  protected = false;

  sheet(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  addSheet(name?: string): SheetModel {
    let n = name;
    if (!n) {
      let i = this.sheets.length + 1;
      while (this.sheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    const s = new SheetModel(n);
    this.sheets.push(s);
    if (!this.activeSheetId) this.activeSheetId = s.id;
    return s;
  }
}

// ---------------------------------------------------------------------------------------------------
// Values

/** Excel keeps 15 significant digits of every number. */
export function excelNumber(n: number): number {
  if (!Number.isFinite(n) || n === 0) return n === 0 ? 0 : n;
  return Number(n.toPrecision(15));
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

/** Days since 1899-12-30 (Excel's 1900 system, counting its phantom 1900-02-29). */
export function dateToSerial(y: number, m: number, d: number): number | null {
  const t = Date.UTC(y, m - 1, d);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86_400_000);
}

export function serialToDate(serial: number): { y: number; m: number; d: number } {
  const dt = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/**
 * What Excel stores when `input` is typed into (or written through `Range.values` to) a cell with format
 * `numberFormat`. Returns the stored value and, for an auto-recognised date, the format Excel applies.
 */
export function typeInto(input: Scalar | null, numberFormat: string): { value: Scalar | null; autoFormat?: string } {
  if (input === null || input === '') return { value: null };
  if (typeof input === 'boolean') return { value: input };
  if (numberFormat === '@') return { value: typeof input === 'number' ? generalText(excelNumber(input)) : input };
  if (typeof input === 'number') return { value: excelNumber(input) };
  if (input.startsWith("'")) return { value: input.slice(1) };
  const t = input.trim();
  if (NUMERIC.test(t)) return { value: excelNumber(Number(t)) };
  if (/^[+-]?\d+(\.\d+)?%$/.test(t)) return { value: excelNumber(Number(t.slice(0, -1)) / 100) };
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE' };
  const md = ISO_DATE.exec(t);
  if (md) {
    const serial = dateToSerial(Number(md[1]), Number(md[2]), Number(md[3]));
    if (serial !== null) return { value: serial, autoFormat: isDateFormat(numberFormat) ? undefined : 'yyyy/m/d' };
  }
  return { value: input };
}

export function valueTypeOf(cell: CellState | undefined): ValueType {
  if (!cell) return 'Empty';
  if (cell.error !== undefined) return 'Error';
  const v = cell.value;
  if (v === null) return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return 'String';
}

/** What `Range.values` returns for the cell: empty is `''`, an error its `#` text. */
export function apiValue(cell: CellState | undefined): Scalar {
  if (!cell) return '';
  if (cell.error !== undefined) return cell.error;
  return cell.value ?? '';
}

// ---------------------------------------------------------------------------------------------------
// Display text

/** Excel's General format: at most 11 characters, switching to scientific notation. */
export function generalText(n: number): string {
  if (n === 0) return '0';
  const neg = n < 0;
  const a = Math.abs(n);
  const width = neg ? 10 : 11;
  if (a >= 1e-9 && a < 1e11) {
    const intDigits = Math.max(1, Math.floor(Math.log10(a)) + 1);
    for (let decimals = Math.max(0, width - intDigits - 1); decimals >= 0; decimals--) {
      let s = a.toFixed(decimals);
      if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
      if (s.length <= width && Number(s) !== 0) return (neg ? '-' : '') + s;
    }
  }
  const exp = Math.floor(Math.log10(a));
  const expText = `E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const room = width - expText.length; // mantissa characters
  const decimals = Math.max(0, room - 2);
  let mantissa = (a / 10 ** exp).toFixed(decimals);
  if (mantissa.startsWith('10')) mantissa = (a / 10 ** (exp + 1)).toFixed(decimals);
  mantissa = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return (neg ? '-' : '') + mantissa + expText;
}

/** An integer-looking double as Excel prints it with format `0`: 15 significant digits then zeros. */
export function integerText(n: number): string {
  const r = Math.round(n);
  if (Math.abs(r) < 1e15) return r.toFixed(0);
  const [mant = '', expPart = '0'] = Math.abs(r).toPrecision(15).split('e+');
  const digits = mant.replace('.', '');
  const exp = Number(expPart);
  return (r < 0 ? '-' : '') + digits + '0'.repeat(Math.max(0, exp + 1 - digits.length));
}

function stripLiterals(fmt: string): string {
  return fmt.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
}

export function isDateFormat(fmt: string): boolean {
  if (!fmt || fmt === 'General' || fmt === '@') return false;
  const f = stripLiterals(fmt).toLowerCase();
  return /[yd]/.test(f) || (/m/.test(f) && !/[hs]/.test(f));
}

export function displayText(cell: CellState | undefined, numberFormat: string): string {
  if (!cell) return '';
  if (cell.error !== undefined) return cell.error;
  const v = cell.value;
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (numberFormat === 'General' || numberFormat === '@') return generalText(v);
  if (isDateFormat(numberFormat)) return dateText(v, numberFormat);
  const pct = numberFormat.endsWith('%');
  const x = pct ? v * 100 : v;
  const m = /0\.(0+)/.exec(numberFormat);
  const decimals = m?.[1]?.length ?? 0;
  const body = decimals === 0 ? integerText(x) : x.toFixed(decimals);
  return body + (pct ? '%' : '');
}

function dateText(serial: number, fmt: string): string {
  const { y, m, d } = serialToDate(serial);
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i] ?? '';
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      out += fmt.slice(i + 1, end < 0 ? fmt.length : end);
      i = end < 0 ? fmt.length : end + 1;
      continue;
    }
    if (ch === '[') {
      const end = fmt.indexOf(']', i);
      i = end < 0 ? fmt.length : end + 1;
      continue;
    }
    if (ch === '\\') {
      out += fmt[i + 1] ?? '';
      i += 2;
      continue;
    }
    const lower = ch.toLowerCase();
    if (lower === 'y' || lower === 'm' || lower === 'd') {
      let j = i;
      while (j < fmt.length && (fmt[j] ?? '').toLowerCase() === lower) j++;
      const n = j - i;
      if (lower === 'y') out += n <= 2 ? String(y % 100).padStart(2, '0') : String(y);
      else if (lower === 'm') out += n >= 2 ? String(m).padStart(2, '0') : String(m);
      else out += n >= 2 ? String(d).padStart(2, '0') : String(d);
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
