/**
 * Integrity of a school's upload against the rest of the campaign (issue #8), as issues added to the
 * core's report — errors that are stored with the version, so they block 上报:
 *
 * - `school-name-other-school`: a sheet's 学校名称 (a meta line, or 附件1's column) names another school
 *   than the signed-in clerk's. A school uploads its own students only.
 * - `id-held-by-other-school`: an ID number that is already approved (an approved current submission)
 *   or numbered (an issued certificate) at another school of the campaign. Each such case is recorded as
 *   `enrollment_conflict` for the province to decide (转学: accept; otherwise refuse);
 *   until then the listing school cannot hand in. The clerk is told THAT, never WHERE: the other school
 *   is named only to reviewers (list-enrollment-conflicts).
 *
 * - `id-transferred-out` (warning): an ID whose transfer from this school to another the province
 *   accepted. The row is not this school's graduate (never numbered here) and raises no new case against
 *   the school that received the student (apply-transfer-decision does the same to a stored version).
 *
 * The cross-school duplicates of IDs in other schools' unapproved submissions stay live warnings
 * (find-cross-school-duplicates), recomputed on every read.
 */
import type { WorkbookGrid } from '../../core/grid/cell';
import { toA1 } from '../../core/grid/address';
import type { IssueCode } from '../../core/issues/catalogue';
import type { Issue } from '../../core/issues/issue';
import type { ValidationReport } from '../../core/report';
import { registerErrorCodes } from '../errors';
import type { DbOrTx } from './context';
import { duplicateIssues, findOtherSchoolsHolding } from './find-cross-school-duplicates';
import { addIssues, text, type ServerValidation } from './validate-workbook';

export const SCHOOL_NAME_CODE = 'school-name-other-school' satisfies IssueCode;
export const HELD_CODE = 'id-held-by-other-school' satisfies IssueCode;
export const TRANSFERRED_OUT_CODE = 'id-transferred-out' satisfies IssueCode;

registerErrorCodes({
  'conflict-already-resolved': {
    status: 409,
    zh: (p) => `该学籍冲突已于 ${String(p.resolvedAt ?? '')} 处理，不能再次处理。`,
    en: (p) => `This enrollment conflict was already resolved on ${String(p.resolvedAt ?? '')}.`,
  },
});

/** 学校名称 as compared: full-width/half-width folded, no spaces, no （盖章）. */
export function normalizeSchoolName(v: unknown): string {
  return text(v)
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[(（]盖章[)）]/g, '');
}

export interface CheckEnrollmentIntegrityOptions {
  campaignId: string;
  schoolId: string;
  workbook: WorkbookGrid;
  validation: ServerValidation;
}

export interface CheckedEnrollment {
  /** The validation with the blocking errors folded in (stored with the version; `valid` false when any). */
  validation: ServerValidation;
  /** What the clerk is answered: the stored report plus the live duplicate warnings. */
  report: ValidationReport;
}

export async function checkEnrollmentIntegrity(db: DbOrTx, options: CheckEnrollmentIntegrityOptions): Promise<CheckedEnrollment> {
  const { campaignId, schoolId, workbook, validation } = options;
  const school = await db.organization.findUniqueOrThrow({ where: { id: schoolId }, select: { name: true } });
  const errors = [...schoolNameIssues(school.name, workbook, validation)];

  const ids = [...new Set(validation.students.map((s) => s.idNumber).filter((x) => x.length >= 15))];
  // Students the province confirmed as transferred from this school to another (school → IDs).
  const movedOut = await db.enrollmentConflict.findMany({
    where: { campaignId, holdingSchoolId: schoolId, status: 'TRANSFER_ACCEPTED', idNumber: { in: ids } },
    select: { idNumber: true, claimingSchoolId: true },
  });
  const transferredOut = new Set(movedOut.map((m) => m.idNumber));
  const received = new Set(movedOut.map((m) => `${m.idNumber}\u0000${m.claimingSchoolId}`));
  const held = await recordHeldIds(db, campaignId, schoolId, ids, received);
  const heldRows = new Set<string>();
  const warnings: Issue[] = [];
  for (const s of validation.students) {
    if (transferredOut.has(s.idNumber)) {
      heldRows.add(`${s.sheet}\u0000${s.row}`);
      warnings.push(transferredOutIssue(s.sheet, s.row, s.idColumn));
    }
    const status = held.get(s.idNumber);
    if (!status || status === 'TRANSFER_ACCEPTED') continue;
    heldRows.add(`${s.sheet}\u0000${s.row}`);
    errors.push({
      code: HELD_CODE,
      severity: 'error',
      sheet: s.sheet,
      row: s.row,
      column: s.idColumn,
      address: toA1(s.row, s.idColumn),
      params: { decision: status },
    });
  }
  const stored: ServerValidation = {
    ...validation,
    report: addIssues(validation.report, [...errors, ...warnings]),
    // A row whose student belongs to another school (or moved to one) is not this school's graduate.
    students: validation.students.map((s) => (heldRows.has(`${s.sheet}\u0000${s.row}`) ? { ...s, graduate: false } : s)),
  };

  // Live warnings: the same ID in another school's submission not yet approved (not named either).
  const others = await findOtherSchoolsHolding(db, campaignId, schoolId, ids);
  const duplicates = duplicateIssues(
    validation.students.filter((s) => !held.has(s.idNumber) && !transferredOut.has(s.idNumber)),
    others,
  );
  return { validation: stored, report: addIssues(stored.report, duplicates) };
}

