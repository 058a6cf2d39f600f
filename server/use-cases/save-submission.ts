/**
 * PUT a school's workbook for a campaign: re-validate with the core, check across schools, and store the
 * rows, issues and students as a new version — all in one transaction, or nothing. Idempotent on the
 * Idempotency-Key; versioned (a stale baseVersion is refused, never merged).
 */
import { campaignPackId } from '../../core/templates/registry';
import { randomBytes, randomUUID } from 'node:crypto';
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
import type { ServerValidation } from './validate-workbook';

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
  /** Test hook: called inside the transaction after the rows are written (atomicity tests). */
  afterRowsWritten?: (tx: Tx) => Promise<void>;
  /** Filled with phase durations in ms (validate, cross-school, write, commit) for Server-Timing. */
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

  try {
    const result = await db.$transaction(
      async (tx) => {
        const submission = await claimSubmission(tx, { campaignId, schoolId, baseVersion, existingId: existing?.id });
        const versionNumber = (await tx.submissionVersion.count({ where: { submissionId: submission.id } })) + 1;
        const versionId = randomUUID();
        await tx.submissionVersion.create({
          data: {
            id: versionId,
            submissionId: submission.id,
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
        await writeRows(tx, { versionId, submissionId: submission.id, campaignId, schoolId }, validation, lap);
        lap('students');
        await options.afterRowsWritten?.(tx);

        const updated = await tx.submission.update({
          where: { id: submission.id },
          data: { currentVersionId: versionId, status: 'DRAFT' },
          select: { id: true, version: true, status: true },
        });
        await audit(tx, actor, {
          action: existing ? 'submission.replace' : 'submission.create',
          entity: 'submission',
          entityId: submission.id,
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
  a: { campaignId: string; schoolId: string; baseVersion: number; existingId: string | undefined },
): Promise<{ id: string }> {
  if (!a.existingId) {
    return tx.submission.create({ data: { campaignId: a.campaignId, schoolId: a.schoolId }, select: { id: true } });
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

// Rows per INSERT statement: a 20,000-row workbook is one statement per table (≈ 5 MB of JSON).
const CHUNK = 25_000;

// Constant SQL with positional parameters. ($executeRawUnsafe here only because Prisma's tagged-template
// path costs ~2× more per byte of a multi-megabyte parameter; nothing is interpolated into the text.)
const INSERT_ROWS = `
  INSERT INTO submission_row (version_id, sheet, kind, row_number, fields)
  SELECT $1::uuid, x.sheet, x.kind, x.row_number, x.fields
  FROM json_to_recordset($2::json) AS x(sheet text, kind text, row_number int, fields json)`;

const INSERT_ISSUES = `
  INSERT INTO submission_issue (version_id, code, severity, sheet, "row", "column", address, params, fix)
  SELECT $1::uuid, x.code, x.severity::"IssueSeverity", x.sheet, x."row", x."column", x.address, x.params, x.fix
  FROM jsonb_to_recordset($2::jsonb)
    AS x(code text, severity text, sheet text, "row" int, "column" text, address text, params jsonb, fix jsonb)`;

const INSERT_STUDENTS = `
  INSERT INTO student (id, version_id, submission_id, campaign_id, school_id, sheet, row_number, name, id_number,
                       gender, major, student_number, graduate, extra)
  SELECT x.id, $1::uuid, $2::uuid, $3::uuid, $4::uuid,
         x.sheet, x.row_number, x.name, x.id_number, x.gender, x.major, x.student_number, x.graduate, x.extra
  FROM jsonb_to_recordset($5::jsonb)
    AS x(id uuid, sheet text, row_number int, name text, id_number text, gender text, major text,
         student_number text, graduate boolean, extra jsonb)`;

/**
 * Time-ordered UUIDs (v7, RFC 9562 "method 1": 48-bit ms timestamp, then a counter, then random bits),
 * n at once from ONE randomBytes call: new students land at the right edge of the primary-key index, in
 * input order. The 26-bit counter goes on from the last batch within the same millisecond; the low 48
 * bits stay random.
 */
let lastMs = 0;
let lastCounter = 0;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export function uuidV7Batch(n: number): string[] {
  const now = Date.now();
  let counter = now === lastMs ? lastCounter + 1 : 0;
  if (counter + n > 0x3ffffff) counter = 0; // (67 M ids in one millisecond: never in practice)
  const random = randomBytes(6 * n);
  const ids = new Array<string>(n);
  const ts = now.toString(16).padStart(12, '0');
  const head = `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7`;
  for (let i = 0; i < n; i++, counter++) {
    const a = (counter >> 14) & 0xfff; // rand_a: 12 bits
    const b8 = 0x80 | ((counter >> 8) & 0x3f); // variant 10 + 6 counter bits
    const b9 = counter & 0xff;
    const o = 6 * i;
    ids[i] =
      `${head}${HEX[a >> 8]?.slice(1)}${HEX[a & 0xff]}-${HEX[b8]}${HEX[b9]}-` +
      `${HEX[random[o] ?? 0]}${HEX[random[o + 1] ?? 0]}${HEX[random[o + 2] ?? 0]}${HEX[random[o + 3] ?? 0]}${HEX[random[o + 4] ?? 0]}${HEX[random[o + 5] ?? 0]}`;
  }
  lastMs = now;
  lastCounter = counter - 1;
  return ids;
}

/** One time-ordered UUID (v7). */
export function uuidV7(): string {
  return uuidV7Batch(1)[0] ?? '';
}

function studentExtra(s: ServerValidation['students'][number]): Record<string, unknown> {
  const extra: Record<string, unknown> = { __idColumn: s.idColumn };
  if (s.extra.conclusion !== undefined && s.extra.conclusion !== null) extra.conclusion = s.extra.conclusion;
  return extra;
}

/** JSON array text of rows [from, to) for INSERT_ROWS. */
function rowsJson(rows: ServerValidation['rows'], from: number, to: number): string {
  const part = new Array<unknown>(to - from);
  for (let i = from; i < to; i++) {
    const r = rows[i];
    if (r) part[i - from] = { sheet: r.sheet, kind: r.kind, row_number: r.row, fields: r.fields };
  }
  return JSON.stringify(part);
}

/** JSON array text of students [from, to) for INSERT_STUDENTS. */
function studentsJson(students: ServerValidation['students'], ids: string[], from: number, to: number): string {
  const part = new Array<unknown>(to - from);
  for (let i = from; i < to; i++) {
    const s = students[i];
    if (!s) continue;
    part[i - from] = {
      id: ids[i],
      sheet: s.sheet,
      row_number: s.row,
      name: s.name,
      id_number: s.idNumber,
      gender: s.gender,
      major: s.major,
      student_number: s.studentNumber,
      graduate: s.graduate,
      // The full row is in submission_row; the student keeps only what the backend reads from it.
      extra: studentExtra(s),
    };
  }
  return JSON.stringify(part);
}

/**
 * Rows, issues and students in one multi-row INSERT per table (one JSON parameter each) up to CHUNK rows,
 * not one per row. Each JSON text is built once, straight from the validation's objects. While the
 * database inserts the rows, the first students' JSON is built, so on a server database the two overlap;
 * the statements still run one after the other in the version's transaction.
 */
async function writeRows(
  tx: Tx,
  ids: { versionId: string; submissionId: string; campaignId: string; schoolId: string },
  v: ServerValidation,
  lap: (name: string) => void = () => {},
): Promise<void> {
  const studentIds = uuidV7Batch(v.students.length);
  let firstStudents: string | undefined;
  for (let i = 0; i < v.rows.length; i += CHUNK) {
    const inserting = tx.$executeRawUnsafe(INSERT_ROWS, ids.versionId, rowsJson(v.rows, i, Math.min(v.rows.length, i + CHUNK)));
    if (i === 0 && v.students.length > 0) {
      // A Prisma promise only runs once it is then'd: start it, let it reach the socket, then build.
      const started = inserting.then((n) => n);
      started.catch(() => {}); // (awaited just below; this only avoids an unhandled-rejection warning meanwhile)
      await new Promise<void>((resolve) => setImmediate(resolve));
      firstStudents = studentsJson(v.students, studentIds, 0, Math.min(v.students.length, CHUNK));
      await started;
    } else {
      await inserting;
    }
  }
  lap('rows');
  const issues = v.report.issues;
  for (let i = 0; i < issues.length; i += CHUNK) {
    const part = issues.slice(i, i + CHUNK).map((x) => ({
      code: x.code,
      severity: x.severity === 'error' ? 'ERROR' : 'WARNING',
      sheet: x.sheet,
      row: x.row,
      column: String(x.column),
      address: x.address,
      params: x.params,
      fix: x.fix === undefined ? null : { value: x.fix },
    }));
    await tx.$executeRawUnsafe(INSERT_ISSUES, ids.versionId, JSON.stringify(part));
  }
  lap('issues');
  for (let i = 0; i < v.students.length; i += CHUNK) {
    const json = i === 0 && firstStudents !== undefined ? firstStudents : studentsJson(v.students, studentIds, i, Math.min(v.students.length, i + CHUNK));
    await tx.$executeRawUnsafe(INSERT_STUDENTS, ids.versionId, ids.submissionId, ids.campaignId, ids.schoolId, json);
  }
}
