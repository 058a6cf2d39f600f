/**
 * The server's use of the core: validate a submitted grid with the same `validate` the task pane runs,
 * extract the rows, and pick out the graduates (students) the backend stores and numbers — the rows of the
 * pack's graduate list (roles.graduates), read through the role's column keys.
 */
import type { WorkbookGrid } from '../../core/grid/cell';
import { toA1 } from '../../core/grid/address';
import { detectWorkbook, extractRecords, validate } from '../../core/index';
import { findPack } from '../../core/templates/registry';
import type { TemplatePackSpec } from '../../core/templates/types';
import type { SheetRecognition, ValidationReport } from '../../core/report';
import type { Issue } from '../../core/issues/issue';

export interface ExtractedRow {
  sheet: string;
  kind: string;
  row: number;
  fields: Record<string, unknown>;
  /** A graduate-list row with a student: stored once, as the student (with these fields), not in submission_row. */
  asStudent: boolean;
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
  /** The 结论 column (`conclusion`) the graduation and transfer decisions read, when not one of the above. */
  extra: Record<string, unknown>;
  /** The whole row (its ExtractedRow's fields), stored with the student. */
  fields: Record<string, unknown>;
}

export interface ServerValidation {
  report: ValidationReport;
  rows: ExtractedRow[];
  students: ExtractedStudent[];
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

/** The core's report, as the task pane computes it. `packs`: packs beyond the built-in ones (tests add their own). */
export function validateReport(workbook: WorkbookGrid, packId: string, today: string, packs: readonly TemplatePackSpec[] = []): ValidationReport {
  return validate(workbook, { packId, today, ...(packs.length > 0 ? { packs } : {}) });
}

/**
 * Each sheet's recognition (pack, kind, columns, data range, meta) as `validate` finds it, without running
 * the rules: enough to extract and store the rows while the rules still run (save-submission).
 */
export function recognizeSheets(workbook: WorkbookGrid, packId: string, packs: readonly TemplatePackSpec[] = []): SheetRecognition[] {
  return detectWorkbook(workbook, { packId, ...(packs.length > 0 ? { packs } : {}) }).sheets.map((d) => d.recognition);
}

/** Whether two recognitions agree on everything extraction reads. */
export function sameRecognition(a: readonly SheetRecognition[], b: readonly SheetRecognition[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Key of a sheet row in the sets below. */
export const rowKey = (sheet: string, row: number): string => `${sheet}\u0000${row}`;

/** The rows (sheet, row) that have an error in the report: their students are not eligible for a certificate. */
export function errorRows(report: ValidationReport): Set<string> {
  const out = new Set<string>();
  for (const i of report.issues) if (i.severity === 'error') out.add(rowKey(i.sheet, i.row));
  return out;
}

/**
 * The rows and the graduate-list students of a recognised workbook. A student's `graduate` says what its
 * own row says (结论); rows with errors are excluded by the caller (`errorRows`), once the report is known.
 */
export function extractForServer(
  workbook: WorkbookGrid,
  sheets: SheetRecognition[],
  packId: string,
  packs: readonly TemplatePackSpec[] = [],
): Pick<ServerValidation, 'rows' | 'students'> {
  const extracted = extractRecords(workbook, { sheets }, packs);
  const rows: ExtractedRow[] = [];
  const students: ExtractedStudent[] = [];
  for (const sheet of extracted) {
    const recognition = sheets.find((s) => s.sheet === sheet.sheet);
    const columns = recognition?.columns ?? [];
    const role = findPack(packs, sheet.packId ?? packId)?.roles.graduates;
    const graduateList = role !== undefined && sheet.kindId === role.kind;
    const own = role ? [role.name, role.idNumber, role.gender, role.studentNumber].filter((k): k is string => k !== undefined) : [];
    const idColumn = columns.find((c) => c.key === role?.idNumber)?.column ?? 1;
    const major = role?.majorMeta ? text(sheet.meta[role.majorMeta]) : '';
    const graduated = role?.graduated;
    const keepConclusion = !own.includes('conclusion');
    for (const r of sheet.rows) {
      const fields = r.fields as Record<string, unknown>;
      const row: ExtractedRow = { sheet: sheet.sheet, kind: sheet.kindId ?? 'unknown', row: r.row, fields, asStudent: false };
      rows.push(row);
      if (!role || !graduateList) continue;
      const idNumber = normalizeIdNumber(fields[role.idNumber]);
      const name = text(fields[role.name]);
      if (!idNumber && !name) continue;
      row.asStudent = true;
      const conclusion = graduated ? text(fields[graduated.column]) : '';
      const extra: Record<string, unknown> = {};
      if (keepConclusion && fields.conclusion !== undefined) extra.conclusion = fields.conclusion;
      students.push({
        sheet: sheet.sheet,
        row: r.row,
        name,
        idNumber,
        gender: role.gender ? text(fields[role.gender]) : '',
        major,
        studentNumber: (role.studentNumber ? text(fields[role.studentNumber]).toUpperCase() : '') || null,
        graduate: conclusion === '' || (graduated?.values.includes(conclusion) ?? true),
        idColumn,
        extra,
        fields,
      });
    }
  }
  return { rows, students };
}

/** Report, rows and students of a workbook in one go (small workbooks, tests). */
export function validateForServer(workbook: WorkbookGrid, packId: string, today: string, packs: readonly TemplatePackSpec[] = []): ServerValidation {
  const report = validateReport(workbook, packId, today, packs);
  const { rows, students } = extractForServer(workbook, report.sheets, packId, packs);
  const errors = errorRows(report);
  for (const s of students) if (s.graduate && errors.has(rowKey(s.sheet, s.row))) s.graduate = false;
  return { report, rows, students };
}

/** An issue the server finds (cross-school checks) at one cell, in the core's shape. */
export function issueAt(code: Issue['code'], severity: Issue['severity'], at: { sheet: string; row: number; column: number }, params: Issue['params'] = {}): Issue {
  return { code, severity, sheet: at.sheet, row: at.row, column: at.column, address: toA1(at.row, at.column), params };
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
