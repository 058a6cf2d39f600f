/** What each role's view lists, loaded from the server: the campaigns, then the school's or the reviewer's data. */
import { RemoteError } from './api-client';
import { campaign, isSchool, requireCampaign, type RemoteContext } from './context';
import { ownSubmission } from './own-submission';
import type { Campaign } from './schemas';

export const loadOwnSubmission = async (ctx: RemoteContext, c: Campaign): Promise<void> => {
  try {
    const view = await ctx.api().ownSubmission(c.id);
    ctx.setState({ submission: ownSubmission(view) });
  } catch (error) {
    if (error instanceof RemoteError && error.code === 'not-found') ctx.setState({ submission: null });
    else throw error;
  }
};

export const loadQueue = async (ctx: RemoteContext): Promise<void> => {
  const c = requireCampaign(ctx);
  const queue = await ctx.api().reviewQueue(c.id);
  ctx.setState({ queue: queue.items });
};

export const loadApplications = async (ctx: RemoteContext): Promise<void> => {
  const c = requireCampaign(ctx);
  const list = await ctx.api().numberApplications(c.id);
  ctx.setState({ applications: list.items });
};

export const loadRoleData = async (ctx: RemoteContext): Promise<void> => {
  const c = campaign(ctx);
  const { user } = ctx.state();
  if (!c || !user) return;
  if (isSchool(ctx)) {
    await loadOwnSubmission(ctx, c);
    await loadApplications(ctx);
  } else {
    await loadQueue(ctx);
    if (user.role === 'PROVINCE_ADMIN') {
      await loadApplications(ctx);
      ctx.setState({ spotChecks: (await ctx.api().spotChecks(c.id)).items });
    }
  }
};

export const loadAll = async (ctx: RemoteContext): Promise<void> => {
  const list = await ctx.api().campaigns();
  const items = list.items;
  const keep = items.find((c) => c.id === ctx.state().campaignId);
  const chosen = keep ?? items.find((c) => c.status === 'OPEN') ?? items[0] ?? null;
  ctx.setState({ campaigns: items, campaignId: chosen?.id ?? null });
  await loadRoleData(ctx);
};
