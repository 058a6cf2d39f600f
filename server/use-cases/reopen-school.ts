/** The province reopens one school after the submission deadline, until a given date (audited). */
import { AppError } from '../errors';
import { audit, formatBeijing, loadCampaignInScope, loadSchoolInScope, type Actor, type Db } from './context';

export interface ReopenSchoolOptions {
  actor: Actor;
  campaignId: string;
  schoolId: string;
  until: Date;
  now?: Date;
}

export async function reopenSchool(db: Db, { actor, campaignId, schoolId, until, now = new Date() }: ReopenSchoolOptions) {
  if (actor.role !== 'PROVINCE_ADMIN') throw new AppError('forbidden');
  const campaign = await loadCampaignInScope(db, actor, campaignId);
  const school = await loadSchoolInScope(db, actor, schoolId);
  if (until.getTime() <= now.getTime()) throw new AppError('invalid-input', { detail: `重新开放的截止时间（${formatBeijing(until)}）须晚于现在`, field: 'body.until' });
  const extension = await db.$transaction(async (tx) => {
    const saved = await tx.deadlineExtension.upsert({
      where: { campaignId_schoolId: { campaignId: campaign.id, schoolId: school.id } },
      create: { campaignId: campaign.id, schoolId: school.id, until, grantedById: actor.userId },
      update: { until, grantedById: actor.userId, grantedAt: now },
    });
    await audit(tx, actor, { action: 'submission.reopen', entity: 'organization', entityId: school.id, after: { campaignId: campaign.id, until } });
    return saved;
  });
  return { schoolId: school.id, schoolName: school.name, until: extension.until.toISOString() };
}
