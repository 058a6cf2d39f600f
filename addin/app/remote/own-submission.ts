import type { SubmissionView } from './schemas';
import type { OwnSubmission, ReviewComment } from './state';

/**
 * The comment that matters now: the return reason while RETURNED; otherwise a reviewer's comment given
 * since the school last submitted (an old return reason is history once resubmitted).
 */
export function latestComment(view: SubmissionView): ReviewComment | null {
  const events = view.events;
  let since = 0;
  events.forEach((e, i) => {
    if (e.action === 'SUBMIT') since = i + 1;
  });
  const pick =
    view.submission.status === 'RETURNED'
      ? [...events].reverse().find((e) => e.action === 'RETURN')
      : [...events.slice(since)].reverse().find((e) => e.comment && (e.action === 'APPROVE' || e.action === 'RETURN'));
  if (!pick?.comment) return null;
  return { text: pick.comment, by: pick.actor.displayName ?? pick.actor.orgName, at: pick.at, action: pick.action };
}

/** The school's own submission as the pane shows it. */
export function ownSubmission(view: SubmissionView): OwnSubmission {
  const s = view.submission;
  return {
    id: s.id,
    version: s.version,
    status: s.status,
    submittedAt: s.submittedAt,
    updatedAt: s.updatedAt,
    rowCount: s.rowCount,
    errors: view.report.stats.errors,
    warnings: view.report.stats.warnings,
    comment: latestComment(view),
    events: view.events,
  };
}
