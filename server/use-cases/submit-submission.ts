import { AppError } from '../errors';
import { SCHOOL_ROLES, type Actor, type Db } from './context';
import { transitionSubmission } from './transition-submission';

/** The clerk hands the current version in for review; refused while it has errors or after the lock. */
export interface SubmitSubmissionOptions {
  actor: Actor;
  campaignId: string;
  expectedVersion?: number | undefined;
  now?: Date;
}

export async function submitSubmission(db: Db, options: SubmitSubmissionOptions) {
  if (!SCHOOL_ROLES.includes(options.actor.role)) throw new AppError('forbidden');
  const s = await db.submission.findUnique({
    where: { campaignId_schoolId: { campaignId: options.campaignId, schoolId: options.actor.orgId } },
    select: { id: true },
  });
  if (!s) throw new AppError('not-found', { what: '本校的上报数据' });
  return transitionSubmission(db, { ...options, submissionId: s.id, action: 'SUBMIT' });
}

/** The clerk takes a submission back before the city has acted on it. */
export interface WithdrawSubmissionOptions {
  actor: Actor;
  campaignId: string;
  now?: Date;
}

export async function withdrawSubmission(db: Db, options: WithdrawSubmissionOptions) {
  if (!SCHOOL_ROLES.includes(options.actor.role)) throw new AppError('forbidden');
  const s = await db.submission.findUnique({
    where: { campaignId_schoolId: { campaignId: options.campaignId, schoolId: options.actor.orgId } },
    select: { id: true },
  });
  if (!s) throw new AppError('not-found', { what: '本校的上报数据' });
  return transitionSubmission(db, { ...options, submissionId: s.id, action: 'WITHDRAW' });
}
