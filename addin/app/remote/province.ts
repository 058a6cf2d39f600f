/** The province's work: allocating and rejecting number applications, spot checks, the 审核表 download. */
import { RemoteError } from './api-client';
import { requireCampaign, type RemoteContext } from './context';
import { defaultOpenUrl } from './host-defaults';
import { spotCheckGrid } from './review-sheets';
import { loadApplications } from './role-data';

export const allocateRange = async (ctx: RemoteContext, id: string): Promise<void> => {
  const api = ctx.api();
  const { range } = await api.allocate(id);
  await loadApplications(ctx);
  // The series' counter moved: reload it so the next confirmation previews the right range.
  const campaigns = await api.campaigns().catch(() => null);
  if (campaigns) ctx.setState({ campaigns: campaigns.items });
  ctx.notice('allocate', range.first && range.last ? `已分配编号段：${range.first} – ${range.last}。` : '已分配编号段。');
};

export const rejectApplication = async (ctx: RemoteContext, id: string, comment: string): Promise<void> => {
  if (!comment.trim()) throw new RemoteError('refused', 'comment-required', '驳回时必须填写意见。');
  await ctx.api().rejectApplication(id, comment.trim());
  await loadApplications(ctx);
};

export const drawSpotCheck = async (ctx: RemoteContext): Promise<void> => {
  const api = ctx.api();
  const c = requireCampaign(ctx);
  const drawn = await api.drawSpotCheck(c.id);
  const list = await api.spotChecks(c.id);
  const drawnIds = new Set(drawn.items.map((d) => d.sampleId));
  const items = list.items.filter((s) => drawnIds.has(s.id));
  const sheetName = '抽查样本';
  await ctx.port.writeSheet(sheetName, spotCheckGrid(items.length > 0 ? items : list.items), { protect: true });
  ctx.setState({ spotChecks: list.items });
  const total = items.reduce((n, s) => n + s.students.length, 0);
  ctx.notice('spot-check', `已抽取 ${total} 名毕业生，写入工作表「${sheetName}」。`);
};

/** Opens the school's 审核表 outside the pane; the notice keeps the signed link for a host that cannot. */
export const downloadAuditSheet = async (ctx: RemoteContext, schoolId: string): Promise<void> => {
  const c = requireCampaign(ctx);
  const { url: path } = await ctx.api().auditSheetLink(c.id, schoolId);
  const url = new URL(path, ctx.state().serverUrl || (globalThis as { location?: Location }).location?.origin || 'http://localhost').href;
  const opened = await Promise.resolve((ctx.options.openUrl ?? defaultOpenUrl)(url)).catch(() => false);
  const link = { href: url, label: '下载审核表（5 分钟内有效）' };
  ctx.notice(
    'download',
    opened ? '已在浏览器中打开审核表的下载链接；若没有开始下载，请点击下面的链接。' : '请点击下面的链接下载审核表（附件3）。',
    link,
  );
};
