/**
 * Value parsers shared by rules: dates, 学制, 年级, grades, integers, certificate numbers and ranges.
 * They return null when a value cannot be read; they never throw.
 */
import type { Cell } from '../grid/cell';
import { cellText } from '../grid/cell';
import { cleanText, stripSpaces } from './normalize';

export interface PartialDate {
  year: number;
  /** 1–12, or null when only the year is known. */
  month: number | null;
  day: number | null;
}

const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function makeDate(year: number, month: number | null, day: number | null): PartialDate | null {
  if (year < 1900 || year > 2100) return null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (month === null || day < 1 || day > daysInMonth(year, month))) return null;
  return { year, month, day };
}

/** Excel 1900-system serial (with its 1900 leap-year bug, which only affects dates before March 1900). */
export function excelSerialToDate(serial: number): PartialDate | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 80_000) return null;
  const d = new Date(EXCEL_EPOCH + Math.floor(serial) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const CN_SEASON: Record<string, number> = { 春: 3, 春季: 3, 秋: 9, 秋季: 9 };

/**
 * Reads 入学时间 / 出生日期 / 填报日期 as typed by clerks: Excel date serials, `2019-09-01`, `2019/9/1`,
 * `2019.09`, `2019年9月`, `2019年9月1日`, `201909`, `20190901`, `2019`, `2019年秋季`.
 */
export function parseDate(cell: Cell | null | undefined): PartialDate | null {
  if (!cell || cell.value === null || typeof cell.value === 'boolean') return null;
  if (typeof cell.value === 'number') {
    const n = cell.value;
    const fmt = cell.numberFormat ?? '';
    const dateTyped = cell.type === 'date' || /[ymd]/i.test(fmt.replace(/"[^"]*"/g, ''));
    if (dateTyped || (n > 20_000 && n < 80_000 && Number.isInteger(n) === false)) return excelSerialToDate(n);
    if (Number.isInteger(n)) return parseDateText(String(n)) ?? (n > 20_000 && n < 80_000 ? excelSerialToDate(n) : null);
    return null;
  }
  return parseDateText(cell.value);
}

export function parseDateText(raw: string): PartialDate | null {
  const t = stripSpaces(raw.normalize('NFKC'));
  if (t === '') return null;
  let m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?(?:T[\d:.]+Z?)?$/.exec(t);
  if (m) return makeDate(Number(m[1]), Number(m[2]), m[3] === undefined ? null : Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})?$/.exec(t);
  if (m) return makeDate(Number(m[1]), Number(m[2]), m[3] === undefined ? null : Number(m[3]));
  m = /^(\d{4})年?(春季?|秋季?)?(?:入学)?$/.exec(t);
  if (m) return makeDate(Number(m[1]), m[2] ? (CN_SEASON[m[2]] ?? null) : null, null);
  return null;
}

export function formatDate(d: PartialDate): string {
  const mm = d.month === null ? '' : `-${String(d.month).padStart(2, '0')}`;
  const dd = d.day === null ? '' : `-${String(d.day).padStart(2, '0')}`;
  return `${d.year}${mm}${dd}`;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8 };

/** 学制: `3`, `3年`, `三年`, `3年制`, `2+1` (= 3), `2.5年`. Returns years, or null. */
export function parseSchoolLength(raw: string): number | null {
  const t = stripSpaces(raw.normalize('NFKC'));
  let m = /^(\d+(?:\.5)?)年?制?$/.exec(t);
  if (m) return inLength(Number(m[1]));
  m = /^([一二两三四五六七八])年?制?$/.exec(t);
  if (m && m[1]) return inLength(CN_DIGITS[m[1]] ?? 0);
  m = /^(\d)\+(\d)年?制?$/.exec(t);
  if (m) return inLength(Number(m[1]) + Number(m[2]));
  return null;
}

function inLength(n: number): number | null {
  return n >= 1 && n <= 8 ? n : null;
}

/** 年级 as a cohort (`2019级`, `2019`, `19级`) → 2019; null otherwise. */
export function parseCohort(raw: string): number | null {
  const t = stripSpaces(raw.normalize('NFKC'));
  let m = /^(\d{4})(?:级|年级|届)?$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    return y >= 1950 && y <= 2100 ? y : null;
  }
  m = /^(\d{2})级$/.exec(t);
  if (m) return 2000 + Number(m[1]);
  return null;
}

