import type { Actor, Db } from './context';
import { transitionSubmission } from './transition-submission';

export interface ApproveSubmissionOptions {
  actor: Actor;
  submissionId: string;
  comment?: string | undefined;
  expectedVersion?: number | undefined;
  now?: Date;
}

/** City: SUBMITTED → CITY_APPROVED; province: CITY_APPROVED (or a 区直 school's SUBMITTED) → PROVINCE_APPROVED. */
export function approveSubmission(db: Db, options: ApproveSubmissionOptions) {
  return transitionSubmission(db, { ...options, action: 'APPROVE' });
}
