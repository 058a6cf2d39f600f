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

export async function getCampaign(a: { db: DbOrTx; actor: Actor; campaignId: string; now?: Date }) {
  return campaignView(await loadCampaignInScope(a.db, a.actor, a.campaignId), a.now);
}

/** The campaigns of the actor's province (any role). */
export async function listCampaigns(a: { db: DbOrTx; actor: Actor; now?: Date }) {
  const chain = await orgChain(a.db, a.actor.orgId);
  const rows = await a.db.campaign.findMany({
    where: { ownerOrgId: { in: chain } },
    include: { locks: { orderBy: { lockAt: 'asc' } }, series: true },
    orderBy: [{ year: 'desc' }, { createdAt: 'desc' }],
  });
  return { items: rows.map((c) => campaignView(c, a.now)) };
}
