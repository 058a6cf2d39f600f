/**
 * The enrollment conflicts of a campaign for a reviewer: every case where one school listed an ID that
 * is approved or numbered at another. Reviewers of EITHER school see the case with both sides (school,
 * student name, sheet/row or certificate number); clerks never call this (the authz matrix refuses).
 */
import type { EnrollmentConflictStatus } from '../../generated/prisma/client';
import { loadCampaignInScope, reviewerSchoolsWhere, type Actor, type DbOrTx } from './context';

export interface ListEnrollmentConflictsOptions {
  actor: Actor;
  campaignId: string;
  status?: EnrollmentConflictStatus | undefined;
}

interface Side {
  schoolId: string;
  schoolName: string;
  students: { name: string; sheet: string; row: number }[];
  certificateNumbers: string[];
}

export async function listEnrollmentConflicts(db: DbOrTx, options: ListEnrollmentConflictsOptions) {
  const { actor, campaignId, status } = options;
  await loadCampaignInScope(db, actor, campaignId);
  const covered = reviewerSchoolsWhere(actor);
  const cases = await db.enrollmentConflict.findMany({
    where: { campaignId, ...(status ? { status } : {}), OR: [{ claimingSchool: covered }, { holdingSchool: covered }] },
    include: {
      claimingSchool: { select: { name: true } },
      holdingSchool: { select: { name: true } },
      resolvedBy: { select: { displayName: true } },
    },
    orderBy: { detectedAt: 'asc' },
    take: 1000,
  });
  const ids = [...new Set(cases.map((c) => c.idNumber))];
  const schoolIds = [...new Set(cases.flatMap((c) => [c.claimingSchoolId, c.holdingSchoolId]))];
  const versions = await db.submission.findMany({ where: { campaignId, schoolId: { in: schoolIds } }, select: { currentVersionId: true } });
  const versionIds = versions.flatMap((v) => (v.currentVersionId ? [v.currentVersionId] : []));
  const [students, certificates] = await Promise.all([
    db.student.findMany({
      where: { versionId: { in: versionIds }, idNumber: { in: ids } },
      select: { idNumber: true, schoolId: true, name: true, sheet: true, rowNumber: true },
      orderBy: [{ sheet: 'asc' }, { rowNumber: 'asc' }],
    }),
    db.certificate.findMany({
      where: { campaignId, holderIdNumber: { in: ids }, schoolId: { in: schoolIds }, status: 'ISSUED' },
      select: { holderIdNumber: true, schoolId: true, number: true },
    }),
  ]);
  const side = (idNumber: string, schoolId: string, schoolName: string): Side => ({
    schoolId,
    schoolName,
    students: students
      .filter((s) => s.idNumber === idNumber && s.schoolId === schoolId)
      .map((s) => ({ name: s.name, sheet: s.sheet, row: s.rowNumber })),
    certificateNumbers: certificates.filter((c) => c.holderIdNumber === idNumber && c.schoolId === schoolId).map((c) => c.number),
  });
  return {
    items: cases.map((c) => ({
      id: c.id,
      idNumber: c.idNumber,
      status: c.status,
      holdingReason: c.holdingReason,
      detectedAt: c.detectedAt.toISOString(),
      resolvedAt: c.resolvedAt?.toISOString() ?? null,
      resolvedBy: c.resolvedBy?.displayName ?? null,
      resolutionComment: c.resolutionComment,
      claiming: side(c.idNumber, c.claimingSchoolId, c.claimingSchool.name),
      holding: side(c.idNumber, c.holdingSchoolId, c.holdingSchool.name),
    })),
  };
}
