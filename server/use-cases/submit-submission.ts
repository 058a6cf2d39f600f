import { AppError } from '../errors';
import { SCHOOL_ROLES, type Actor, type Db } from './context';
import { transitionSubmission } from './transition-submission';

/** The clerk hands the current version in for review; refused while it has errors or after the lock. */
export async function submitSubmission(a: { db: Db; actor: Actor; campaignId: string; expectedVersion?: number | undefined; now?: Date }) {
  if (!SCHOOL_ROLES.includes(a.actor.role)) throw new AppError('forbidden');
  const s = await a.db.submission.findUnique({
    where: { campaignId_schoolId: { campaignId: a.campaignId, schoolId: a.actor.orgId } },
    select: { id: true },
  });
  if (!s) throw new AppError('not-found', { what: '本校的上报数据' });
  return transitionSubmission({ ...a, submissionId: s.id, action: 'SUBMIT' });
}

/** The clerk takes a submission back before the city has acted on it. */
export async function withdrawSubmission(a: { db: Db; actor: Actor; campaignId: string; now?: Date }) {
  if (!SCHOOL_ROLES.includes(a.actor.role)) throw new AppError('forbidden');
  const s = await a.db.submission.findUnique({
    where: { campaignId_schoolId: { campaignId: a.campaignId, schoolId: a.actor.orgId } },
    select: { id: true },
  });
  if (!s) throw new AppError('not-found', { what: '本校的上报数据' });
  return transitionSubmission({ ...a, submissionId: s.id, action: 'WITHDRAW' });
}
