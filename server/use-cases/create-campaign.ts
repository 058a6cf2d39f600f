/**
 * Opens a year's campaign from a pack (status OPEN), with its certificate series and dates. Running it
 * again for the same province, pack and year changes nothing and says so.
 */
import { AppError } from '../errors';
import './admin-support';
import { campaignNameFor, campaignPackFor, campaignSeriesFor } from './campaign-pack';
import { audit, type Actor, type Db } from './context';

export interface CreateCampaignInput {
  ownerOrgId: string;
  packId: string;
  year: number;
  receiptDue?: Date | null;
  submissionDue?: Date | null;
  lockAt?: Date | null;
  actor: Actor | null;
}

export async function createCampaign(db: Db, input: CreateCampaignInput) {
  const pack = campaignPackFor(input.packId, input.year);
  if (!pack) throw new AppError('pack-unknown', { packId: input.packId });
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    throw new AppError('invalid-input', { detail: `年份应为 2000–2100 之间的四位数（收到 ${input.year}）`, field: 'year' });
  }
  const existing = await db.campaign.findUnique({
    where: { ownerOrgId_packId_year: { ownerOrgId: input.ownerOrgId, packId: pack.id, year: input.year } },
    include: { series: true },
  });
  if (existing) return { created: false as const, campaign: existing, series: existing.series[0] ?? null };
  const series = campaignSeriesFor(input.packId, input.year);
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.create({
      data: {
        ownerOrgId: input.ownerOrgId,
        packId: pack.id,
        year: input.year,
        name: campaignNameFor(pack, input.year),
        status: 'OPEN',
        receiptDue: input.receiptDue ?? null,
        submissionDue: input.submissionDue ?? null,
        ...(input.lockAt ? { locks: { create: [{ lockAt: input.lockAt, label: '验印数据锁定', scope: 'submission' }] } } : {}),
      },
    });
    const created = series
      ? await tx.certificateSeries.create({ data: { campaignId: campaign.id, scope: 'CAMPAIGN', nextSerial: 1, ...series } })
      : null;
    await audit(tx, input.actor, {
      action: 'campaign.create',
      entity: 'campaign',
      entityId: campaign.id,
      after: { packId: pack.id, year: input.year, name: campaign.name, series: series?.prefix ?? null, receiptDue: input.receiptDue, submissionDue: input.submissionDue, lockAt: input.lockAt },
    });
    return { created: true as const, campaign, series: created };
  });
}
