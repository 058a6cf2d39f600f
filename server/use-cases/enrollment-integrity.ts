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
import type { IssueCode } from '../../core/issues/catalogue';
import type { Issue } from '../../core/issues/issue';
import type { ValidationReport } from '../../core/report';
import { findPack } from '../../core/templates/registry';
import { bulkAccessOf } from '../db/client';
import { registerErrorCodes } from '../errors';
import type { DbOrTx } from './context';
import { duplicateIssues } from './find-cross-school-duplicates';
import { addIssues, issueAt, rowKey, text, type ServerValidation } from './validate-workbook';

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

/** What the database says about a workbook's ID numbers (`lookUpEnrollment`): one query, then the cases. */
export interface EnrollmentFacts {
  schoolName: string;
  /** IDs whose transfer from this school to another the province accepted. */
  transferredOut: Set<string>;
  /** IDs held (approved or numbered) at another school: the strictest decision of their cases. */
  held: Map<string, ConflictStatus>;
  /** IDs in another school's current submission not yet approved (live warnings). */
  listedElsewhere: Set<string>;
  /** The (ID, other school) cases this upload raises: recorded with the version (`recordEnrollmentCases`). */
  cases: { idNumber: string; schoolId: string; reason: string }[];
}

/**
 * IDs per look-up statement by default: a short statement on the embedded database's one connection (one
 * statement for 20,000 IDs held it for seconds on a loaded machine; bench/responsiveness.bench.ts).
 */
const LOOK_UP_CHUNK = 2_000;

type Found = { id_number: string; school_id: string; reason: 'APPROVED' | 'NUMBERED' | 'LISTED' | 'TRANSFERRED' };

/**
 * Everything the integrity check needs about some IDs, in one statement (each branch through an index on
 * (campaign, ID)): other schools' current students (approved or not), issued certificates, accepted
 * transfers away from this school. The IDs are one parameter ($3) read three times.
 */
const LOOK_UP_IDS = `
  SELECT s.id_number, s.school_id::text AS school_id,
         CASE WHEN sub.status IN ('CITY_APPROVED', 'PROVINCE_APPROVED') THEN 'APPROVED' ELSE 'LISTED' END AS reason
    FROM student s JOIN submission sub ON sub.current_version_id = s.version_id
   WHERE s.campaign_id = $1::uuid AND s.school_id <> $2::uuid AND s.id_number = ANY($3::text[])
  UNION ALL
  SELECT c.holder_id_number, c.school_id::text, 'NUMBERED'
    FROM certificate c
   WHERE c.campaign_id = $1::uuid AND c.school_id <> $2::uuid AND c.status = 'ISSUED'
     AND c.holder_id_number = ANY($3::text[])
  UNION ALL
  SELECT e.id_number, e.claiming_school_id::text, 'TRANSFERRED'
    FROM enrollment_conflict e
   WHERE e.campaign_id = $1::uuid AND e.holding_school_id = $2::uuid AND e.status = 'TRANSFER_ACCEPTED'
     AND e.id_number = ANY($3::text[])`;

/**
 * On the client's own pool where there is one (the same queue as Prisma's queries): Prisma's raw queries
 * JSON-encode a parameter of 20,000 IDs and decode it again before the driver sees it.
 */
async function lookUpIds(db: DbOrTx, campaignId: string, schoolId: string, ids: string[]): Promise<Found[]> {
  const pool = bulkAccessOf(db)?.pool;
  if (pool) return (await pool.query<Found>(LOOK_UP_IDS, [campaignId, schoolId, ids])).rows;
  return db.$queryRawUnsafe<Found[]>(LOOK_UP_IDS, campaignId, schoolId, ids);
}

/**
 * Reads everything the integrity check needs about `idNumbers` (`lookUpIds`, in short statements) and the
 * decisions already taken on the cases of IDs held at another school. It needs the IDs only, not the
 * validation report: the upload runs it while the rules still run. It writes nothing: the cases are
 * recorded with the version (`recordEnrollmentCases`), so an upload that fails raises none.
 */