/** The warning on a row whose student the province confirmed as transferred to another school. */
export function transferredOutIssue(sheet: string, row: number, column: number): Issue {
  return {
    code: TRANSFERRED_OUT_CODE,
    severity: 'warning',
    sheet,
    row,
    column,
    address: toA1(row, column),
    params: {},
  };
}

/** The meta 学校名称 lines and 附件1's 学校名称 column that name another school. */
function schoolNameIssues(ownName: string, workbook: WorkbookGrid, validation: ServerValidation): Issue[] {
  const own = normalizeSchoolName(ownName);
  const issues: Issue[] = [];
  const issue = (sheet: string, row: number, column: number, written: string): Issue => ({
    code: SCHOOL_NAME_CODE,
    severity: 'error',
    sheet,
    row,
    column,
    address: toA1(row, column),
    params: { written, school: ownName },
  });
  for (const s of validation.report.sheets) {
    const written = text(s.meta.schoolName);
    if (!written || normalizeSchoolName(written) === own) continue;
    const at = locateText(workbook, s.sheet, written, (s.headerRow ?? 10) - 1) ?? { row: 1, column: 1 };
    issues.push(issue(s.sheet, at.row, at.column, written));
  }
  for (const r of validation.rows) {
    const written = text(r.fields.schoolName);
    if (!written || normalizeSchoolName(written) === own) continue;
    const column = validation.report.sheets.find((s) => s.sheet === r.sheet)?.columns.find((c) => c.key === 'schoolName')?.column ?? 1;
    issues.push(issue(r.sheet, r.row, column, written));
  }
  return issues;
}

/** The cell above the table that holds the meta value (a `label：value` cell or the value's own cell). */
function locateText(workbook: WorkbookGrid, sheet: string, value: string, lastRow: number): { row: number; column: number } | undefined {
  const rows = workbook.sheets.find((s) => s.name === sheet)?.rows ?? [];
  for (let r = 0; r < Math.min(rows.length, Math.max(lastRow, 1)); r++) {
    const cells = rows[r] ?? [];
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c]?.value;
      if (typeof v === 'string' && v.includes(value)) return { row: r + 1, column: c + 1 };
    }
  }
  return undefined;
}

type ConflictStatus = 'OPEN' | 'TRANSFER_ACCEPTED' | 'REFUSED';

/**
 * Finds the IDs held (approved or numbered) at another school — not counting a school that received the
 * student from this one by an accepted transfer — records each (ID, other school) case once,
 * and answers the strictest decision per ID: REFUSED, else OPEN, else TRANSFER_ACCEPTED.
 */
async function recordHeldIds(
  db: DbOrTx,
  campaignId: string,
  schoolId: string,
  ids: string[],
  received: Set<string>,
): Promise<Map<string, ConflictStatus>> {
  const out = new Map<string, ConflictStatus>();
  if (ids.length === 0) return out;
  const found = await db.$queryRaw<{ id_number: string; school_id: string; reason: string }[]>`
    SELECT id_number, school_id::text AS school_id, min(reason) AS reason FROM (
      SELECT s.id_number, s.school_id, 'APPROVED' AS reason
      FROM student s JOIN submission sub ON sub.current_version_id = s.version_id
      WHERE s.campaign_id = ${campaignId}::uuid AND s.school_id <> ${schoolId}::uuid
        AND sub.status IN ('CITY_APPROVED', 'PROVINCE_APPROVED')
        AND s.id_number = ANY(${ids}::text[])
      UNION ALL
      SELECT c.holder_id_number, c.school_id, 'NUMBERED'
      FROM certificate c
      WHERE c.campaign_id = ${campaignId}::uuid AND c.school_id <> ${schoolId}::uuid AND c.status = 'ISSUED'
        AND c.holder_id_number = ANY(${ids}::text[])
    ) held
    GROUP BY id_number, school_id`;
  // A school that received the student from this one by an accepted transfer holds it rightly.
  const holders = found.filter((h) => !received.has(`${h.id_number}\u0000${h.school_id}`));
  if (holders.length === 0) return out;
  await db.enrollmentConflict.createMany({
    data: holders.map((h) => ({
      campaignId,
      idNumber: h.id_number,
      claimingSchoolId: schoolId,
      holdingSchoolId: h.school_id,
      // 'APPROVED' < 'NUMBERED': min() keeps APPROVED when both; say NUMBERED only when that is all.
      holdingReason: h.reason,
    })),
    skipDuplicates: true,
  });
  const cases = await db.enrollmentConflict.findMany({
    where: { campaignId, claimingSchoolId: schoolId, idNumber: { in: holders.map((h) => h.id_number) } },
    select: { idNumber: true, holdingSchoolId: true, status: true },
  });
  const rank: Record<ConflictStatus, number> = { TRANSFER_ACCEPTED: 0, OPEN: 1, REFUSED: 2 };
  const current = new Set(holders.map((h) => `${h.id_number}\u0000${h.school_id}`));
  for (const c of cases) {
    if (!current.has(`${c.idNumber}\u0000${c.holdingSchoolId}`)) continue;
    const before = out.get(c.idNumber);
    if (!before || rank[c.status] > rank[before]) out.set(c.idNumber, c.status);
  }
  return out;
}
