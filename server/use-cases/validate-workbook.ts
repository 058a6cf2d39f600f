/**
 * The server's use of the core: validate a submitted grid with the same `validate` the task pane runs,
 * extract the rows, and pick out the graduates (students) the backend stores and numbers — the rows of the
 * pack's graduate list (roles.graduates), read through the role's column keys.
 */
import type { WorkbookGrid } from '../../core/grid/cell';
import { extractRecords, validate } from '../../core/index';
import { findPack } from '../../core/templates/registry';
import type { TemplatePackSpec } from '../../core/templates/types';
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

/**
 * `packs`: packs beyond the built-in ones (a campaign's pack is normally built in; tests add their own).
 */
export function validateForServer(workbook: WorkbookGrid, packId: string, today: string, packs: readonly TemplatePackSpec[] = []): ServerValidation {
  const report = validate(workbook, { packId, today, ...(packs.length > 0 ? { packs } : {}) });
  const extracted = extractRecords(workbook, report, packs);

  // Rows with an error: not eligible for a certificate.
  const errorRows = new Set<string>();
  for (const i of report.issues) if (i.severity === 'error') errorRows.add(`${i.sheet}\u0000${i.row}`);

  const rows: ExtractedRow[] = [];
  const students: ExtractedStudent[] = [];
  for (const sheet of extracted) {
    const recognition = report.sheets.find((s) => s.sheet === sheet.sheet);
    const columns = recognition?.columns ?? [];
    const role = findPack(packs, sheet.packId ?? packId)?.roles.graduates;
    const graduateList = role !== undefined && sheet.kindId === role.kind;
    const own = role ? [role.name, role.idNumber, role.gender, role.studentNumber].filter((k): k is string => k !== undefined) : [];
    const idColumn = columns.find((c) => c.key === role?.idNumber)?.column ?? 1;
    const major = role?.majorMeta ? text(sheet.meta[role.majorMeta]) : '';
    const graduated = role?.graduated;
    for (const r of sheet.rows) {
      const fields = r.fields as Record<string, unknown>;
      rows.push({ sheet: sheet.sheet, kind: sheet.kindId ?? 'unknown', row: r.row, fields });
      if (!role || !graduateList) continue;
      const idNumber = normalizeIdNumber(fields[role.idNumber]);
      const name = text(fields[role.name]);
      if (!idNumber && !name) continue;
      const conclusion = graduated ? text(fields[graduated.column]) : '';
      const extra: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(fields)) if (!own.includes(k)) extra[k] = v;
      students.push({
        sheet: sheet.sheet,
        row: r.row,
        name,
        idNumber,
        gender: role.gender ? text(fields[role.gender]) : '',
        major,
        studentNumber: (role.studentNumber ? text(fields[role.studentNumber]).toUpperCase() : '') || null,
        graduate: !errorRows.has(`${sheet.sheet}\u0000${r.row}`) && (conclusion === '' || (graduated?.values.includes(conclusion) ?? true)),
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
