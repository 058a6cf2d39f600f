/**
 * The fast path (clean-id.ts) against the check as it was before it (issue #14, copied here with the date
 * helpers it used): the same result, finding for finding, on random and edge-case inputs.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../grid/cell';
import type { Finding, IssueParams } from '../issues/issue';
import { isKnownAddressCode, isKnownProvince, provinceName } from './address-codes';
import { checkIdNumber } from './check-id-number';
import { CHECK_CHARS, upgradeLegacyId, weightedSum } from './checksum';
import { cleanIdText, isPlainIdChars } from './cleanup';
import data from './data/address-codes.json';
import { nationalityAlpha3 } from './nationality';
import { rng } from '../templates/testing';
import type { IdCheckOptions, IdCheckResult, IdKind } from './types';


// ─────────────────────────── inputs ───────────────────────────

// Deterministic, so a failure names an input that fails again.
const rand = rng(14);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Known county codes (current and abolished), their prefectures and provinces. */
const KNOWN: string[] = [];
for (const [p, list] of Object.entries(data.prefectures)) {
  KNOWN.push(`${p}00`);
  for (const part of list.split('|').slice(1)) KNOWN.push(p + part.slice(0, 2));
}
for (const p of Object.keys(data.provinces)) KNOWN.push(`${p}0000`);
const ODD_AREAS = ['810000', '820000', '830000', '810001', '830100', '710000', '710101', '800000', '850000', '890000', '990000', '000000', '110199', '729999'];

function area(): string {
  const r = rand();
  if (r < 0.7) return pick(KNOWN);
  if (r < 0.85) return pick(ODD_AREAS);
  return pad(int(1_000_000), 6);
}
function date(): string {
  const r = rand();
  if (r < 0.6) return `${1950 + int(80)}${pad(1 + int(12), 2)}${pad(1 + int(28), 2)}`;
  const year = pick([1799, 1800, 1880, 1900, 1999, 2000, 2004, 2023, 2024, 2025, 2026, 2100, 2400, 9999, 0, 1000 + int(9000)]);
  const md = pick(['0229', '0228', '0230', '0431', '0430', '0631', '1231', '1301', '0001', '0100', '0132', '0531', '0601', '0602', '0131', '0931', '1131', '1031', '9999']);
  return pad(year, 4) + md;
}
/** 17 characters and the check character that fits them (when they are digits). */
function withCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i] ?? 0);
  return first17 + (/^\d{17}$/.test(first17) ? CHECK_CHARS.charAt(sum % 11) : 'X');
}
function foreigner(): string {
  return withCheck(`9${pick(['11', '31', '44', '99', '71'])}${pick(['124', '276', '840', '000', '999'])}${date()}${pad(int(1000), 3)}`);
}
const DAMAGE: ((s: string) => string)[] = [
  (s) => s.slice(0, 17) + pick(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', 'x', 'Y']),
  (s) => {
    const i = int(18);
    return s.slice(0, i) + pick(['X', 'A', '/', ':', ' ', '０', '-']) + s.slice(i + 1);
  },
  (s) => s.slice(0, 15) + '000',
  (s) => ` ${s.slice(0, 6)} ${s.slice(6)}`,
  (s) => s.slice(0, 6) + s.slice(8, 17),
  (s) => s.slice(0, 17),
  (s) => s + pick(['0', 'X']),
];

function input(): string {
  const r = rand();
  const id = r < 0.05 ? foreigner() : withCheck(area() + date() + pad(int(1000), 3));
  return r < 0.7 ? id : pick(DAMAGE)(id);
}

const OPTIONS: IdCheckOptions[] = [
  { today: '2025-06-01' },
  { today: '2025-06-01', minAge: 14, maxAge: 60 },
  { today: '2022-06-01', minAge: 14, maxAge: 60, birthYears: { min: 1989, max: 2007 } },
  { today: '2000-02-29', birthYears: { min: 1980, max: 1985 } },
  { today: '2026-12-31', maxAge: 30 },
  {},
];
const TYPES: (Cell['type'] | undefined)[] = [undefined, 'string', 'number'];

// ─────────────────────────── tests ───────────────────────────

describe('checkIdNumber = the check before the fast path (issue #14)', () => {
  it('agrees on 60,000 random identity numbers, clean and damaged, under every option set', () => {
    for (let i = 0; i < 60_000; i++) {
      const value = input();
      const options = OPTIONS[i % OPTIONS.length] ?? {};
      const type = TYPES[Math.floor(i / OPTIONS.length) % TYPES.length];
      const cell: Cell = type === undefined ? { value } : { value, type };
      const got = checkIdNumber(cell, options);
      const want = checkIdNumberBefore(cell, options);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ value, type, options, got }).toEqual({ value, type, options, got: want });
    }
  });

  it('agrees on every known address code, every day of a leap and a non-leap year, and the century years', () => {
    const ids: string[] = KNOWN.map((a) => withCheck(`${a}20050517123`));
    for (const y of ['2000', '2004', '2003', '1900', '2100', '1800', '1799']) {
      for (let m = 0; m <= 13; m++) for (let d = 0; d <= 32; d++) ids.push(withCheck(`440305${y}${pad(m, 2)}${pad(d, 2)}001`));
    }
    for (const id of ids) {
      for (const options of OPTIONS) {
        const got = checkIdNumber({ value: id }, options);
        const want = checkIdNumberBefore({ value: id }, options);
        if (JSON.stringify(got) !== JSON.stringify(want)) expect({ id, options, got }).toEqual({ id, options, got: want });
      }
    }
  });

  it('numbers and other cell values agree too', () => {
    const values: Cell['value'][] = [null, true, false, 0, -1, 1.5, 440305200506141000, 44030520050614, 440305050614123, '', ' ', '张三'];
    for (const value of values) expect(checkIdNumber({ value }, OPTIONS[0])).toEqual(checkIdNumberBefore({ value }, OPTIONS[0]));
  });
});

