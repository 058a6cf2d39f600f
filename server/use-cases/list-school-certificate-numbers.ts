/** A school's allocated ranges (with used / voided counts) and every number given to its graduates. */
import { type Actor, type DbOrTx } from './context';
import { formatCertificateNumber, requireSchoolInScope } from './certificate-support';

export interface ListSchoolCertificateNumbersOptions {
  actor: Actor;
  campaignId: string;
  schoolId: string;
}

export async function listSchoolCertificateNumbers(db: DbOrTx, options: ListSchoolCertificateNumbersOptions) {
  const { actor, campaignId, schoolId } = options;
  await requireSchoolInScope(db, actor, schoolId);
  const ranges = await db.certificateRange.findMany({
    where: { schoolId, series: { campaignId } },
    orderBy: [{ startSerial: 'asc' }],
    include: { series: { select: { prefix: true, serialWidth: true } } },
  });
  const certificates = await db.certificate.findMany({
    where: { campaignId, schoolId },
    orderBy: [{ seriesId: 'asc' }, { serial: 'asc' }],
    include: {
      student: { select: { sheet: true, rowNumber: true } },
      proofs: { select: { id: true, proofNumber: true, issuedAt: true } },
    },
  });
  const counts = new Map<string, { used: number; voided: number }>();
  for (const c of certificates) {
    const n = counts.get(c.rangeId) ?? { used: 0, voided: 0 };
    n.used++;
    if (c.status === 'VOIDED') n.voided++;
    counts.set(c.rangeId, n);
  }
  return {
    ranges: ranges.map((r) => ({
      id: r.id,
      seriesId: r.seriesId,
      major: r.major,
      startSerial: r.startSerial,
      endSerial: r.endSerial,
      count: r.endSerial - r.startSerial + 1,
      first: formatCertificateNumber(r.series, r.startSerial),
      last: formatCertificateNumber(r.series, r.endSerial),
      used: counts.get(r.id)?.used ?? 0,
      voided: counts.get(r.id)?.voided ?? 0,
      allocatedAt: r.allocatedAt,
    })),
    certificates: certificates.map((c) => ({
      id: c.id,
      number: c.number,
      serial: c.serial,
      status: c.status,
      voidReason: c.voidReason,
      voidedAt: c.voidedAt,
      studentId: c.studentId,
      sheet: c.student?.sheet ?? null,
      rowNumber: c.student?.rowNumber ?? null,
      holderName: c.holderName,
      major: c.major,
      proofs: c.proofs,
    })),
    voided: certificates.filter((c) => c.status === 'VOIDED').map((c) => ({ number: c.number, reason: c.voidReason, voidedAt: c.voidedAt })),
  };
}
