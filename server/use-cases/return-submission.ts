import type { Actor, Db } from './context';
import { transitionSubmission } from './transition-submission';

export interface ReturnSubmissionOptions {
  actor: Actor;
  submissionId: string;
  comment?: string | undefined;
  expectedVersion?: number | undefined;
  now?: Date;
}

/** Send a submission back to the school with a (required) comment, at the city or the province step. */
export function returnSubmission(db: Db, options: ReturnSubmissionOptions) {
  return transitionSubmission(db, { ...options, action: 'RETURN' });
}
