/**
 * PUT a school's workbook for a campaign: re-validate with the core, check across schools, and store the
 * rows, issues and students as a new version — visible all at once or not at all (rows and students are
 * staged in short statements, the version appears in one short transaction: ./submission-stage.ts). Idempotent on the
 * Idempotency-Key; versioned (a stale baseVersion is refused, never merged).
 */
import { campaignPackId } from '../../core/templates/registry';
import { performance } from 'node:perf_hooks';
import type { WorkbookGrid } from '../../core/grid/cell';
import type { ValidationReport } from '../../core/report';
import { AppError, registerErrorCodes } from '../errors';
import './certificate-support'; // registers `campaign-not-open` in the one error table
import { assertBeforeSubmissionDue } from './submission-deadline';
import {
  assertNotLocked,
  audit,
  loadCampaignInScope,
  SCHOOL_ROLES,
  type Actor,
  type Db,
  type Tx,
} from './context';
import { checkEnrollmentIntegrity } from './check-enrollment-integrity';
import { claimKey, isUniqueViolation, releaseKey, storeResponse, type IdempotencyRequest, type StoredResponse } from './idempotency';
import { validateOffThread } from './validate-off-thread';
import { discardStage, discardStaleStages, openStage, takeStage, uuidV7Batch, writeStage, type StageIds, type WriteStageOptions } from './submission-stage';

registerErrorCodes({
  'workbook-too-many-rows': {
    status: 413,
    zh: (p) =>
      p.sheet
        ? `工作表“${String(p.sheet)}”有 ${String(p.rows)} 行，超过本次工作每个工作表 ${String(p.limit)} 行的上限。请拆分后分批上报，或联系省级管理员。`
        : `工作簿共有 ${String(p.rows)} 行，超过本次工作每份上报 ${String(p.limit)} 行的上限。请联系省级管理员。`,
    en: (p) =>
      p.sheet
        ? `Sheet “${String(p.sheet)}” has ${String(p.rows)} rows, more than this campaign's limit of ${String(p.limit)} per sheet.`
        : `The workbook has ${String(p.rows)} rows, more than this campaign's limit of ${String(p.limit)} per submission.`,
  },
});

/**
 * Issues returned and stored per version: the first ones (errors before warnings); the counts in the
 * report's stats stay exact. 60,000 faulty rows must not become a 70 MB answer and idempotency record.
 */
export const ISSUE_CAP = 1_000;

/** The report with at most ISSUE_CAP issues (errors first) and how many were left out. */
export function capIssues<R extends { issues: ValidationReport['issues'] }>(report: R): R & { issuesOmitted?: number } {
  if (report.issues.length <= ISSUE_CAP) return report;
  const errors = report.issues.filter((i) => i.severity === 'error');
  const kept = errors.length >= ISSUE_CAP ? errors.slice(0, ISSUE_CAP) : [...errors, ...report.issues.filter((i) => i.severity !== 'error').slice(0, ISSUE_CAP - errors.length)];
  return { ...report, issues: kept, issuesOmitted: report.issues.length - kept.length };
}

export interface SaveSubmissionOptions {
  actor: Actor;
  campaignId: string;
  baseVersion: number;
  workbook: WorkbookGrid;
  idempotency: { key: string; requestHash: string; method: string; path: string };
  now?: Date;
  /**
   * Test hook: called after each chunk of rows or students is written under the stage, before the version
   * exists (atomicity and responsiveness tests).
   */
  afterChunk?: WriteStageOptions['afterChunk'];
  /** Filled with phase durations in ms (validate, crossSchool, rows, students, issues, finish, commit) for Server-Timing. */
  timings?: Record<string, number>;
}

export interface SaveSubmissionResult {
  submission: { id: string; version: number; status: string };
  /** At most ISSUE_CAP issues; `issuesOmitted` counts the rest (stats count them all). */
  report: { valid: boolean; stats: ValidationReport['stats']; issues: ValidationReport['issues']; issuesOmitted?: number };
}

