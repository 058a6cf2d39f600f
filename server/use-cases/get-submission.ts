/**
 * Read a submission back: status, version, the stored report of its current version (plus the cross-school
 * duplicates as they stand now — another school may have submitted since) and the review history with
 * comments.
 */
import type { Issue } from '../../core/issues/issue';
import type { ValidationStats } from '../../core/report';
import { AppError } from '../errors';
import { actorCovers, loadCampaignInScope, SCHOOL_ROLES, type Actor, type DbOrTx } from './context';
import { crossSchoolIssuesOfVersion } from './find-cross-school-duplicates';
import { addIssues } from './validate-workbook';

interface StoredReport {
  valid: boolean;
  packId: string | null;
  stats: ValidationStats;
  columns?: number[];
}

export interface GetSubmissionByIdOptions {
  actor: Actor;
  submissionId: string;
}

export async function getSubmissionById(db: DbOrTx, { actor, submissionId }: GetSubmissionByIdOptions) {
  const submission = await db.submission.findUnique({ where: { id: submissionId }, select: { id: true, schoolId: true } });
  if (!submission || !(await actorCovers(db, actor, submission.schoolId))) throw new AppError('not-found', { what: '上报数据' });
  return readSubmission(db, submission.id);
}

/** The clerk's own submission for a campaign. */
export interface GetOwnSubmissionOptions {
  actor: Actor;
  campaignId: string;
}

export async function getOwnSubmission(db: DbOrTx, { actor, campaignId }: GetOwnSubmissionOptions) {
  if (!SCHOOL_ROLES.includes(actor.role)) throw new AppError('forbidden');
  await loadCampaignInScope(db, actor, campaignId);
  const submission = await db.submission.findUnique({
    where: { campaignId_schoolId: { campaignId, schoolId: actor.orgId } },
    select: { id: true },
  });
  if (!submission) throw new AppError('not-found', { what: '本校的上报数据' });
  return readSubmission(db, submission.id);
}

export async function readSubmission(db: DbOrTx, submissionId: string) {
  const s = await db.submission.findUniqueOrThrow({
    where: { id: submissionId },
    include: {
      school: { select: { id: true, name: true } },
      currentVersion: { select: { id: true, report: true, rowCount: true } },
      reviewEvents: {
        orderBy: { at: 'asc' },
        include: { actor: { select: { displayName: true, org: { select: { name: true } } } } },
      },
    },
  });
  let report = { valid: true, stats: emptyStats(), issues: [] as Issue[] };
  if (s.currentVersion) {
    const stored = s.currentVersion.report as unknown as StoredReport;
    const issues = await readIssues(db, s.currentVersion.id, stored);
    const cross = await crossSchoolIssuesOfVersion(db, s.currentVersion.id, s.campaignId, s.schoolId);
    const full = addIssues(
      { valid: stored.valid, packId: stored.packId, stats: stored.stats, issues, sheets: [] },
      cross,
    );
    report = { valid: full.valid, stats: full.stats, issues: full.issues };
  }
  return {
    submission: {
      id: s.id,
      version: s.version,
      status: s.status,
      campaignId: s.campaignId,
      school: s.school,
      submittedAt: s.submittedAt?.toISOString() ?? null,
      updatedAt: s.updatedAt.toISOString(),
      rowCount: s.currentVersion?.rowCount ?? 0,
    },
    report,
    events: s.reviewEvents.map((e) => ({
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      comment: e.comment,
      at: e.at.toISOString(),
      actor: { displayName: e.actor.displayName, orgName: e.actor.org.name },
    })),
  };
}

async function readIssues(db: DbOrTx, versionId: string, stored: StoredReport): Promise<Issue[]> {
  const rows = await db.submissionIssue.findMany({ where: { versionId }, orderBy: { id: 'asc' } });
  return rows.map((r, i) => {
    const params = (r.params ?? {}) as Issue['params'];
    const issue: Issue = {
      code: r.code,
      severity: r.severity === 'ERROR' ? 'error' : 'warning',
      sheet: r.sheet ?? '',
      row: r.row ?? 0,
      column: stored.columns?.[i] ?? Number(r.column ?? 0),
      address: r.address ?? '',
      params,
    };
    const fix = r.fix as { value?: Issue['fix'] } | null;
    if (fix && fix.value !== undefined) issue.fix = fix.value;
    return issue;
  });
}

function emptyStats(): ValidationStats {
  return { sheets: 0, recognizedSheets: 0, rows: 0, cells: 0, errors: 0, warnings: 0, fixable: 0, byCode: {} };
}

/** The stored rows of a submission's current version (the core's extracted fields), for a reviewer's sheet. */
export interface GetSubmissionRowsOptions {
  actor: Actor;
  submissionId: string;
}

export async function getSubmissionRows(db: DbOrTx, { actor, submissionId }: GetSubmissionRowsOptions) {
  const submission = await db.submission.findUnique({
    where: { id: submissionId },
    select: { schoolId: true, currentVersionId: true },
  });
  if (!submission || !(await actorCovers(db, actor, submission.schoolId))) throw new AppError('not-found', { what: '上报数据' });
  const versionId = submission.currentVersionId;
  if (!versionId) return { items: [] };
  // A graduate-list row is stored as its student (prisma/migrations/0009); its sheet's kind is the
  // version's recognition of that sheet.
  const [version, rows, students] = await Promise.all([
    db.submissionVersion.findUniqueOrThrow({ where: { id: versionId }, select: { report: true } }),
    db.submissionRow.findMany({ where: { versionId }, select: { sheet: true, kind: true, rowNumber: true, fields: true } }),
    db.student.findMany({ where: { versionId }, select: { sheet: true, rowNumber: true, fields: true } }),
  ]);
  const kinds = new Map(((version.report as { sheets?: { sheet: string; kindId: string | null }[] }).sheets ?? []).map((s) => [s.sheet, s.kindId]));
  const items = [
    ...rows.map((r) => ({ sheet: r.sheet, kind: r.kind, row: r.rowNumber, fields: r.fields as Record<string, unknown> })),
    ...students.map((r) => ({ sheet: r.sheet, kind: kinds.get(r.sheet) ?? 'unknown', row: r.rowNumber, fields: r.fields as Record<string, unknown> })),
  ];
  items.sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.row - b.row));
  return { items };
}
