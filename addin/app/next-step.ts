import type { NumberApplication, SubmissionStatus } from './remote/schemas';

/**
 * The one thing the clerk should do now, from the local checks and the server's state. The pane keeps it
 * in sight (sticky) so a clerk with 13 issues never scrolls past 30 cards to find 上报.
 */
export type NextStep =
  | { kind: 'start' }
  | { kind: 'fix'; errors: number }
  | { kind: 'sign-in' }
  | { kind: 'submit'; resubmit: boolean }
  | { kind: 'wait-review'; status: SubmissionStatus }
  | { kind: 'apply-numbers' }
  | { kind: 'wait-numbers' }
  | { kind: 'fetch-numbers' }
  | { kind: 'done' }
  | { kind: 'locked' };

export interface NextStepInput {
  /** Sheets of the workbook recognised as a template. */
  templates: number;
  /** Errors the pane lists now (local checks plus the server-only ones still standing). */
  errors: number;
  signedIn: boolean;
  status: SubmissionStatus | null;
  locked: boolean;
  applications: readonly Pick<NumberApplication, 'status'>[];
  /** Certificate numbers already written into the sheet by "fetch numbers". */
  numbersPlaced: number;
}

export function nextStep(input: NextStepInput): NextStep {
  if (input.templates === 0) return { kind: 'start' };
  const status = input.status;
  if (status === 'SUBMITTED' || status === 'CITY_APPROVED') return { kind: 'wait-review', status };
  if (status === 'PROVINCE_APPROVED') {
    if (input.numbersPlaced > 0) return { kind: 'done' };
    if (input.applications.some((a) => a.status === 'APPROVED')) return { kind: 'fetch-numbers' };
    if (input.applications.some((a) => a.status === 'PENDING')) return { kind: 'wait-numbers' };
    return { kind: 'apply-numbers' };
  }
  if (input.errors > 0) return { kind: 'fix', errors: input.errors };
  if (!input.signedIn) return { kind: 'sign-in' };
  if (input.locked) return { kind: 'locked' };
  return { kind: 'submit', resubmit: status === 'RETURNED' };
}
