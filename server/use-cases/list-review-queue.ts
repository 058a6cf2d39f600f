/**
 * A reviewer's queue for a campaign: the submissions of the schools they cover (a city: its schools;
 * the province: all), with error and warning counts of the current version. Drafts are the schools' own
 * business and are not listed.
 */
import type { SubmissionStatus } from '../../generated/prisma/client';
import { AppError } from '../errors';
import { loadCampaignInScope, reviewerSchoolsWhere, type Actor, type DbOrTx } from './context';

const DEFAULT_STATUSES: SubmissionStatus[] = ['SUBMITTED', 'CITY_APPROVED', 'PROVINCE_APPROVED', 'RETURNED'];

export interface ListReviewQueueOptions {
  actor: Actor;
  campaignId: string;
  status?: SubmissionStatus | undefined;
}

export async function listReviewQueue(db: DbOrTx, options: ListReviewQueueOptions) {
  const { actor, campaignId } = options;
  if (actor.role !== 'CITY_REVIEWER' && actor.role !== 'PROVINCE_ADMIN') throw new AppError('forbidden');
  await loadCampaignInScope(db, actor, campaignId);
  const schoolFilter = reviewerSchoolsWhere(actor);
  const rows = await db.submission.findMany({
    where: {
      campaignId,
      status: options.status ? options.status : { in: DEFAULT_STATUSES },
      school: schoolFilter,
    },
    include: {
      school: { select: { id: true, name: true, parent: { select: { name: true, kind: true } } } },
      currentVersion: { select: { rowCount: true, report: true } },
    },
    orderBy: [{ submittedAt: 'asc' }, { updatedAt: 'asc' }],
  });
  return {
    items: rows.map((s) => {
      const stats = (s.currentVersion?.report as { stats?: { errors?: number; warnings?: number } } | null)?.stats;
      return {
        submissionId: s.id,
        school: { id: s.school.id, name: s.school.name, cityName: s.school.parent?.kind === 'CITY' ? s.school.parent.name : null },
        status: s.status,
        version: s.version,
        rowCount: s.currentVersion?.rowCount ?? 0,
        errors: stats?.errors ?? 0,
        warnings: stats?.warnings ?? 0,
        submittedAt: s.submittedAt?.toISOString() ?? null,
        updatedAt: s.updatedAt.toISOString(),
      };
    }),
  };
}
