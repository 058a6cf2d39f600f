/**
 * Hubei: roll the graduation operation back — allowed within campaign.rollbackMonths (six) of the
 * operation, refused after with `rollback-expired` naming the deadline. Audited.
 */
import { AppError } from '../errors';
import { audit, formatBeijing, type Actor, type Db } from './context';
import { firstLiveRecord, graduationTarget } from './operate-graduation';

export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + months);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}

export interface RollbackGraduationOptions {
  actor: Actor;
  campaignId: string;
  schoolId?: string | undefined;
  now?: Date;
}

export async function rollbackGraduation(db: Db, options: RollbackGraduationOptions) {
  const { actor, now = new Date() } = options;
  const { campaign, schoolId } = await graduationTarget(db, actor, options.campaignId, options.schoolId);

  return db.$transaction(async (tx) => {
    const first = await firstLiveRecord(tx, campaign.id, schoolId);
    if (!first) throw new AppError('graduation-not-operated');
    const deadline = addMonths(first.operatedAt, campaign.rollbackMonths);
    if (now.getTime() > deadline.getTime()) {
      throw new AppError('rollback-expired', { operatedAt: formatBeijing(first.operatedAt), deadline: formatBeijing(deadline) });
    }
    const r = await tx.graduationRecord.updateMany({
      where: { campaignId: campaign.id, schoolId, rolledBackAt: null },
      data: { rolledBackAt: now, rolledBackById: actor.userId },
    });
    const summary = { rolledBack: r.count, operatedAt: first.operatedAt.toISOString(), rolledBackAt: now.toISOString() };
    await audit(tx, actor, {
      action: 'graduation.rollback',
      entity: 'school-campaign',
      entityId: `${campaign.id}/${schoolId}`,
      before: { live: r.count, operatedAt: first.operatedAt.toISOString() },
      after: summary,
    });
    return summary;
  });
}
