/**
 * The submission deadline (campaign.submissionDue), enforced like the lock dates: after it a school may
 * neither upload nor submit, unless the province reopened that school (deadline_extension) until a later
 * date. The message names the date.
 */
import { AppError } from '../errors';
import './admin-support';
import { formatBeijing, type DbOrTx } from './context';

/** The moment a school's submission window closes: its extension if any, else the campaign's date. */
export async function submissionDueFor(db: DbOrTx, campaign: { id: string; submissionDue: Date | null }, schoolId: string): Promise<Date | null> {
  if (!campaign.submissionDue) return null;
  const extension = await db.deadlineExtension.findUnique({ where: { campaignId_schoolId: { campaignId: campaign.id, schoolId } } });
  return extension && extension.until > campaign.submissionDue ? extension.until : campaign.submissionDue;
}

export async function assertBeforeSubmissionDue(
  db: DbOrTx,
  campaign: { id: string; submissionDue: Date | null },
  schoolId: string,
  now: Date,
): Promise<void> {
  const due = await submissionDueFor(db, campaign, schoolId);
  if (due && due.getTime() <= now.getTime()) throw new AppError('submission-deadline-passed', { dueAt: formatBeijing(due) });
}
