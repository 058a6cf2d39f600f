/**
 * Identity numbers of every kind a Chinese graduation sheet holds: citizen (GB 11643-1999), 15-digit legacy,
 * HK/Macao/Taiwan residence permits, foreigner permanent residence cards (2023 and 2017), and the damage
 * Excel does to them. Spec: /work/shared/notes/identity-numbers.md.
 *
 * Bad data never throws: everything is a finding. A clean 18-character string takes the fast path
 * (clean-id.ts: char codes only, no regex, no allocation beyond the result).
 */
import type { Cell } from '../grid/cell';
import type { Finding, IssueParams } from '../issues/issue';
import { isKnownAddressCode, isKnownProvince, provinceName } from './address-codes';
import { CHECK_CHARS, upgradeLegacyId, weightedSum } from './checksum';
import { cleanIdResult, NO_FINDINGS } from './clean-id';
import { cleanIdText, isPlainIdChars } from './cleanup';
import { ageOn, formatDate, isoDate, readDate, todayValue } from './dates';
import { nationalityAlpha3 } from './nationality';
import type { IdCheckOptions, IdCheckResult, IdKind } from './types';

/** Excel keeps 15 significant digits of a number; everything after them is 0. */
const EXCEL_DIGITS = 15;
const SCIENTIFIC = /^\d(?:\.\d+)?E\+?\d{1,3}$/;
const FOREIGNER_2017 = /^[A-Z]{3}\d{12}$/;

const NO_OPTIONS: IdCheckOptions = {};

export function checkIdNumber(cell: Cell | null | undefined, options: IdCheckOptions = NO_OPTIONS): IdCheckResult {
  const value = cell?.value ?? null;
  if (typeof value === 'string') {
    if (value.length === 18 && cell?.type !== 'number') {
      const clean = cleanIdResult(value, options);
      if (clean !== null) return clean;
      // 17 digits + digit/X with something to say: no cleanup, no regex.
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
