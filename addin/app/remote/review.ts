/** The reviewers' work on one school's submission: open it in a sheet, approve it, return it. */
import { campaignPackId } from '../../../core/templates/registry';
import { RemoteError } from './api-client';
import { requireCampaign, type RemoteContext } from './context';
import { safeSheetName, submissionGrid } from './review-sheets';
import { loadQueue } from './role-data';
import type { SubmissionRows, SubmissionView } from './schemas';

export const openSubmission = async (ctx: RemoteContext, submissionId: string): Promise<void> => {
  const api = ctx.api();
  const c = requireCampaign(ctx);
  const view = await api.submission(submissionId);
  let rows: SubmissionRows | null = null;
  try {
    rows = await api.submissionRows(submissionId);
  } catch (error) {
    if (!(error instanceof RemoteError && (error.status === 404 || error.code === 'not-found'))) throw error;
  }
  // One view per school, replaced when reopened (writeSheet creates or replaces); other sheets untouched.
  const sheetName = safeSheetName(`审阅-${view.submission.school.name}`);
  await ctx.port.writeSheet(sheetName, submissionGrid(view, campaignPackId(c), rows), { protect: true });
  ctx.setState({ opened: { view, sheetName, rowsShown: rows !== null } });
};

/** The version the reviewer saw (the opened submission's, else the queue's): a newer one on the server is a conflict. */
const versionOf = (ctx: RemoteContext, submissionId: string): number => {
  const state = ctx.state();
  const version =
    state.opened?.view.submission.id === submissionId
      ? state.opened.view.submission.version
      : state.queue.find((q) => q.submissionId === submissionId)?.version;
  if (version === undefined) throw new RemoteError('refused', 'not-found', '请先刷新审核队列。');
  return version;
};

const afterReview = async (ctx: RemoteContext, view: SubmissionView, text: string): Promise<void> => {
  const { opened } = ctx.state();
  if (opened?.view.submission.id === view.submission.id) ctx.setState({ opened: { ...opened, view } });
  await loadQueue(ctx);
  ctx.notice('approve', text);
};

export const approveSubmission = async (ctx: RemoteContext, id: string, comment?: string): Promise<void> => {
  const version = versionOf(ctx, id);
  const view = await ctx.api().approve(id, version, comment?.trim() || undefined);
  await afterReview(ctx, view, `已审核通过：${view.submission.school.name}。`);
};

export const returnSubmission = async (ctx: RemoteContext, id: string, comment: string): Promise<void> => {
  if (!comment.trim()) throw new RemoteError('refused', 'comment-required', '退回时必须填写退回意见。');
  const version = versionOf(ctx, id);
  const view = await ctx.api().returnSubmission(id, version, comment.trim());
  await afterReview(ctx, view, `已退回：${view.submission.school.name}。`);
};