export interface LookUpEnrollmentOptions {
  campaignId: string;
  schoolId: string;
  idNumbers: readonly string[];
  /**
   * IDs per statement (default 2,000). A PostgreSQL server's pool is never held by one statement, so there
   * one statement for the whole upload saves the round trips (20,000 IDs: 176 against 309 ms, idle).
   */
  idsPerStatement?: number;
}

export async function lookUpEnrollment(db: DbOrTx, options: LookUpEnrollmentOptions): Promise<EnrollmentFacts> {
  const { campaignId, schoolId, idNumbers, idsPerStatement = LOOK_UP_CHUNK } = options;
  const school = await db.organization.findUniqueOrThrow({ where: { id: schoolId }, select: { name: true } });
  const facts: EnrollmentFacts = { schoolName: school.name, transferredOut: new Set(), held: new Map(), listedElsewhere: new Set(), cases: [] };
  const ids = [...new Set(idNumbers.filter((x) => x.length >= 15))];
  if (ids.length === 0) return facts;
  const found: Found[] = [];
  for (let i = 0; i < ids.length; i += idsPerStatement) found.push(...(await lookUpIds(db, campaignId, schoolId, ids.slice(i, i + idsPerStatement))));
  // A school that received the student from this one by an accepted transfer holds it rightly.
  const received = new Set<string>();
  for (const f of found) {
    if (f.reason !== 'TRANSFERRED') continue;
    facts.transferredOut.add(f.id_number);
    received.add(`${f.id_number}\u0000${f.school_id}`);
  }
  // (ID, school) → 'APPROVED' | 'NUMBERED' ('APPROVED' when both, as the cases have always said).
  const holders = new Map<string, { idNumber: string; schoolId: string; reason: string }>();
  for (const f of found) {
    if (f.reason === 'LISTED') facts.listedElsewhere.add(f.id_number);
    if (f.reason !== 'APPROVED' && f.reason !== 'NUMBERED') continue;
    const key = `${f.id_number}\u0000${f.school_id}`;
    if (received.has(key)) continue;
    const before = holders.get(key);
    if (!before || f.reason < before.reason) holders.set(key, { idNumber: f.id_number, schoolId: f.school_id, reason: f.reason });
  }
  facts.cases = [...holders.values()];
  if (facts.cases.length > 0) await readDecisions(db, campaignId, schoolId, facts.cases, facts.held);
  return facts;
}

/** Records each (ID, other school) case of an upload once (in the transaction that publishes its version). */
export async function recordEnrollmentCases(db: DbOrTx, campaignId: string, schoolId: string, facts: EnrollmentFacts): Promise<void> {
  if (facts.cases.length === 0) return;
  await db.enrollmentConflict.createMany({
    data: facts.cases.map((h) => ({
      campaignId,
      idNumber: h.idNumber,
      claimingSchoolId: schoolId,
      holdingSchoolId: h.schoolId,
      holdingReason: h.reason,
    })),
    skipDuplicates: true,
  });
}

export interface CheckedEnrollment {
  /** The report with the blocking errors folded in (stored with the version; `valid` false when any). */
  stored: ValidationReport;
  /** What the clerk is answered: the stored report plus the live duplicate warnings. */
  report: ValidationReport;
  /** Rows whose student belongs to another school (or moved to one): not this school's graduates. */
  notOurs: Set<string>;
}

