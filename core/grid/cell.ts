/**
 * The core's only input: a plain grid of cells, as read from Excel (add-in), exceljs (CLI, server) or JSON
 * (the API). No I/O type leaks in here.
 */
export type CellValue = string | number | boolean | null;

/**
 * What the source says the cell holds. `number` matters for identity numbers: Excel stores them as doubles
 * and loses digits after the 15th, so the core must know a value arrived as a number. `date` values are
 * either an Excel serial number (1900 date system) or an ISO `YYYY-MM-DD` string.
 */
export type CellType = 'string' | 'number' | 'boolean' | 'date' | 'error' | 'empty';

export interface Cell {
  value: CellValue;
  type?: CellType;
  /** Excel number format, e.g. `@` (text), `General`, `yyyy-mm-dd`. */
  numberFormat?: string;
}

export interface SheetGrid {
  name: string;
  /**
   * rows[r][c] is the cell at 1-based sheet row r + 1, column c + 1 (the grid always starts at A1;
   * readers pad or trim, never shift). Missing rows/cells mean empty.
   */
  rows: (Cell | null | undefined)[][];
  /** The reader stopped after this many rows (its cap): the sheet holds more that were not read. */
  truncatedAfter?: number;
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
}

export function cellAt(sheet: SheetGrid, row: number, column: number): Cell | undefined {
  return sheet.rows[row - 1]?.[column - 1] ?? undefined;
}

/** The cell's text as a clerk would see it typed, without touching numbers' digits. */
export function cellText(cell: Cell | null | undefined): string {
  if (!cell || cell.value === null) return '';
  const v = cell.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (v >= 0 && v < SMALL_INTEGERS && Number.isInteger(v)) return (smallIntegers[v] ??= v.toFixed(0));
    return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  }
  return v ? 'TRUE' : 'FALSE';
}

/**
 * The text of 0…999 made once: grades, counts and years repeat on every row, and the engine keeps each
 * row's texts (a new string per cell was ≈ 24 bytes a row per numeric column, issue #14).
 */
const SMALL_INTEGERS = 1000;
const smallIntegers = new Array<string | undefined>(SMALL_INTEGERS);

export function isBlank(cell: Cell | null | undefined): boolean {
  if (!cell || cell.value === null) return true;
  return typeof cell.value === 'string' && cell.value.trim() === '';
}
