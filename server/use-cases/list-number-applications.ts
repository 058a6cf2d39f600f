/** A campaign's number applications: a school its own, a city reviewer its city's schools, the province all. */
import type { ApplicationStatus } from '../../generated/prisma/client';
import { reviewerSchoolsWhere, SCHOOL_ROLES, type Actor, type DbOrTx } from './context';

export interface ListNumberApplicationsOptions {
  actor: Actor;
  campaignId: string;
  status?: ApplicationStatus | undefined;
}

export async function listNumberApplications(db: DbOrTx, options: ListNumberApplicationsOptions) {
  const { actor, campaignId, status } = options;
  const school = SCHOOL_ROLES.includes(actor.role) ? { schoolId: actor.orgId } : { school: reviewerSchoolsWhere(actor) };
  return db.numberApplication.findMany({
    where: { campaignId, ...(status ? { status } : {}), ...school },
    include: { school: { select: { name: true } } },
    orderBy: { appliedAt: 'asc' },
  });
}