// ─────────────────── the check before the fast path (verbatim) ───────────────────

/** Excel keeps 15 significant digits of a number; everything after them is 0. */
const EXCEL_DIGITS = 15;
const SCIENTIFIC = /^\d(?:\.\d+)?E\+?\d{1,3}$/;
const FOREIGNER_2017 = /^[A-Z]{3}\d{12}$/;

const NO_OPTIONS: IdCheckOptions = {};
/** The findings of every clean result: frozen, never to be pushed to (callers only read results). */
const NO_FINDINGS = Object.freeze([]) as unknown as Finding[];

function checkIdNumberBefore(cell: Cell | null | undefined, options: IdCheckOptions = NO_OPTIONS): IdCheckResult {
  const value = cell?.value ?? null;
  if (typeof value === 'string') {
    // Fast path: 17 digits + digit/X, one pass over the char codes, no regex, no normalisation.
    if (value.length === 18 && cell?.type !== 'number') {
      const sum = weightedSum(value, 0);
      const last = value.charCodeAt(17);
      if (sum >= 0 && ((last >= 48 && last <= 57) || last === 88)) {
        const r = check18(value, sum, options, []);
        // A clean number's result is kept per row by the engine: share one empty list (issue #14).
        if (r.findings.length === 0) r.findings = NO_FINDINGS;
        return r;
      }
    }
    return checkText(value, cell?.type === 'number', options);
  }
  if (typeof value === 'number') return checkNumber(value, options);
  if (value === null) return failed([finding('id-empty', 'error', {})]);
  return failed([finding('id-format', 'error', { reason: 'type', length: 0 })]);
}

/** A text cell (or a number cell whose reader handed us text). */
function checkText(raw: string, fromNumberCell: boolean, options: IdCheckOptions): IdCheckResult {
  const { text, kinds } = cleanIdText(raw);
  if (text === '') return failed([finding('id-empty', 'error', {})]);

  // "4.40305E+17": the display text of a damaged number; nothing to clean, nothing to recover.
  if (SCIENTIFIC.test(text)) {
    return failed([excelNumber('scientific', raw.trim())]);
  }

  const findings: Finding[] = [];
  if (kinds.length > 0) {
    findings.push(finding('id-cleanup', 'warning', { removed: kinds.join(','), cleaned: text }, text));
  }

  if (fromNumberCell && /^\d+$/.test(text) && text.length > EXCEL_DIGITS) {
    return numberCellDigits(text, options, findings);
  }
  if (text.length === 18 && isPlainIdChars(text)) return check18(text, weightedSum(text, 0), options, findings);
  if (text.length === 15 && /^\d{15}$/.test(text)) return checkLegacy(text, options, findings);
  if (FOREIGNER_2017.test(text)) {
    findings.push(finding('id-foreigner-2017', 'warning', { nationality: text.slice(0, 3) }));
    return result(text, 'foreigner-2017', null, null, findings);
  }
  findings.push(formatFinding(text));
  return failed(findings);
}

