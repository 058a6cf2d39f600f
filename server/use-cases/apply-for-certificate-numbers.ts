/**
 * A school applies for certificate numbers, per major, by its real graduate count (按实际毕业生人数申领).
 * When the school has a submission, the numbers applied for (pending + approved) may not exceed the
 * graduates of that major in its current version.
 */
import { AppError } from '../errors';
import { audit, loadCampaignInScope, SCHOOL_ROLES, type Actor, type DbOrTx } from './context';
import { currentGraduates, inTransaction, requireRole } from './certificate-support';

export interface ApplyForCertificateNumbersOptions {
  actor: Actor;
  campaignId: string;
  /** One application per major. */
  items: { major: string; count: number }[];
}

export async function applyForCertificateNumbers(db: DbOrTx, options: ApplyForCertificateNumbersOptions) {
  const { actor, campaignId, items } = options;
  requireRole(actor, SCHOOL_ROLES);
  const schoolId = actor.orgId;
  if (items.length === 0) throw new AppError('invalid-input', { detail: '至少申领一个专业' });
  const seen = new Set<string>();
  for (const item of items) {
    const major = item.major.trim();
    if (!major) throw new AppError('invalid-input', { detail: '专业名称不能为空' });
    if (seen.has(major)) throw new AppError('invalid-input', { detail: `专业“${major}”重复` });
    seen.add(major);
    if (!Number.isInteger(item.count) || item.count < 1 || item.count > 100_000) {
      throw new AppError('invalid-input', { detail: `专业“${major}”的申领数量须为 1–100000 的整数` });
    }
  }

  const campaign = await loadCampaignInScope(db, actor, campaignId);
  if (campaign.status !== 'OPEN') throw new AppError('campaign-not-open');

  return inTransaction(db, async (tx) => {
    // The check below and the insert must hold together: under READ COMMITTED two applications would
    // each see the other's numbers missing. One school's applications in a campaign take turns (a lock
    // released at commit); other schools are not held up.
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`number-application:${campaignId}:${schoolId}`}, 0))) AS l`;
    const { submission, students } = await currentGraduates(tx, campaignId, schoolId);
    if (submission?.currentVersionId) {
      const graduatesByMajor = new Map<string, number>();
      for (const st of students) graduatesByMajor.set(st.major, (graduatesByMajor.get(st.major) ?? 0) + 1);
      const earlier = await tx.numberApplication.groupBy({
        by: ['major'],
        where: { campaignId, schoolId, status: { in: ['PENDING', 'APPROVED'] } },
        _sum: { count: true },
      });
      const earlierByMajor = new Map(earlier.map((e) => [e.major, e._sum.count ?? 0]));
      for (const item of items) {
        const major = item.major.trim();
        const requested = (earlierByMajor.get(major) ?? 0) + item.count;
        const graduates = graduatesByMajor.get(major) ?? 0;
        if (requested > graduates) throw new AppError('numbers-exceed-graduates', { major, requested, graduates });
      }
    }
    const created = [];
    for (const item of items) {
      const application = await tx.numberApplication.create({
        data: { campaignId, schoolId, major: item.major.trim(), count: item.count, appliedById: actor.userId },
      });
      await audit(tx, actor, {
        action: 'number-application.create',
        entity: 'number_application',
        entityId: application.id,
        after: { campaignId, schoolId, major: application.major, count: application.count },
      });
      created.push(application);
    }
    return created;
  });
}