/** Beijing calendar date, as the core's `today`. */
export function beijingToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export async function saveSubmission(db: Db, options: SaveSubmissionOptions): Promise<StoredResponse> {
  const { actor, now = new Date() } = options;
  if (!SCHOOL_ROLES.includes(actor.role)) throw new AppError('forbidden');
  const idem = { userId: actor.userId, ...options.idempotency };

  const replay = await claimKey(db, idem, now);
  if (replay) return replay;
  try {
    return await saveClaimed(db, options, idem, now);
  } catch (e) {
    await releaseKey(db, idem).catch(() => {});
    throw e;
  }
}

async function saveClaimed(db: Db, options: SaveSubmissionOptions, idem: IdempotencyRequest, now: Date): Promise<StoredResponse> {
  const { actor, campaignId, baseVersion, workbook } = options;
  const campaign = await loadCampaignInScope(db, actor, campaignId);
  if (campaign.status !== 'OPEN') throw new AppError('campaign-not-open');
  assertNotLocked(campaign, 'submission', now);
  const schoolId = actor.orgId;
  await assertBeforeSubmissionDue(db, campaign, schoolId, now);

  const existing = await db.submission.findUnique({ where: { campaignId_schoolId: { campaignId, schoolId } } });
  const currentVersion = existing?.version ?? 0;
  if (baseVersion !== currentVersion) throw new AppError('version-conflict', { baseVersion, currentVersion });
  if (existing && !['DRAFT', 'RETURNED'].includes(existing.status)) {
    throw new AppError('invalid-transition', { status: existing.status, action: '修改上报内容' });
  }

  if (!workbook.sheets.some((s) => s.rows.length > 0)) throw new AppError('workbook-empty');
  let total = 0;
  for (const sheet of workbook.sheets) {
    total += sheet.rows.length;
    if (sheet.rows.length > campaign.maxRowsPerSheet) {
      throw new AppError('workbook-too-many-rows', { sheet: sheet.name, rows: sheet.rows.length, limit: campaign.maxRowsPerSheet });
    }
  }
  if (total > campaign.maxRowsPerSubmission) throw new AppError('workbook-too-many-rows', { rows: total, limit: campaign.maxRowsPerSubmission });

  const timings = options.timings ?? {};
  let mark = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - mark);
    mark = t;
  };
  const validated = await validateOffThread(workbook, campaignPackId(campaign), beijingToday(now));
  lap('validate');
  // Issue #8: another school's name and IDs held by another school are stored errors; duplicates stay live warnings.
  const checked = await checkEnrollmentIntegrity(db, { campaignId, schoolId, workbook, validation: validated });
  const validation = { ...checked.validation, report: capIssues(checked.validation.report) };
  const report = capIssues(checked.report);
  lap('crossSchool');

  // The rows and students go in first, in short statements under a stage nobody reads; the version
  // appears in one short transaction at the end (./submission-stage.ts).
  await discardStaleStages(db, now);
  const ids: StageIds = { stageId: uuidV7(), submissionId: existing?.id ?? uuidV7(), campaignId, schoolId };
  await openStage(db, ids, now);
  try {
    await writeStage(db, ids, validation, { lap, ...(options.afterChunk ? { afterChunk: options.afterChunk } : {}) });
    const result = await db.$transaction(
      async (tx) => {
        if (!(await takeStage(tx, ids))) throw new AppError('busy-retry'); // discarded as stale meanwhile
        await claimSubmission(tx, { campaignId, schoolId, baseVersion, existingId: existing?.id, newId: ids.submissionId });
        const versionNumber = (await tx.submissionVersion.count({ where: { submissionId: ids.submissionId } })) + 1;
        const versionId = ids.stageId;
        await tx.submissionVersion.create({
          data: {
            id: versionId,
            submissionId: ids.submissionId,
            number: versionNumber,
            createdById: actor.userId,
            createdAt: now,
            contentHash: options.idempotency.requestHash,
            rowCount: validation.rows.length,
            valid: validation.report.valid,
            report: {
              valid: validation.report.valid,
              packId: validation.report.packId,
              stats: JSON.parse(JSON.stringify(validation.report.stats)),
              columns: validation.report.issues.map((i) => i.column),
              sheets: validation.report.sheets.map((sh) => ({ sheet: sh.sheet, kindId: sh.kindId, meta: sh.meta })),
            },
          },
        });
        await writeIssues(tx, versionId, validation.report.issues);
        lap('issues');

        const updated = await tx.submission.update({
          where: { id: ids.submissionId },
          data: { currentVersionId: versionId, status: 'DRAFT' },
          select: { id: true, version: true, status: true },
        });
        await audit(tx, actor, {
          action: existing ? 'submission.replace' : 'submission.create',
          entity: 'submission',
          entityId: ids.submissionId,
          before: existing
            ? { version: existing.version, status: existing.status, currentVersionId: existing.currentVersionId }
            : null,
          after: {
            version: updated.version,
            status: updated.status,
            currentVersionId: versionId,
            versionNumber,
            rows: validation.rows.length,
            students: validation.students.length,
            errors: report.stats.errors,
            warnings: report.stats.warnings,
          },
        });

        const body: SaveSubmissionResult = {
          submission: updated,
          report: { valid: report.valid, stats: report.stats, issues: report.issues, ...(report.issuesOmitted ? { issuesOmitted: report.issuesOmitted } : {}) },
        };
        const response = { status: 200, body };
        await storeResponse(tx, idem, response, now);
        lap('finish');
        return response;
      },
      { timeout: 120_000 },
    );
    lap('commit');
    return result;
  } catch (e) {
    // (A discard that fails leaves the stage marked or stale: the next upload's discardStaleStages ends it.)
    await discardStage(db, ids.stageId).catch(() => {});
    if (isUniqueViolation(e)) {
      // A first upload racing ours.
      const current = await db.submission.findUnique({ where: { campaignId_schoolId: { campaignId, schoolId } } });
      throw new AppError('version-conflict', { baseVersion, currentVersion: current?.version ?? 0 }, { cause: e });
    }
    throw e;
  }
}

