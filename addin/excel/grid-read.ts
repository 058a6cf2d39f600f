/**
 * Excel's `values` / `valueTypes` / `numberFormat` → core's cells. What Excel stored, not what it shows:
 * a Double stays a number (an 18-digit ID typed into a General cell arrives with its digits already lost,
 * which the ID checker explains), a Double with a date format becomes a `date` holding the serial.
 */
import type { Cell } from '../../core/grid/cell';

function stripLiterals(fmt: string): string {
  return fmt.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
}

/** `yyyy-mm-dd`, `yyyy"年"m"月"d"日"`, `m/d/yy` …; not `0.00`, `@`, `General` or times like `h:mm`. */
export function isDateFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat || numberFormat === 'General' || numberFormat === '@') return false;
  const f = stripLiterals(numberFormat).toLowerCase();
  return /[yd]/.test(f) || (/m/.test(f) && !/[hs]/.test(f));
}

/**
 * One cell. Empty cells become null unless they carry the text format (which the ID checks care about:
 * an empty `@` column is a protected one).
 */
export function toCell(value: unknown, valueType: string | undefined, numberFormat: string | undefined): Cell | null {
  const nf = numberFormat && numberFormat !== 'General' ? numberFormat : undefined;
  switch (valueType) {
    case 'Empty':
    case undefined:
      if (value === '' || value === null || value === undefined) return nf === '@' ? { value: null, type: 'empty', numberFormat: nf } : null;
      break;
    case 'Double':
    case 'Integer':
      if (typeof value === 'number') return isDateFormat(nf) ? { value, type: 'date', numberFormat: nf } : withFormat({ value, type: 'number' }, nf);
      break;
    case 'Boolean':
      if (typeof value === 'boolean') return withFormat({ value, type: 'boolean' }, nf);
      break;
    case 'Error':
      return withFormat({ value: String(value), type: 'error' }, nf);
    case 'String':
      if (value === '') return nf === '@' ? { value: null, type: 'empty', numberFormat: nf } : null;
      return withFormat({ value: String(value), type: 'string' }, nf);
  }
  // Unknown or rich value types: keep what we got as text.
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return withFormat({ value, type: typeof value === 'number' ? 'number' : 'boolean' }, nf);
  return withFormat({ value: String(value), type: 'string' }, nf);
}

function withFormat(cell: Cell, nf: string | undefined): Cell {
  if (nf) cell.numberFormat = nf;
  return cell;
}