/** The integrity issues of a validated upload, from the facts `lookUpEnrollment` found. */
export function applyEnrollmentFacts(
  facts: EnrollmentFacts,
  upload: { workbook: WorkbookGrid; report: ValidationReport; rows: ServerValidation['rows']; students: ServerValidation['students'] },
): CheckedEnrollment {
  const { held, transferredOut } = facts;
  const errors = [...schoolNameIssues(facts.schoolName, upload.workbook, upload.report, upload.rows)];
  const notOurs = new Set<string>();
  const warnings: Issue[] = [];
  for (const s of upload.students) {
    if (transferredOut.has(s.idNumber)) {
      notOurs.add(rowKey(s.sheet, s.row));
      warnings.push(transferredOutIssue(s.sheet, s.row, s.idColumn));
    }
    const status = held.get(s.idNumber);
    if (!status || status === 'TRANSFER_ACCEPTED') continue;
    notOurs.add(rowKey(s.sheet, s.row));
    errors.push(issueAt(HELD_CODE, 'error', { sheet: s.sheet, row: s.row, column: s.idColumn }, { decision: status }));
  }
  const stored = addIssues(upload.report, [...errors, ...warnings]);
  // Live warnings: the same ID in another school's submission not yet approved (not named either).
  const duplicates = facts.listedElsewhere.size === 0
    ? []
    : duplicateIssues(upload.students.filter((s) => !held.has(s.idNumber) && !transferredOut.has(s.idNumber)), facts.listedElsewhere);
  return { stored, report: addIssues(stored, duplicates), notOurs };
}

/** The warning on a row whose student the province confirmed as transferred to another school. */
export function transferredOutIssue(sheet: string, row: number, column: number): Issue {
  return issueAt(TRANSFERRED_OUT_CODE, 'warning', { sheet, row, column });
}

/**
 * The 学校名称 meta lines and 学校名称 columns (附件1) that name another school: the pack's
 * `roles.schoolMeta` key, read as a meta line where a sheet has it and as a column where a table has it.
 */
function schoolNameIssues(ownName: string, workbook: WorkbookGrid, report: ValidationReport, rows: ServerValidation['rows']): Issue[] {
  const own = normalizeSchoolName(ownName);
  const issues: Issue[] = [];
  const keyOf = new Map(report.sheets.map((s) => [s.sheet, s.packId === null ? undefined : findPack([], s.packId)?.roles.schoolMeta]));
  const issue = (sheet: string, row: number, column: number, written: string): Issue =>
    issueAt(SCHOOL_NAME_CODE, 'error', { sheet, row, column }, { written, school: ownName });
  for (const s of report.sheets) {
    const key = keyOf.get(s.sheet);
    const written = key === undefined ? '' : text(s.meta[key]);
    if (!written || normalizeSchoolName(written) === own) continue;
    const at = locateText(workbook, s.sheet, written, (s.headerRow ?? 10) - 1) ?? { row: 1, column: 1 };
    issues.push(issue(s.sheet, at.row, at.column, written));
  }
  for (const r of rows) {
    const key = keyOf.get(r.sheet);
    const written = key === undefined ? '' : text(r.fields[key]);
    if (!written || normalizeSchoolName(written) === own) continue;
    const column = report.sheets.find((s) => s.sheet === r.sheet)?.columns.find((c) => c.key === key)?.column ?? 1;
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
 * Puts the strictest decision per held ID into `out`: REFUSED, else OPEN, else TRANSFER_ACCEPTED. A case not
 * recorded yet is OPEN (as `recordEnrollmentCases` will create it).
 */
async function readDecisions(
  db: DbOrTx,
  campaignId: string,
  schoolId: string,
  holders: { idNumber: string; schoolId: string }[],
  out: Map<string, ConflictStatus>,
): Promise<void> {
  const recorded = await db.enrollmentConflict.findMany({
    where: { campaignId, claimingSchoolId: schoolId, idNumber: { in: [...new Set(holders.map((h) => h.idNumber))] } },
    select: { idNumber: true, holdingSchoolId: true, status: true },
  });
  const decided = new Map(recorded.map((c) => [`${c.idNumber}\u0000${c.holdingSchoolId}`, c.status]));
  const rank: Record<ConflictStatus, number> = { TRANSFER_ACCEPTED: 0, OPEN: 1, REFUSED: 2 };
  for (const h of holders) {
    const status = decided.get(`${h.idNumber}\u0000${h.schoolId}`) ?? 'OPEN';
    const before = out.get(h.idNumber);
    if (!before || rank[status] > rank[before]) out.set(h.idNumber, status);
  }
}
