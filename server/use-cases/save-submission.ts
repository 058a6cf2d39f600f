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
import { bulkAccessOf } from '../db/client';
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
import { applyEnrollmentFacts, lookUpEnrollment, recordEnrollmentCases, type EnrollmentFacts } from './enrollment-integrity';
import { claimKey, isUniqueViolation, releaseKey, storeResponse, type IdempotencyRequest, type StoredResponse } from './idempotency';
import { validateOffThread } from './validate-off-thread';
import {
  discardStage,
  discardStaleStages,
  openStage,
  takeStage,
  unmarkGraduates,
  uuidV7Batch,
  writeStage,
  type StageIds,
  type StagedContent,
  type WriteStageOptions,
} from './submission-stage';
import { errorRows, extractForServer, recognizeSheets, rowKey, sameRecognition } from './validate-workbook';

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
  /**
   * The request body the workbook was parsed from (PutSubmissionBody, UTF-8 JSON): the validation worker
   * parses it again instead of receiving a copy of the grid.
   */
  body?: Uint8Array;
  /**
   * Filled with phase durations in ms for Server-Timing: extract; then validate, crossSchool and stage, which
   * run at once (each from the same start); graduates, issues, finish, commit.
   */
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
  const packId = campaignPackId(campaign);
  // The client that may COPY is a PostgreSQL server's pool: one look-up statement for the whole upload there.
  const lookUp = { campaignId, schoolId, ...(bulkAccessOf(db)?.copy ? { idsPerStatement: 50_000 } : {}) };
  // The rules run in a worker while this thread extracts the rows and stages them (issue #14): the rows
  // to store depend only on where the table is (the recognition), not on what the rules find. What does
  // depend on the rules — which students are graduates, the version's report — is settled afterwards,
  // before anything becomes visible.
  const validating = validateOffThread(workbook, packId, beijingToday(now), options.body);
  validating.catch(() => {}); // (awaited below, after the writes; a failure before that is no unhandled rejection)
  const recognized = recognizeSheets(workbook, packId);
  let content = extractForServer(workbook, recognized, packId);
  lap('extract');

  // The rows and students go in first, in short statements under a stage nobody reads; the version
  // appears in one short transaction at the end (./submission-stage.ts).
  await discardStaleStages(db, now);
  let ids: StageIds = { stageId: uuidV7(), submissionId: existing?.id ?? uuidV7(), campaignId, schoolId };
  await openStage(db, ids, now);
  try {
    const start = performance.now();
    const span = <T>(name: string, work: Promise<T>): Promise<T> =>
      work.finally(() => {
        timings[name] = Math.round(performance.now() - start);
      });
    const writeOptions: WriteStageOptions = { ...(options.afterChunk ? { afterChunk: options.afterChunk } : {}) };
    const [validated, looked, written] = await Promise.allSettled([
      span('validate', validating),
      // Issue #8: another school's name and IDs held by another school are stored errors; duplicates stay live warnings.
      span('crossSchool', lookUpEnrollment(db, { ...lookUp, idNumbers: idNumbersOf(content) })),
      span('stage', writeStage(db, ids, content, writeOptions)),
    ]);
    for (const settled of [validated, looked, written]) if (settled.status === 'rejected') throw settled.reason;
    const report = (validated as PromiseFulfilledResult<ValidationReport>).value;
    let facts = (looked as PromiseFulfilledResult<EnrollmentFacts>).value;
    mark = performance.now();
    if (!sameRecognition(report.sheets, recognized)) {
      // The rules saw the workbook otherwise (the core failed and said so): store what the report says.
      await discardStage(db, ids.stageId);
      content = extractForServer(workbook, report.sheets, packId);
      ids = { ...ids, stageId: uuidV7() };
      await openStage(db, ids, now);
      facts = await lookUpEnrollment(db, { ...lookUp, idNumbers: idNumbersOf(content) });
      await writeStage(db, ids, content, writeOptions);
      lap('restage');
    }
    const checked = applyEnrollmentFacts(facts, { workbook, report, rows: content.rows, students: content.students });
    // A row with an error, or a student of another school, is not eligible for a certificate.
    const errors = errorRows(report);
    const demoted = content.students.filter((s) => s.graduate && (errors.has(rowKey(s.sheet, s.row)) || checked.notOurs.has(rowKey(s.sheet, s.row))));
    for (const s of demoted) s.graduate = false;
    await unmarkGraduates(db, ids.stageId, demoted);
    const validation = { ...content, report: capIssues(checked.stored) };
    const clerkReport = capIssues(checked.report);
    lap('graduates');

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
        // The cases of IDs held at another school exist once the version that raises them does.
        await recordEnrollmentCases(tx, campaignId, schoolId, facts);
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
            errors: clerkReport.stats.errors,
            warnings: clerkReport.stats.warnings,
          },
        });

        const body: SaveSubmissionResult = {
          submission: updated,
          report: {
            valid: clerkReport.valid,
            stats: clerkReport.stats,
            issues: clerkReport.issues,
            ...(clerkReport.issuesOmitted ? { issuesOmitted: clerkReport.issuesOmitted } : {}),
          },
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

/** The IDs the cross-school check looks up. */
function idNumbersOf(content: StagedContent): string[] {
  return content.students.map((s) => s.idNumber);
}

/** One time-ordered UUID (v7). */
function uuidV7(): string {
  return uuidV7Batch(1)[0] ?? '';
}
