import type { Actor, Db } from './context';
import { transitionSubmission } from './transition-submission';

/** Send a submission back to the school with a (required) comment, at the city or the province step. */
export function returnSubmission(a: { db: Db; actor: Actor; submissionId: string; comment?: string | undefined; expectedVersion?: number | undefined; now?: Date }) {
  return transitionSubmission({ ...a, action: 'RETURN' });
}
