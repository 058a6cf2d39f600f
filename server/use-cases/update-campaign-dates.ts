/** The province sets a campaign's dates: 回执 and submission deadlines, and the data-lock date. */
import { AppError } from '../errors';
import { audit, loadCampaignInScope, type Actor, type Db } from './context';

export interface CampaignDates {
  receiptDue?: Date | null | undefined;
  submissionDue?: Date | null | undefined;
  /** The 'submission' data lock; null removes it. */
  lockAt?: Date | null | undefined;
}

export interface UpdateCampaignDatesOptions {
  actor: Actor;
  campaignId: string;
  dates: CampaignDates;
}

export async function updateCampaignDates(db: Db, { actor, campaignId, dates }: UpdateCampaignDatesOptions) {
  if (actor.role !== 'PROVINCE_ADMIN') throw new AppError('forbidden');
  const campaign = await loadCampaignInScope(db, actor, campaignId);
  if (campaign.ownerOrgId !== actor.orgId) throw new AppError('not-found', { what: '工作批次' });
  const lock = campaign.locks.find((l) => l.scope === 'submission');
  const before = { receiptDue: campaign.receiptDue, submissionDue: campaign.submissionDue, lockAt: lock?.lockAt ?? null };
  await db.$transaction(async (tx) => {
    await tx.campaign.update({
      where: { id: campaign.id },
      data: {
        ...(dates.receiptDue !== undefined ? { receiptDue: dates.receiptDue } : {}),
        ...(dates.submissionDue !== undefined ? { submissionDue: dates.submissionDue } : {}),
      },
    });
    if (dates.lockAt !== undefined) {
      await tx.campaignLock.deleteMany({ where: { campaignId: campaign.id, scope: 'submission' } });
      if (dates.lockAt) await tx.campaignLock.create({ data: { campaignId: campaign.id, scope: 'submission', lockAt: dates.lockAt, label: lock?.label ?? '验印数据锁定' } });
    }
    await audit(tx, actor, { action: 'campaign.dates', entity: 'campaign', entityId: campaign.id, before, after: dates });
  });
  return { id: campaign.id };
}
