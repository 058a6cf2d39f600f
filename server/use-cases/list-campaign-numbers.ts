/**
 * The console's numbers page: a campaign's applications, the ranges allocated per school and major (起止号
 * in the one format of core/text/certificate-range), voided numbers and 证明书 — the province sees every
 * school, a city its own schools. The series' next serial lets the console show the range an allocation
 * would give before the province confirms it.
 */
import { formatCertificateRanges } from '../../core/text/certificate-range';
import { AppError } from '../errors';
import { loadCampaignInScope, reviewerSchoolsWhere, type Actor, type DbOrTx } from './context';

export interface ListCampaignNumbersOptions {
  actor: Actor;
  campaignId: string;
}

export async function listCampaignNumbers(db: DbOrTx, { actor, campaignId }: ListCampaignNumbersOptions) {
  if (actor.role !== 'PROVINCE_ADMIN' && actor.role !== 'CITY_REVIEWER') throw new AppError('forbidden');
  const campaign = await loadCampaignInScope(db, actor, campaignId);
  const school = reviewerSchoolsWhere(actor);
  const [applications, ranges, voided, proofs] = await Promise.all([
    db.numberApplication.findMany({
      where: { campaignId, school },
      include: { school: { select: { name: true, code: true } }, range: { select: { startSerial: true, endSerial: true, seriesId: true } } },
      orderBy: { appliedAt: 'asc' },
    }),
    db.certificateRange.findMany({
      where: { series: { campaignId }, school },
      include: { school: { select: { name: true, code: true } }, series: { select: { prefix: true, serialWidth: true } }, _count: { select: { certificates: true } } },
      orderBy: [{ startSerial: 'asc' }],
    }),
    db.certificate.findMany({
      where: { campaignId, status: 'VOIDED', school },
      select: { number: true, voidReason: true, voidedAt: true, school: { select: { name: true } } },
      orderBy: { voidedAt: 'asc' },
    }),
    db.certificateProof.findMany({
      where: { certificate: { campaignId }, school },
      select: { proofNumber: true, reason: true, issuedAt: true, certificate: { select: { number: true } }, school: { select: { name: true } } },
      orderBy: { issuedAt: 'asc' },
    }),
  ]);
  const seriesById = new Map(campaign.series.map((s) => [s.id, s]));
  const groups = new Map<string, (typeof ranges)[number][]>();
  for (const r of ranges) {
    const key = `${r.schoolId}|${r.major}|${r.seriesId}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return {
    series: campaign.series.map((s) => ({ id: s.id, prefix: s.prefix, serialWidth: s.serialWidth, nextSerial: s.nextSerial, maxSerial: s.maxSerial })),
    applications: applications.map((a) => {
      const series = a.range ? seriesById.get(a.range.seriesId) : undefined;
      return {
        id: a.id,
        schoolId: a.schoolId,
        schoolName: a.school.name,
        schoolCode: a.school.code,
        major: a.major,
        count: a.count,
        status: a.status,
        appliedAt: a.appliedAt.toISOString(),
        decidedAt: a.decidedAt?.toISOString() ?? null,
        comment: a.decisionComment,
        rangeText: a.range && series ? formatCertificateRanges([a.range], series) : null,
      };
    }),
    ranges: [...groups.values()].map((rs) => {
      const first = rs[0] as (typeof rs)[number];
      return {
        schoolId: first.schoolId,
        schoolName: first.school.name,
        schoolCode: first.school.code,
        major: first.major,
        count: rs.reduce((n, r) => n + r.endSerial - r.startSerial + 1, 0),
        assigned: rs.reduce((n, r) => n + r._count.certificates, 0),
        rangeText: formatCertificateRanges(rs, first.series),
      };
    }),
    voided: voided.map((v) => ({ number: v.number, schoolName: v.school.name, reason: v.voidReason, voidedAt: v.voidedAt?.toISOString() ?? null })),
    proofs: proofs.map((p) => ({ proofNumber: p.proofNumber, certificateNumber: p.certificate.number, schoolName: p.school.name, reason: p.reason, issuedAt: p.issuedAt.toISOString() })),
  };
}
