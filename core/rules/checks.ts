/**
 * Value checks shared by cell rules and meta lines. Pure: a cell (or its text) in, a finding or null out.
 */
import type { IssueDefinitions } from '../issues/define';
import { ETHNICITIES, FAILING_WORDS, GENDER_FIXES, PASSING_WORDS } from '../vocab/national';
import type { Cell, CellValue } from '../grid/cell';
import { cellText } from '../grid/cell';
import type { Finding, IssueParams, Severity } from '../issues/issue';
import { cleanText, hasSpace, stripSpaces, valueKey } from '../text/normalize';
import { parseCertificate, parseDate, parseRange, parseSchoolLength } from '../text/parse';
import type { ColumnType } from '../templates/types';
import { severityOf, type IssueCode, type IssueParamsOf } from '../issues/catalogue';

/** A finding of a defined code (core/issues/catalogue.ts): the code and its params are type-checked. */
export function finding<C extends IssueCode>(code: C, params?: IssueParamsOf<C>, fix?: CellValue, severity?: Severity): Finding {
  const f: Finding = { code, severity: severity ?? severityOf(code), params: (params ?? {}) as IssueParams };
  if (fix !== undefined) f.fix = fix;
  return f;
}

/**
 * A finding of a code a pack defines itself without being in the built-in list (its `issues`, e.g. a
 * pack loaded from a test folder): severity from that definition; the engine renders its message from it.
 */
export function packFinding(defs: IssueDefinitions, code: string, params: IssueParams = {}, fix?: CellValue): Finding {
  const f: Finding = { code, severity: severityOf(code, defs), params };
  if (fix !== undefined) f.fix = fix;
  return f;
}

// --- 姓名 ------------------------------------------------------------------------------------------------

const PLAIN_NAME = /^\p{Script=Han}{2,4}$/u;
const NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;
const DOT_LOOKALIKES = /[•・．.‧･∙⋅]/g;

function nameProblem(name: string): string | null {
  if (NAME.test(name)) return [...name.replace(/·/g, '')].length < 2 ? 'length' : null;
  const n = name.normalize('NFKC');
  if (/\d/.test(n)) return 'digits';
  if (/[A-Za-z]/.test(n)) return 'latin';
  if (/^[\p{Script=Han}·]+$/u.test(name)) return 'dot-position';
  return 'symbol';
}

/** A plausible Chinese name: Han characters, `·` between parts of minority names, no digits, no spaces. */
export function checkName(raw: string): Finding | null {
  if (PLAIN_NAME.test(raw)) return null;
  const trimmed = cleanText(raw);
  if (trimmed === '') return null;
  if (hasSpace(raw)) {
    const stripped = stripSpaces(raw);
    if (nameProblem(stripped) === null) {
      return [...stripped].length <= 4
        ? finding('name-spaces', { name: raw, fixed: stripped }, stripped)
        : finding('name-spaces', { name: raw, fixed: '' });
    }
    return finding('name-format', { name: trimmed, reason: nameProblem(stripped) ?? 'symbol' });
  }
  if (DOT_LOOKALIKES.test(raw)) {
    DOT_LOOKALIKES.lastIndex = 0;
    const fixed = raw.replace(DOT_LOOKALIKES, '·');
    if (nameProblem(fixed) === null) return finding('name-dot', { name: raw, fixed }, fixed);
  }
  DOT_LOOKALIKES.lastIndex = 0;
  const problem = nameProblem(raw);
  return problem ? finding('name-format', { name: raw, reason: problem }) : null;
}

// --- 性别 ------------------------------------------------------------------------------------------------


/** 男/女 from what a clerk typed (男, ' 男', 男性, M, female …), or null. */
export function readGender(text: string): '男' | '女' | null {
  if (text === '男' || text === '女') return text;
  const k = valueKey(text);
  if (k === '男' || k === '女') return k;
  return GENDER_FIXES[k] ?? null;
}

export function checkGender(raw: string): Finding | null {
  const t = cleanText(raw);
  if (t === '' || t === '男' || t === '女') return null;
  const g = readGender(t);
  return finding('gender-invalid', { value: t }, g ?? undefined);
}

// --- 成绩 ------------------------------------------------------------------------------------------------


export function checkGrade(cell: Cell | undefined, subject: string): Finding | null {
  const v = cell?.value ?? null;
  if (v === null) return null;
  let score: number | null = null;
  let shown = '';
  if (typeof v === 'number') {
    score = v;
    shown = String(v);
  } else if (typeof v === 'string') {
    if (PASSING_WORDS.has(v)) return null;
    const t = stripSpaces(v.normalize('NFKC'));
    if (t === '') return null;
    shown = cleanText(v);
    if (PASSING_WORDS.has(t)) return null;
    if (FAILING_WORDS.has(t)) return finding('grade-failing', { value: t, subject });
    const m = /^(\d{1,3}(?:\.\d+)?)(分)?$/.exec(t);
    if (!m) return finding('grade-invalid', { value: shown, subject });
    score = Number(m[1]);
    if (m[2] && score <= 100) return finding('grade-invalid', { value: shown, subject }, score);
  } else {
    return finding('grade-invalid', { value: cellText(cell), subject });
  }
  if (!Number.isFinite(score) || score < 0 || score > 100) return finding('grade-invalid', { value: shown, subject });
  if (score < 60) return finding('grade-failing', { value: shown, subject });
  return null;
}

// --- numbers, phones, dates ------------------------------------------------------------------------------

