/**
 * Opens a year's campaign from a pack (status OPEN), with its certificate series and dates. Running it
 * again for the same province, pack and year changes nothing and says so.
 */
import { AppError } from '../errors';
import './admin-support';
import { campaignNameFor, campaignPackFor, campaignSeriesFor } from './campaign-pack';
import { audit, type Actor, type Db } from './context';

export interface CreateCampaignOptions {
  ownerOrgId: string;
  packId: string;
  year: number;
  receiptDue?: Date | null;
  submissionDue?: Date | null;
  lockAt?: Date | null;
  actor: Actor | null;
}

export async function createCampaign(db: Db, options: CreateCampaignOptions) {
  const pack = campaignPackFor(options.packId, options.year);
  if (!pack) throw new AppError('pack-unknown', { packId: options.packId });
  if (!Number.isInteger(options.year) || options.year < 2000 || options.year > 2100) {
    throw new AppError('invalid-options', { detail: `年份应为 2000–2100 之间的四位数（收到 ${options.year}）`, field: 'year' });
  }
  const existing = await db.campaign.findUnique({
    where: { ownerOrgId_packId_year: { ownerOrgId: options.ownerOrgId, packId: pack.id, year: options.year } },
    include: { series: true },
  });
  if (existing) return { created: false as const, campaign: existing, series: existing.series[0] ?? null };
  const series = campaignSeriesFor(options.packId, options.year);
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.create({
      data: {
        ownerOrgId: options.ownerOrgId,
        packId: pack.id,
        year: options.year,
        name: campaignNameFor(pack, options.year),
        status: 'OPEN',
        receiptDue: options.receiptDue ?? null,
        submissionDue: options.submissionDue ?? null,
        ...(options.lockAt ? { locks: { create: [{ lockAt: options.lockAt, label: '验印数据锁定', scope: 'submission' }] } } : {}),
      },
    });
    const created = series
      ? await tx.certificateSeries.create({ data: { campaignId: campaign.id, scope: 'CAMPAIGN', nextSerial: 1, ...series } })
      : null;
    await audit(tx, options.actor, {
      action: 'campaign.create',
      entity: 'campaign',
      entityId: campaign.id,
      after: { packId: pack.id, year: options.year, name: campaign.name, series: series?.prefix ?? null, receiptDue: options.receiptDue, submissionDue: options.submissionDue, lockAt: options.lockAt },
    });
    return { created: true as const, campaign, series: created };
  });
}
