/**
 * The server's use of the core: validate a submitted grid with the same `validate` the task pane runs,
 * extract the rows, and pick out the graduates (students) the backend stores and numbers.
 */
import type { WorkbookGrid } from '../../core/grid/cell';
import { extractRecords, validate } from '../../core/index';
import { getPack, getSheetKind } from '../../core/templates/registry';
import type { ValidationReport } from '../../core/report';
import type { Issue } from '../../core/issues/issue';

export interface ExtractedRow {
  sheet: string;
  kind: string;
  row: number;
  fields: Record<string, unknown>;
}

export interface ExtractedStudent {
  sheet: string;
  row: number;
  name: string;
  idNumber: string;
  gender: string;
  major: string;
  studentNumber: string | null;
  graduate: boolean;
  /** 1-based column of the ID cell, for issues that point at it. */
  idColumn: number;
  extra: Record<string, unknown>;
}

export interface ServerValidation {
  report: ValidationReport;
  rows: ExtractedRow[];
  students: ExtractedStudent[];
}

/** Keys the student table reads; everything else of a row stays in `extra`. */
const NAME_KEYS = ['name'];
const ID_KEYS = ['idNumber'];
const GENDER_KEYS = ['gender'];
const STUDENT_NUMBER_KEYS = ['studentNumber'];
const MAJOR_META_KEYS = ['major', 'majorName'];
const CONCLUSION_KEYS = ['conclusion'];

/** Sheet kinds whose rows are graduates: the list has identity numbers AND certificate numbers or credits. */
function isGraduateList(columns: { key: string }[]): boolean {
  const keys = new Set(columns.map((c) => c.key));
  return keys.has('idNumber') && keys.has('name') && (keys.has('certificateNumber') || keys.has('credits') || keys.has('conclusion'));
}

export function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  return String(v).trim();
}

/** 身份证件号 as stored: half-width, no spaces or separators, uppercase X. */
export function normalizeIdNumber(v: unknown): string {
  return text(v)
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff'’`\-‐–—]/g, '')
    .toUpperCase();
}

function pick(fields: Record<string, unknown>, keys: string[]): unknown {
  for (const k of keys) if (fields[k] !== undefined && fields[k] !== null && fields[k] !== '') return fields[k];
  return undefined;
}

export function validateForServer(workbook: WorkbookGrid, packId: string, today: string): ServerValidation {
  const report = validate(workbook, { packId, today, locale: 'zh-CN' });
  const extracted = extractRecords(workbook, report);

  // Rows with an error: not eligible for a certificate.
  const errorRows = new Set<string>();
  for (const i of report.issues) if (i.severity === 'error') errorRows.add(`${i.sheet}\u0000${i.row}`);

  const rows: ExtractedRow[] = [];
  const students: ExtractedStudent[] = [];
  for (const sheet of extracted) {
    const recognition = report.sheets.find((s) => s.sheet === sheet.sheet);
    const columns = recognition?.columns ?? [];
    const pack = getPack(sheet.packId ?? packId);
    const kind = pack && sheet.kindId ? getSheetKind(pack, sheet.kindId) : undefined;
    const graduateList = isGraduateList(kind?.columns ?? columns);
    const idColumn = columns.find((c) => ID_KEYS.includes(c.key))?.column ?? 1;
    const major = text(pick(sheet.meta as Record<string, unknown>, MAJOR_META_KEYS));
    for (const r of sheet.rows) {
      const fields = r.fields as Record<string, unknown>;
      rows.push({ sheet: sheet.sheet, kind: sheet.kindId ?? 'unknown', row: r.row, fields });
      if (!graduateList) continue;
      const idNumber = normalizeIdNumber(pick(fields, ID_KEYS));
      const name = text(pick(fields, NAME_KEYS));
      if (!idNumber && !name) continue;
      const conclusion = text(pick(fields, CONCLUSION_KEYS));
      const extra: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(fields)) {
        if (![...NAME_KEYS, ...ID_KEYS, ...GENDER_KEYS, ...STUDENT_NUMBER_KEYS].includes(k)) extra[k] = v;
      }
      students.push({
        sheet: sheet.sheet,
        row: r.row,
        name,
        idNumber,
        gender: text(pick(fields, GENDER_KEYS)),
        major: major || text(fields.major),
        studentNumber: text(pick(fields, STUDENT_NUMBER_KEYS)).toUpperCase() || null,
        graduate: !errorRows.has(`${sheet.sheet}\u0000${r.row}`) && (conclusion === '' || conclusion === '毕业'),
        idColumn,
        extra,
      });
    }
  }
  return { report, rows, students };
}

/** Adds issues found on the server (cross-school checks) to a core report, keeping its stats right. */
export function addIssues(report: ValidationReport, issues: Issue[]): ValidationReport {
  if (issues.length === 0) return report;
  const byCode = { ...report.stats.byCode };
  let errors = report.stats.errors;
  let warnings = report.stats.warnings;
  for (const i of issues) {
    byCode[i.code] = (byCode[i.code] ?? 0) + 1;
    if (i.severity === 'error') errors++;
    else warnings++;
  }
  return {
    ...report,
    valid: errors === 0,
    stats: { ...report.stats, errors, warnings, byCode },
    issues: [...report.issues, ...issues],
  };
}