/** 年级 as a level (`一年级`, `高二`, `2年级`, `中职三年级`) → 1..6; null otherwise. */
export function parseGradeLevel(raw: string): number | null {
  const t = stripSpaces(raw.normalize('NFKC'));
  const m = /^(?:中职|高中|职高)?(?:高|初)?([一二三四五六1-6])(?:年级)?$/.exec(t);
  if (!m || !m[1]) return null;
  if (!/年级$/.test(t) && !/^(?:中职|高中|职高)?[高初]/.test(t)) return null;
  return CN_DIGITS[m[1]] ?? Number(m[1]);
}

/** A positive or zero integer from a number cell or digit text (full-width digits accepted). */
export function parseInteger(cell: Cell | null | undefined): number | null {
  if (!cell || cell.value === null) return null;
  if (typeof cell.value === 'number') return Number.isInteger(cell.value) ? cell.value : null;
  if (typeof cell.value !== 'string') return null;
  const t = stripSpaces(cell.value.normalize('NFKC')).replace(/人$/, '');
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

/** A decimal number from a number cell or numeric text. */
export function parseNumber(cell: Cell | null | undefined): number | null {
  if (!cell || cell.value === null) return null;
  if (typeof cell.value === 'number') return Number.isFinite(cell.value) ? cell.value : null;
  if (typeof cell.value !== 'string') return null;
  const t = stripSpaces(cell.value.normalize('NFKC'));
  return /^-?\d+(?:\.\d+)?$/.test(t) ? Number(t) : null;
}

/**
 * A certificate serial from a 证书编号 cell: digits, optionally behind the series prefix
 * (`桂教中专毕字（2022）0101`) or wrapped in 第…号. Returns the digit string, or null.
 */
export function parseCertificate(cell: Cell | null | undefined, prefix?: string): string | null {
  if (!cell || cell.value === null || typeof cell.value === 'boolean') return null;
  if (typeof cell.value === 'number') {
    return Number.isInteger(cell.value) && cell.value >= 0 && cell.value < 1e15 ? cell.value.toFixed(0) : null;
  }
  return parseCertificateText(cell.value, prefix);
}

const DIGITS = /^\d{1,30}$/;

export function parseCertificateText(raw: string, prefix?: string): string | null {
  if (DIGITS.test(raw)) return raw;
  let t = stripSpaces(raw.normalize('NFKC'));
  if (prefix) {
    const p = stripSpaces(prefix.normalize('NFKC'));
    if (t.startsWith(p)) t = t.slice(p.length);
  }
  t = t.replace(/^第/, '').replace(/号$/, '').replace(/^[’'‘]/, '');
  return DIGITS.test(t) ? t : null;
}

/** Compares two digit strings numerically (no BigInt: they may be long, and this runs per row). */
export function compareDigits(a: string, b: string): number {
  if (a.length === b.length) return a < b ? -1 : a > b ? 1 : 0;
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface SerialRange {
  start: bigint;
  end: bigint;
  startText: string;
  endText: string;
}

/**
 * 起止号: `2022000101-2022000150`, `…～…`, `…至…`, `…—…`, a short end (`2022000101-150` = …0150), or a
 * single number (a range of one). Prefixes such as 桂教中专毕字（2022） are ignored.
 */
export function parseRange(raw: string, prefix?: string): SerialRange | null {
  let t = stripSpaces(raw.normalize('NFKC'));
  if (prefix) t = t.split(stripSpaces(prefix.normalize('NFKC'))).join('');
  const m = /^第?(\d{1,30})号?(?:(?:-|~|—|–|―|至|到|－)+第?(\d{1,30})号?)?$/.exec(t);
  if (!m || !m[1]) return null;
  const startText = m[1];
  let endText = m[2] ?? startText;
  if (endText.length < startText.length) endText = startText.slice(0, startText.length - endText.length) + endText;
  const start = BigInt(startText);
  const end = BigInt(endText);
  if (end < start) return null;
  return { start, end, startText, endText };
}

/** Cleaned text of a cell (trimmed of every kind of space). */
export function textOf(cell: Cell | null | undefined): string {
  const t = cellText(cell);
  return t === '' ? t : cleanText(t);
}