/** A JS number: Excel already rounded it to 15 significant digits. */
function checkNumber(value: number, options: IdCheckOptions): IdCheckResult {
  if (!Number.isInteger(value) || value <= 0) {
    return failed([finding('id-format', 'error', { reason: 'length', length: String(value).length })]);
  }
  if (value >= 10 ** EXCEL_DIGITS) return numberCellDigits(excelDigits(value), options, []);
  // Up to 15 digits a double is exact: a legacy number survives (and gets upgraded).
  return checkText(value.toFixed(0), false, options);
}

/**
 * More than 15 digits that went through an Excel number. Digits after the 15th are 0 now; only when they
 * happen to have been 0 all along (the check character still fits) is the number intact.
 */
function numberCellDigits(digits: string, options: IdCheckOptions, findings: Finding[]): IdCheckResult {
  const shown = excelDigits(Number(digits));
  if (shown.length === 18 && shown.endsWith('000')) {
    const sum = weightedSum(shown, 0);
    if (sum >= 0 && CHECK_CHARS.charAt(sum % 11) === '0') {
      const r = check18(shown, sum, options, findings);
      r.findings.unshift(finding('id-number-cell', 'warning', { cleaned: shown }, shown));
      return r;
    }
  }
  return failed([...findings.filter((f) => f.code !== 'id-cleanup'), excelNumber('number', shown)]);
}

/** The digits Excel keeps: 15 significant ones, then zeros. */
function excelDigits(value: number): string {
  const [mantissa = '0', exponent = '0'] = value.toExponential(EXCEL_DIGITS - 1).split('e');
  const digits = mantissa.replace('.', '');
  const length = Number(exponent) + 1;
  return length <= digits.length ? digits.slice(0, length) : digits + '0'.repeat(length - digits.length);
}

/** 18 characters, known to be 0-9 or X; `sum` is their weightedSum (-1 when an X is among the first 17). */
function check18(s: string, sum: number, options: IdCheckOptions, findings: Finding[]): IdCheckResult {
  const last = s.charCodeAt(17);
  const expected = sum >= 0 ? CHECK_CHARS.charAt(sum % 11) : '';
  if (sum < 0 || (last === 88 ? expected !== 'X' : expected.charCodeAt(0) !== last)) {
    // An X among the first 17 characters.
    if (sum < 0) {
      findings.push(formatFinding(s));
      return failed(findings);
    }
    // "…121000": the text of a number Excel had already rounded; the real last digits are gone.
    if (last === 48 && s.charCodeAt(16) === 48 && s.charCodeAt(15) === 48) {
      findings.push(excelNumber('zero-tail', s));
      return failed(findings);
    }
    findings.push(finding('id-checksum', 'error', { expected, actual: s.charAt(17) }));
  }

  const first = s.charCodeAt(0);
  let kind: IdKind;
  if (first === 57 /* 9 */) {
    kind = 'foreigner-2023';
    const province = (s.charCodeAt(1) - 48) * 10 + (s.charCodeAt(2) - 48);
    if (!isKnownProvince(province)) {
      findings.push(finding('id-region-unknown', 'error', { level: 'province', code: s.slice(1, 3) }));
    }
    const nationality = s.slice(3, 6);
    if (nationalityAlpha3(nationality) === null) findings.push(finding('id-nationality-unknown', 'error', { code: nationality }));
  } else {
    const code = digitsAt(s, 0, 6);
    const province = Math.floor(code / 10_000);
    kind = code === 810_000 ? 'permit-hk' : code === 820_000 ? 'permit-mo' : code === 830_000 ? 'permit-tw' : 'citizen';
    regionFindings(code, province, findings);
  }

  return withDate(s, 6, s.charCodeAt(16) - 48, kind, s, options, findings);
}

