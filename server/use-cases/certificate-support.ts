/**
 * What the certificate-number use cases share: their error codes (registered in the one table of
 * server/errors.ts), transactions with a safe retry, number formatting and scope checks.
 */
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { AppError, registerErrorCodes } from '../errors';
import { actorCovers, type Actor, type DbOrTx, type Tx } from './context';

const s = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

registerErrorCodes({
  'campaign-not-open': {
    status: 409,
    zh: () => '本次工作尚未开始或已经结束，不能申领或分配证书编号。',
    en: () => 'The campaign is not open: certificate numbers cannot be applied for or allocated.',
  },
  'application-not-pending': {
    status: 409,
    zh: (p) => `该编号申请已处理（${s(p.status)}），不能再次审批。`,
    en: (p) => `The number application was already decided (${s(p.status)}).`,
  },
  'numbers-exceed-graduates': {
    status: 422,
    zh: (p) => `专业“${s(p.major)}”申领的编号数（累计 ${s(p.requested)}）超过上报的毕业生人数（${s(p.graduates)}）。请按实际毕业生人数申领。`,
    en: (p) => `Numbers applied for in “${s(p.major)}” (${s(p.requested)} in total) exceed its reported graduates (${s(p.graduates)}).`,
  },
  'series-exhausted': {
    status: 409,
    zh: (p) => `证书编号段“${s(p.prefix)}”剩余 ${s(p.remaining)} 个，不足 ${s(p.count)} 个。`,
    en: (p) => `Series “${s(p.prefix)}” has ${s(p.remaining)} numbers left, fewer than ${s(p.count)}.`,
  },
  'series-ambiguous': {
    status: 422,
    zh: () => '本次工作有多个证书编号段，请指定使用哪一个。',
    en: () => 'The campaign has several certificate series; say which one to use.',
  },
  'submission-not-approved': {
    status: 409,
    zh: (p) => `学校上报数据尚未经省级审核通过（当前状态 ${s(p.status)}），不能编排证书编号。`,
    en: (p) => `The school's submission is not province-approved (status ${s(p.status)}); numbers cannot be assigned.`,
  },
  'certificate-numbers-insufficient': {
    status: 409,
    zh: (p) => `专业“${s(p.major)}”有 ${s(p.needed)} 名毕业生待编号，但已分配且未使用的编号只有 ${s(p.available)} 个。请先申领编号。`,
    en: (p) => `Major “${s(p.major)}” needs ${s(p.needed)} numbers but only ${s(p.available)} allocated numbers are unused.`,
  },
  'certificate-already-voided': {
    status: 409,
    zh: (p) => `证书编号 ${s(p.number)} 已作废，作废的编号不能再使用。`,
    en: (p) => `Certificate number ${s(p.number)} is voided; a voided number is never used again.`,
  },
  'no-graduates': {
    status: 409,
    zh: () => '该校当前上报数据中没有毕业生，无法抽查。',
    en: () => 'The school has no graduates in its current submission to sample.',
  },
});

/** A client, not a transaction: a use case given a transaction runs inside it (no retry then). */
function isClient(db: DbOrTx): db is PrismaClient {
  return typeof (db as { $transaction?: unknown }).$transaction === 'function';
}

/** Prisma error codes after which nothing was written, so running the transaction again is safe. */
const RETRYABLE = new Set([
  'P2028', // unable to start a transaction in the given time (pool busy)
  'P2034', // write conflict or deadlock: PostgreSQL rolled the transaction back
]);

export function prismaCode(error: unknown): string | undefined {
  return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : undefined;
}

/** The SQLSTATE behind a Prisma error, e.g. 23P01 (exclusion) or 23505 (unique), when known. */
export function sqlState(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const meta = error.meta as { driverAdapterError?: { cause?: { originalCode?: string; code?: string } }; code?: string } | undefined;
  return meta?.driverAdapterError?.cause?.originalCode ?? meta?.driverAdapterError?.cause?.code ?? meta?.code;
}

export interface RetryOptions {
  /** Attempts in all (default 8). */
  attempts?: number;
  /** First back-off in ms, doubled each time, with jitter (default 25). */
  baseDelayMs?: number;
}

/**
 * Runs `fn` in an interactive transaction (or inside the caller's). A transaction that could not start
 * (P2028) or was rolled back by the database (P2034) wrote nothing: it is retried with exponential
 * back-off and jitter; when the attempts run out the request is refused cleanly with `busy-retry`.
 */
export async function inTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>, retry: RetryOptions = {}): Promise<T> {
  if (!isClient(db)) return fn(db);
  const attempts = retry.attempts ?? 8;
  const base = retry.baseDelayMs ?? 25;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn);
    } catch (error) {
      const code = prismaCode(error);
      if (!code || !RETRYABLE.has(code)) throw error;
      if (attempt >= attempts) throw new AppError('busy-retry', {}, { cause: error });
      const delay = base * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * delay));
    }
  }
}

/** The printed number: prefix + serial zero-padded to the series' width. */
export function formatCertificateNumber(series: { prefix: string; serialWidth: number }, serial: number): string {
  return `${series.prefix}${String(serial).padStart(series.serialWidth, '0')}`;
}

export function requireRole(actor: Actor, roles: readonly Actor['role'][]): void {
  if (!roles.includes(actor.role)) throw new AppError('forbidden');
}

/** The school must be one the actor covers; otherwise it does not exist for them. */
export async function requireSchoolInScope(db: DbOrTx, actor: Actor, schoolId: string): Promise<void> {
  const school = await db.organization.findUnique({ where: { id: schoolId }, select: { kind: true } });
  if (!school || (school.kind !== 'SCHOOL' && school.kind !== 'COLLEGE') || !(await actorCovers(db, actor, schoolId))) {
    throw new AppError('not-found', { what: '学校' });
  }
}

/** The students of a school's current submission version that graduate, in sheet and row order. */
export async function currentGraduates(db: DbOrTx, campaignId: string, schoolId: string) {
  const submission = await db.submission.findUnique({
    where: { campaignId_schoolId: { campaignId, schoolId } },
    select: { id: true, status: true, currentVersionId: true },
  });
  if (!submission?.currentVersionId) return { submission, students: [] };
  const students = await db.student.findMany({
    where: { versionId: submission.currentVersionId, graduate: true },
    orderBy: [{ sheet: 'asc' }, { rowNumber: 'asc' }],
    select: { id: true, sheet: true, rowNumber: true, name: true, idNumber: true, studentNumber: true, major: true },
  });
  return { submission, students };
}
