import { loadCampaignInScope, orgChain, type Actor, type DbOrTx } from './context';

type CampaignRow = Awaited<ReturnType<typeof loadCampaignInScope>>;

export function campaignView(c: CampaignRow, now = new Date()) {
  return {
    id: c.id,
    packId: c.packId,
    year: c.year,
    name: c.name,
    status: c.status,
    receiptDue: c.receiptDue?.toISOString() ?? null,
    submissionDue: c.submissionDue?.toISOString() ?? null,
    locks: c.locks.map((l) => ({ lockAt: l.lockAt.toISOString(), label: l.label, scope: l.scope, passed: l.lockAt.getTime() <= now.getTime() })),
    // nextSerial lets the province see the range an allocation will give before confirming it.
    series: c.series.map((s) => ({ id: s.id, prefix: s.prefix, serialWidth: s.serialWidth, scope: s.scope, nextSerial: s.nextSerial })),
  };
}

export interface GetCampaignOptions {
  actor: Actor;
  campaignId: string;
  now?: Date;
}

export async function getCampaign(db: DbOrTx, options: GetCampaignOptions) {
  return campaignView(await loadCampaignInScope(db, options.actor, options.campaignId), options.now);
}

export interface ListCampaignsOptions {
  actor: Actor;
  now?: Date;
}

/** The campaigns of the actor's province (any role). */
export async function listCampaigns(db: DbOrTx, options: ListCampaignsOptions) {
  const chain = await orgChain(db, options.actor.orgId);
  const rows = await db.campaign.findMany({
    where: { ownerOrgId: { in: chain } },
    include: { locks: { orderBy: { lockAt: 'asc' } }, series: true },
    orderBy: [{ year: 'desc' }, { createdAt: 'desc' }],
  });
  return { items: rows.map((c) => campaignView(c, options.now)) };
}
