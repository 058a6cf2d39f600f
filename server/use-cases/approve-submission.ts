import type { Actor, Db } from './context';
import { transitionSubmission } from './transition-submission';

/** City: SUBMITTED → CITY_APPROVED; province: CITY_APPROVED (or a 区直 school's SUBMITTED) → PROVINCE_APPROVED. */
export function approveSubmission(a: { db: Db; actor: Actor; submissionId: string; comment?: string | undefined; expectedVersion?: number | undefined; now?: Date }) {
  return transitionSubmission({ ...a, action: 'APPROVE' });
}
