import type { WorkbookGrid } from '../../../core/grid/cell';
import { detect } from '../../../core/templates/detect';
import { campaignPackId } from '../../../core/templates/registry';
import { RemoteError, submissionBody } from './api-client';
import { requireCampaign, type RemoteContext } from './context';
import { ownSubmission } from './own-submission';
import { asIssues } from './review-sheets';
import { loadOwnSubmission } from './role-data';
import type { SubmissionView } from './schemas';
import { hashText, newIdempotencyKey } from './session-store';

/** Drops trailing empty rows and cells (smaller body; the server's grid limits count cells). */
function compactWorkbook(workbook: WorkbookGrid): WorkbookGrid {
  const empty = (c: { value: unknown } | null | undefined) => !c || c.value === null || c.value === '';
  return {
    sheets: workbook.sheets.map((s) => {
      const rows = s.rows.map((r) => {
        const row = [...r];
        while (row.length > 0 && empty(row[row.length - 1])) row.pop();
        return row.map((c) => (empty(c) ? null : c));
      });
      while (rows.length > 0 && (rows[rows.length - 1]?.length ?? 0) === 0) rows.pop();
      return { name: s.name, rows };
    }),
  };
}

/**
 * Sends the campaign's template sheets to the server and submits them unless the server finds errors; a
 * retry after any failure resends the same bytes under the same Idempotency-Key.
 */
export async function submitWorkbook(ctx: RemoteContext): Promise<void> {
  const { port, store, setState, options, now } = ctx;
  const api = ctx.api();
  const user = ctx.state().user;
  if (!user) throw new RemoteError('unauthenticated', 'unauthenticated', '请先登录。');
  const c = requireCampaign(ctx);
  setState({ refusal: null });

  const whole = compactWorkbook(await port.readWorkbook());
  if (!whole.sheets.some((s) => s.rows.length > 0)) {
    setState({ refusal: '工作簿中没有任何数据，无法上报。' });
    return;
  }
  // Only the campaign's template sheets leave the computer (a notes sheet, a private list … stay).
  const recognised = new Set(detect(whole, { packId: campaignPackId(c) }).sheets.filter((r) => r.kindId !== null).map((r) => r.sheet));
  const workbook: WorkbookGrid = { sheets: whole.sheets.filter((s) => recognised.has(s.name)) };
  if (workbook.sheets.length === 0) {
    setState({ refusal: '工作簿中没有识别出本批次的模板工作表（如附件2），无法上报。可在“模板”页插入空白模板后填写。' });
    return;
  }
  const workbookHash = await hashText(JSON.stringify(workbook));

  // The same content after a failure (network, server error, lost answer) is sent again with the same
  // Idempotency-Key and the same bytes: the server runs it once. New content gets a new key.
  let pending = store.loadPending(user.id, c.id);
  if (pending && pending.workbookHash !== workbookHash) pending = null;
  if (!pending) {
    let current: SubmissionView | null = null;
    try {
      current = await api.ownSubmission(c.id);
    } catch (error) {
      if (!(error instanceof RemoteError && error.code === 'not-found')) throw error;
    }
    if (current) setState({ submission: ownSubmission(current) });
    const status = current?.submission.status;
    if (status && status !== 'DRAFT' && status !== 'RETURNED') {
      setState({ refusal: status === 'PROVINCE_APPROVED' ? '已审核通过，不能再修改上报内容。' : '已上报，正在审核中；审核退回后才能修改再上报。' });
      return;
    }
    pending = { key: newIdempotencyKey(), workbookHash, baseVersion: current?.submission.version ?? 0, createdAt: now() };
    store.savePending(user.id, c.id, pending);
  }

  let saved: { version: number; report: SubmissionView['report'] };
  if (pending.savedVersion !== undefined) {
    // Already stored on the server (the answer to "submit" was lost): only the submit step is left.
    const view = await api.ownSubmission(c.id);
    saved = { version: view.submission.version, report: view.report };
    if (view.submission.version !== pending.savedVersion) {
      store.clearPending(user.id, c.id);
      throw new RemoteError('refused', 'version-conflict', '服务器上的数据已有更新（可能在其他电脑上提交过），请再点一次“上报”。');
    }
  } else {
    try {
      const r = await api.putSubmission(c.id, submissionBody(pending.baseVersion, workbook), pending.key);
      saved = { version: r.submission.version, report: r.report };
    } catch (error) {
      // A retry cannot succeed with this key/base: forget it so the next click starts afresh.
      if (error instanceof RemoteError && ['version-conflict', 'idempotency-key-reused', 'invalid-transition'].includes(error.code)) {
        store.clearPending(user.id, c.id);
      }
      throw error;
    }
    pending = { ...pending, savedVersion: saved.version };
    store.savePending(user.id, c.id, pending);
  }

  const issues = asIssues(saved.report.issues);
  setState({ serverIssues: issues });
  if (options.showServerIssues) await options.showServerIssues(issues);
  else await port.showIssues(issues);
  options.onServerIssues?.(issues);

  const errors = saved.report.stats.errors;
  if (errors > 0) {
    store.clearPending(user.id, c.id);
    const others = issues.filter((i) => i.severity === 'error' && i.code === 'id-duplicate-other-school').length;
    await loadOwnSubmission(ctx, c);
    setState({
      refusal:
        `还有 ${errors} 处错误，已标在单元格中，请改正后再上报${others > 0 ? `（其中 ${others} 处身份证号与其他学校重复）` : ''}。` +
        '本次内容已保存为草稿，尚未上报。',
    });
    return;
  }
  const view = await api.submit(c.id, saved.version);
  store.clearPending(user.id, c.id);
  setState({ submission: ownSubmission(view) });
  ctx.notice('submit', '已上报，等待审核。');
}
