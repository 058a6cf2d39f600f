/**
 * 全国中小学生学籍号 (national student number): 19 characters, a letter + 18 characters.
 * - `G` + the identity number. It may legitimately differ from the current ID (the ID changed after the
 *   学籍号 was issued): a mismatch is a warning, not an error.
 * - `L` temporary: address code + birth date + 4 random digits, no check character.
 * - `J` (students without a usable ID): address code + birth date + 3-digit sequence + MOD 11-2 check.
 * No spaces or symbols are allowed in the sheet; cosmetic damage gets an `xjh-cleanup` warning with the fix.
 */
import { cellText, type Cell } from '../grid/cell';
import type { Finding, IssueParams } from '../issues/issue';
import { CHECK_CHARS, weightedSum } from './checksum';
import { cleanIdText } from './cleanup';
import { formatDate, readDate, todayValue } from './dates';

export interface StudentNumberOptions {
  /** ISO date the check runs on; birth dates after it are errors. Defaults to the real today. */
  today?: string;
}

/** `学籍号：`, `全国学籍号:`, `学籍号码` … at the start. */
const XJH_LABEL = /^(?:全国)?(?:学生)?学籍(?:号码|号)?(?::|为)?/;
const SHAPE = /^[GLJ]\d{17}[\dX]$/;

/**
 * Checks a 学籍号 cell. `idNumber` is the row's normalized identity number (from `checkIdNumber`), or null
 * when the row has none or it is unusable; it is only used for the `G` kind.
 */
export function checkStudentNumber(
  value: Cell | null | undefined,
  idNumber: string | null,
  options: StudentNumberOptions = {},
): Finding[] {
  const raw = cellText(value);
  const findings: Finding[] = [];
  let s = raw;
  if (!SHAPE.test(raw)) {
    const { text, kinds } = cleanIdText(raw, XJH_LABEL);
    if (text === '') return [finding('xjh-empty', 'error', {})];
    if (kinds.length > 0) {
      findings.push(finding('xjh-cleanup', 'warning', { removed: kinds.join(','), cleaned: text }, text));
    }
    s = text;
    if (!SHAPE.test(s)) {
      findings.push(formatFinding(s));
      return findings;
    }
  }

  const prefix = s.charAt(0);
  // L numbers end in 4 random digits; only G and J carry a check character.
  if (prefix === 'L' && s.charAt(18) === 'X') {
    findings.push(finding('xjh-format', 'error', { reason: 'chars', length: 19, char: 'X' }));
    return findings;
  }
  if (prefix !== 'L') {
    const sum = weightedSum(s, 1);
    const expected = CHECK_CHARS.charAt(sum % 11);
    if (expected !== s.charAt(18)) {
      findings.push(finding('xjh-checksum', 'error', { expected, actual: s.charAt(18), kind: prefix }));
    }
  }

  const birth = readDate(s, 7);
  if (birth < 0) {
    findings.push(finding('xjh-birth-date', 'error', { reason: 'not-a-date', date: formatDate(Number(s.slice(7, 15))) }));
  } else {
    const today = todayValue(options.today);
    if (birth > today) {
      findings.push(
        finding('xjh-birth-date', 'error', { reason: 'future', date: formatDate(birth), today: formatDate(today) }),
      );
    }
  }

  if (prefix === 'G' && idNumber !== null && s.slice(1) !== idNumber) {
    findings.push(finding('xjh-id-mismatch', 'warning', { embedded: s.slice(1), idNumber }));
  }
  return findings;
}

function formatFinding(s: string): Finding {
  const first = s.charAt(0);
  if (s.length === 19 && !/[GLJ]/.test(first)) {
    return finding('xjh-format', 'error', { reason: 'prefix', length: 19, prefix: first });
  }
  if (s.length === 19) {
    const bad = /[^\dX]/.exec(s.slice(1)) ?? /X/.exec(s.slice(1, 18));
    return finding('xjh-format', 'error', { reason: 'chars', length: 19, char: bad?.[0] ?? '' });
  }
  return finding('xjh-format', 'error', { reason: 'length', length: s.length });
}

function finding(code: string, severity: Finding['severity'], params: IssueParams, fix?: string): Finding {
  return fix === undefined ? { code, severity, params } : { code, severity, params, fix };
}