/** Creates the submission (baseVersion 0) or moves its version on, refusing a concurrent change. */
async function claimSubmission(
  tx: Tx,
  a: { campaignId: string; schoolId: string; baseVersion: number; existingId: string | undefined; newId: string },
): Promise<{ id: string }> {
  if (!a.existingId) {
    return tx.submission.create({ data: { id: a.newId, campaignId: a.campaignId, schoolId: a.schoolId }, select: { id: true } });
  }
  const moved = await tx.submission.updateMany({
    where: { id: a.existingId, version: a.baseVersion, status: { in: ['DRAFT', 'RETURNED'] } },
    data: { version: { increment: 1 } },
  });
  if (moved.count !== 1) {
    const current = await tx.submission.findUnique({ where: { id: a.existingId } });
    if (current && current.version === a.baseVersion) {
      throw new AppError('invalid-transition', { status: current.status, action: '修改上报内容' });
    }
    throw new AppError('version-conflict', { baseVersion: a.baseVersion, currentVersion: current?.version ?? 0 });
  }
  return { id: a.existingId };
}

const INSERT_ISSUES = `
  INSERT INTO submission_issue (version_id, code, severity, sheet, "row", "column", address, params, fix)
  SELECT $1::uuid, x.code, x.severity::"IssueSeverity", x.sheet, x."row", x."column", x.address, x.params, x.fix
  FROM jsonb_to_recordset($2::jsonb)
    AS x(code text, severity text, sheet text, "row" int, "column" text, address text, params jsonb, fix jsonb)`;

/** The version's issues (at most ISSUE_CAP: one statement), in the final transaction. */
async function writeIssues(tx: Tx, versionId: string, issues: ValidationReport['issues']): Promise<void> {
  if (issues.length === 0) return;
  const rows = issues.map((x) => ({
    code: x.code,
    severity: x.severity === 'error' ? 'ERROR' : 'WARNING',
    sheet: x.sheet,
    row: x.row,
    column: String(x.column),
    address: x.address,
    params: x.params,
    fix: x.fix === undefined ? null : { value: x.fix },
  }));
  await tx.$executeRawUnsafe(INSERT_ISSUES, versionId, JSON.stringify(rows));
}

/** One time-ordered UUID (v7). */
function uuidV7(): string {
  return uuidV7Batch(1)[0] ?? '';
}