export function checkPositiveInteger(cell: Cell | undefined, header: string): Finding | null {
  const v = cell?.value ?? null;
  if (v === null || (typeof v === 'string' && cleanText(v) === '')) return null;
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return null;
  if (typeof v === 'string') {
    const t = stripSpaces(v.normalize('NFKC')).replace(/人$/, '');
    if (/^\d{1,9}$/.test(t) && Number(t) > 0) return null;
  }
  return finding('integer-invalid', { value: cellText(cell), header });
}

export function checkCredits(cell: Cell | undefined): Finding | null {
  const v = cell?.value ?? null;
  if (v === null || (typeof v === 'string' && cleanText(v) === '')) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(stripSpaces(v.normalize('NFKC'))) : NaN;
  if (typeof v === 'string' && !/^\d+(?:\.\d+)?$/.test(stripSpaces(v.normalize('NFKC')))) {
    return finding('credits-invalid', { value: cellText(cell) });
  }
  return Number.isFinite(n) && n >= 0 && n <= 300 ? null : finding('credits-invalid', { value: cellText(cell) });
}

function phoneText(cell: Cell | undefined): string {
  return cellText(cell)
    .normalize('NFKC')
    .replace(/[—–－―]/g, '-')
    .replace(/(?<=\d)[\s]+(?=\d)/g, '');
}

const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const LANDLINE = /(?<!\d)(?:0\d{2,3}-?)?[2-9]\d{6,7}(?!\d)/;

export function hasMobile(cell: Cell | undefined): boolean {
  return MOBILE.test(phoneText(cell).replace(/(?<=\d)-(?=\d)/g, ''));
}

export function checkMobile(cell: Cell | undefined, header: string): Finding | null {
  const raw = cellText(cell);
  if (cleanText(raw) === '') return null;
  return hasMobile(cell) ? null : finding('mobile-invalid', { value: cleanText(raw), header });
}

export function checkPhone(cell: Cell | undefined, header: string): Finding | null {
  const raw = cellText(cell);
  if (cleanText(raw) === '') return null;
  if (hasMobile(cell) || LANDLINE.test(phoneText(cell))) return null;
  return finding('phone-invalid', { value: cleanText(raw), header });
}

export function checkDate(cell: Cell | undefined, header: string): Finding | null {
  const raw = cellText(cell);
  if (cleanText(raw) === '') return null;
  return parseDate(cell) ? null : finding('date-invalid', { value: cleanText(raw), header });
}

export function checkSchoolLength(cell: Cell | undefined): Finding | null {
  const raw = cellText(cell);
  const t = cleanText(raw);
  if (t === '') return null;
  return parseSchoolLength(t) === null ? finding('school-length-invalid', { value: t }) : null;
}

// --- closed lists ----------------------------------------------------------------------------------------

export interface EnumLike {
  header: string;
  options?: string[];
  synonyms?: Record<string, string>;
  invalidCode?: IssueCode | undefined;
}

/** The option a value means (exact, spacing/width variant, or synonym), or null. */
export function readOption(text: string, spec: EnumLike): string | null {
  const options = spec.options ?? [];
  if (options.includes(text)) return text;
  const k = valueKey(text);
  for (const o of options) if (valueKey(o) === k) return o;
  if (spec.synonyms) {
    for (const [from, to] of Object.entries(spec.synonyms)) if (valueKey(from) === k) return to;
  }
  return null;
}

export function checkEnum(raw: string, spec: EnumLike): Finding | null {
  const t = cleanText(raw);
  const options = spec.options ?? [];
  if (t === '' || options.length === 0 || options.includes(t)) return null;
  const code = spec.invalidCode ?? 'enum-invalid';
  const header = stripSpaces(spec.header);
  const fixed = readOption(t, spec);
  return fixed
    ? finding(code, { value: t, header, fixed, options: options.join('、') }, fixed)
    : finding(code, { value: t, header, options: options.join('、') });
}

const ETHNICITY_SET = new Set(ETHNICITIES);

export function checkEthnicity(raw: string): Finding | null {
  const t = cleanText(raw);
  if (t === '' || ETHNICITY_SET.has(t)) return null;
  const k = stripSpaces(t);
  if (ETHNICITY_SET.has(k)) return finding('ethnicity-invalid', { value: t, fixed: k }, k);
  if (ETHNICITY_SET.has(`${k}族`)) return finding('ethnicity-invalid', { value: t, fixed: `${k}族` }, `${k}族`);
  return finding('ethnicity-invalid', { value: t });
}

// --- certificate numbers ---------------------------------------------------------------------------------

export function checkCertificate(cell: Cell | undefined, prefix: string | undefined): Finding | null {
  const raw = cellText(cell);
  if (cleanText(raw) === '') return null;
  if (parseCertificate(cell, prefix) !== null) return null;
  return finding('cert-format', prefix ? { value: cleanText(raw), prefix } : { value: cleanText(raw) });
}

export function checkRange(cell: Cell | undefined, prefix: string | undefined): Finding | null {
  const raw = cleanText(cellText(cell));
  if (raw === '') return null;
  return parseRange(raw, prefix) === null ? finding('range-format', { value: raw }) : null;
}

/** Type check of a meta value (学制, 入学时间, 教学形式, 联系电话 …); null when fine or not checked. */
export function checkMetaValue(
  type: ColumnType,
  value: CellValue,
  label: string,
  spec: EnumLike,
): Finding | null {
  const cell: Cell = { value };
  const text = cellText(cell);
  switch (type) {
    case 'date':
      return checkDate(cell, label);
    case 'school-length':
      return checkSchoolLength(cell);
    case 'enum':
      return checkEnum(text, { ...spec, header: label });
    case 'phone':
      return checkPhone(cell, label);
    case 'mobile':
      return checkMobile(cell, label);
    case 'integer':
      return checkPositiveInteger(cell, label);
    default:
      return null;
  }
}
