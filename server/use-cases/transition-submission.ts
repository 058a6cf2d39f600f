/**
 * The review state machine, in one place:
 *
 *   DRAFT/RETURNED ─submit (clerk)→ SUBMITTED ─approve (city)→ CITY_APPROVED ─approve (province)→ PROVINCE_APPROVED
 *   SUBMITTED ─return (city or province)→ RETURNED;  CITY_APPROVED ─return (province)→ RETURNED
 *   SUBMITTED ─withdraw (clerk)→ DRAFT
 *   A school directly under the province (区直) goes SUBMITTED ─approve (province)→ PROVINCE_APPROVED.
 *
 * Every transition is an optimistic `updateMany … where { id, status, version }` plus a ReviewEvent and an
 * audit row in the same transaction.
 */
import type { SubmissionStatus } from '../../generated/prisma/client';
import { AppError } from '../errors';
import { assertBeforeSubmissionDue } from './submission-deadline';
import { actorCovers, assertNotLocked, audit, loadCampaignInScope, type Actor, type Db } from './context';
import { readSubmission } from './get-submission';

export type ReviewActionName = 'SUBMIT' | 'APPROVE' | 'RETURN' | 'WITHDRAW';

const ACTION_ZH: Record<ReviewActionName, string> = { SUBMIT: '上报', APPROVE: '审核通过', RETURN: '退回', WITHDRAW: '撤回' };

export interface TransitionSubmissionOptions {
  actor: Actor;
  submissionId: string;
  action: ReviewActionName;
  comment?: string | undefined;
  /** When given, the transition applies only to this version (what the reviewer looked at). */
  expectedVersion?: number | undefined;
  now?: Date;
}

export async function transitionSubmission(db: Db, options: TransitionSubmissionOptions) {
  const { actor, submissionId, action, now = new Date() } = options;
  const comment = options.comment?.trim() || null;
  const s = await db.submission.findUnique({
    where: { id: submissionId },
    include: { school: { select: { parentId: true } }, currentVersion: { select: { id: true, valid: true, report: true } } },
  });
  if (!s || !(await actorCovers(db, actor, s.schoolId))) throw new AppError('not-found', { what: '上报数据' });
  if (options.expectedVersion !== undefined && options.expectedVersion !== s.version) {
    throw new AppError('version-conflict', { baseVersion: options.expectedVersion, currentVersion: s.version });
  }

  const to = nextStatus(actor, action, s.status, s.school.parentId === actor.orgId);
  if (!to) throw new AppError('invalid-transition', { status: s.status, action: ACTION_ZH[action] });
  if (action === 'RETURN' && !comment) throw new AppError('comment-required');
  if (action === 'SUBMIT' || action === 'WITHDRAW') {
    const campaign = await loadCampaignInScope(db, actor, s.campaignId);
    assertNotLocked(campaign, 'submission', now);
    if (action === 'SUBMIT') await assertBeforeSubmissionDue(db, campaign, s.schoolId, now);
  }
  if (action === 'SUBMIT') {
    const stats = (s.currentVersion?.report as { stats?: { errors?: number } } | undefined)?.stats;
    if (!s.currentVersion) throw new AppError('invalid-transition', { status: s.status, action: ACTION_ZH[action] });
    if (!s.currentVersion.valid) throw new AppError('submission-has-errors', { errors: stats?.errors ?? 1 });
  }

  await db.$transaction(async (tx) => {
    const moved = await tx.submission.updateMany({
      where: { id: s.id, status: s.status, version: s.version },
      data: {
        status: to,
        version: { increment: 1 },
        ...(action === 'SUBMIT' ? { submittedAt: now } : {}),
      },
    });
    if (moved.count !== 1) {
      const current = await tx.submission.findUnique({ where: { id: s.id }, select: { version: true } });
      throw new AppError('version-conflict', { baseVersion: s.version, currentVersion: current?.version ?? 0 });
    }
    await tx.reviewEvent.create({
      data: { submissionId: s.id, versionId: s.currentVersionId, actorId: actor.userId, action, fromStatus: s.status, toStatus: to, comment, at: now },
    });
    await audit(tx, actor, {
      action: `submission.${action.toLowerCase()}`,
      entity: 'submission',
      entityId: s.id,
      before: { status: s.status, version: s.version },
      after: { status: to, version: s.version + 1, comment },
    });
  });
  return readSubmission(db, s.id);
}

function nextStatus(actor: Actor, action: ReviewActionName, from: SubmissionStatus, directUnderActor: boolean): SubmissionStatus | null {
  switch (actor.role) {
    case 'CLERK':
    case 'COLLEGE_CLERK':
      if (action === 'SUBMIT' && (from === 'DRAFT' || from === 'RETURNED')) return 'SUBMITTED';
      if (action === 'WITHDRAW' && from === 'SUBMITTED') return 'DRAFT';
      return null;
    case 'CITY_REVIEWER':
      if (from !== 'SUBMITTED') return null;
      if (action === 'APPROVE') return 'CITY_APPROVED';
      if (action === 'RETURN') return 'RETURNED';
      return null;
    case 'PROVINCE_ADMIN':
      if (action === 'APPROVE' && (from === 'CITY_APPROVED' || (from === 'SUBMITTED' && directUnderActor))) return 'PROVINCE_APPROVED';
      if (action === 'RETURN' && (from === 'SUBMITTED' || from === 'CITY_APPROVED')) return 'RETURNED';
      return null;
  }
}