/** `length` digits at `offset` as an integer (the caller knows they are digits). */
function digitsAt(s: string, offset: number, length: number): number {
  let n = 0;
  for (let i = offset; i < offset + length; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

function regionFindings(code: number, province: number, findings: Finding[]): void {
  // The permits' own codes; 830000 is not in GB/T 2260 but every Taiwan residence permit carries it.
  if (code === 810_000 || code === 820_000 || code === 830_000) return;
  // 国办发〔2018〕81号: a permit carries exactly 810000/820000/830000; no citizen number starts with 8.
  if (province >= 80 && province <= 89) {
    const expected = province === 81 || province === 82 || province === 83 ? `${province}0000` : undefined;
    const params: IssueParams = { code: String(code) };
    if (expected !== undefined) params.expected = expected;
    findings.push(finding('id-permit-prefix', 'error', params));
    return;
  }
  // Taiwan's GB/T 2260 code: never issued on an identity number (Taiwan residents' permits use 830000).
  if (province === 71) {
    findings.push(finding('id-region-taiwan', 'warning', { code: String(code) }));
    return;
  }
  if (!isKnownProvince(province)) {
    findings.push(finding('id-region-unknown', 'error', { level: 'province', code: String(code).padStart(6, '0') }));
  } else if (!isKnownAddressCode(code)) {
    // Lists are never complete (and codes were used before/after their official dates): warn only.
    findings.push(
      finding('id-region-unknown', 'warning', {
        level: 'county',
        code: String(code),
        province: provinceName(String(province)) ?? String(province),
      }),
    );
  }
}

/** Birth date at `offset` (YYYYMMDD), gender digit, age; then the result. */
function withDate(
  s: string,
  offset: number,
  genderDigit: number,
  kind: IdKind,
  normalized: string,
  options: IdCheckOptions,
  findings: Finding[],
): IdCheckResult {
  const birth = readDate(s, offset);
  let birthDate: string | null = null;
  if (birth < 0) {
    findings.push(
      finding('id-birth-date', 'error', { reason: 'not-a-date', date: formatDate(Number(s.slice(offset, offset + 8))) }),
    );
  } else {
    const today = todayValue(options.today);
    birthDate = isoDate(birth);
    const year = Math.floor(birth / 10_000);
    const cohort = options.birthYears;
    if (birth > today) {
      findings.push(finding('id-birth-date', 'error', { reason: 'future', date: birthDate, today: formatDate(today) }));
    } else if (cohort !== undefined && (year < cohort.min || year > cohort.max)) {
      // Outside the sheet's cohort (a parent's number, a typo in the year): says more than id-age, so it replaces it.
      findings.push(finding('id-birth-cohort', 'warning', { birthDate, minYear: cohort.min, maxYear: cohort.max }));
    } else if (options.minAge !== undefined || options.maxAge !== undefined) {
      const age = ageOn(birth, today);
      if ((options.minAge !== undefined && age < options.minAge) || (options.maxAge !== undefined && age > options.maxAge)) {
        const params: IssueParams = { age, birthDate };
        if (options.minAge !== undefined) params.minAge = options.minAge;
        if (options.maxAge !== undefined) params.maxAge = options.maxAge;
        findings.push(finding('id-age', 'warning', params));
      }
    }
  }
  return result(normalized, kind, birthDate, genderDigit % 2 === 1 ? 'male' : 'female', findings);
}

/** 15-digit GB 11643-1989 number: address + YYMMDD + sequence, no check character. */
function checkLegacy(s: string, options: IdCheckOptions, findings: Finding[]): IdCheckResult {
  const upgraded = upgradeLegacyId(s) ?? s;
  const cohort = options.birthYears;
  const year = 1900 + (s.charCodeAt(6) - 48) * 10 + (s.charCodeAt(7) - 48);
  if (cohort !== undefined && (year < cohort.min || year > cohort.max)) {
    // Born 19YY cannot be this cohort: not a legacy number but an 18-digit one with digits left out. Upgrading
    // it would invent a birth date, so no fix.
    findings.push(finding('id-digits-dropped', 'error', { length: 15, birthYear: year, minYear: cohort.min, maxYear: cohort.max }));
    return failed(findings);
  }
  const before = findings.length;
  const code = Number(s.slice(0, 6));
  regionFindings(code, Math.floor(code / 10_000), findings);
  const r = withDate(upgraded, 6, s.charCodeAt(14) - 48, 'legacy-15', upgraded, options, findings);
  // Offer the upgrade only for a number that is otherwise sound: upgrading a broken one would hide it.
  const sound = !findings.slice(before).some((f) => f.severity === 'error');
  r.findings.splice(before, 0, finding('id-legacy-15', 'warning', { upgraded }, sound ? upgraded : undefined));
  return r;
}

function formatFinding(text: string): Finding {
  const bad = /[^0-9X]/.exec(text);
  if (bad && (text.length === 18 || text.length === 15)) {
    return finding('id-format', 'error', { reason: 'chars', length: text.length, char: bad[0] });
  }
  if (text.length === 18) return finding('id-format', 'error', { reason: 'x-position', length: 18 });
  return finding('id-format', 'error', { reason: 'length', length: text.length });
}

function excelNumber(source: 'number' | 'zero-tail' | 'scientific', shown: string): Finding {
  return finding('id-excel-number', 'error', { source, shown });
}

function finding(code: string, severity: Finding['severity'], params: IssueParams, fix?: string): Finding {
  return fix === undefined ? { code, severity, params } : { code, severity, params, fix };
}

function result(
  normalized: string | null,
  kind: IdKind | null,
  birthDate: string | null,
  gender: IdCheckResult['gender'],
  findings: Finding[],
): IdCheckResult {
  let valid = true;
  for (const f of findings) if (f.severity === 'error') valid = false;
  return { normalized, kind, birthDate, gender, findings, valid };
}

function failed(findings: Finding[]): IdCheckResult {
  return { normalized: null, kind: null, birthDate: null, gender: null, findings, valid: false };
}

// ─────────────────── its date helpers (verbatim) ───────────────────

/** Birth years before this are not dates we accept (the standard's own example is born in 1880). */
const MIN_YEAR = 1800;

/** The `YYYYMMDD` at `offset` in `s` as an integer, or -1 when it is not a real calendar date. */
function readDate(s: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < 8; i++) {
    const d = s.charCodeAt(offset + i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return isRealDate(n) ? n : -1;
}

function isRealDate(yyyymmdd: number): boolean {
  const y = Math.floor(yyyymmdd / 10_000);
  const m = Math.floor(yyyymmdd / 100) % 100;
  const d = yyyymmdd % 100;
  if (y < MIN_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** 20010229 → `2001-02-29` (also for impossible dates: it is shown to the clerk as read). */
function formatDate(yyyymmdd: number): string {
  const s = String(yyyymmdd).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/**
 * `isoDate(20030512)` → `2003-05-12` for a real date, the same string object for the same date: a column of
 * IDs repeats a few thousand birth dates, and building the string anew for every cell was a third of an ID
 * check's cost and most of its garbage. Indexed by year (lazily, per year) then month × 32 + day.
 */
const CACHED_YEARS = 400;
const isoByYear = new Array<string[] | undefined>(CACHED_YEARS);
function isoDate(yyyymmdd: number): string {
  const y = Math.floor(yyyymmdd / 10_000) - MIN_YEAR;
  if (y < 0 || y >= CACHED_YEARS) return formatDate(yyyymmdd);
  const slot = (Math.floor(yyyymmdd / 100) % 100) * 32 + (yyyymmdd % 100);
  const year = isoByYear[y] ?? (isoByYear[y] = new Array<string>(13 * 32));
  return year[slot] ?? (year[slot] = formatDate(yyyymmdd));
}

/** Full years from `birth` to `today` (both yyyymmdd). */
function ageOn(birth: number, today: number): number {
  return Math.floor((today - birth) / 10_000);
}

let cachedOption: string | undefined;
let cachedOptionValue = 0;
let cachedNowAt = -Infinity;
let cachedNowValue = 0;

/**
 * `options.today` (ISO `YYYY-MM-DD`) as yyyymmdd; the real local date when absent or malformed. Cached: this
 * runs once per ID cell.
 */
function todayValue(today: string | undefined): number {
  if (today !== undefined) {
    if (today === cachedOption) return cachedOptionValue;
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(today);
    if (m) {
      const n = Number(m[1]) * 10_000 + Number(m[2]) * 100 + Number(m[3]);
      if (isRealDate(n)) {
        cachedOption = today;
        cachedOptionValue = n;
        return n;
      }
    }
  }
  const now = Date.now();
  if (now - cachedNowAt > 60_000) {
    const d = new Date(now);
    cachedNowValue = d.getFullYear() * 10_000 + (d.getMonth() + 1) * 100 + d.getDate();
    cachedNowAt = now;
  }
  return cachedNowValue;
}
