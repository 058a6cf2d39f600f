/**
 * Public certificate look-up (graduates, employers), as 学信网 does it: the holder's NAME together with
 * the certificate number (or the 国家学籍号). It answers genuine or not — found, and whether the number
 * stands or was voided — plus the minimum a verifier compares with the paper (number, school, year,
 * conclusion), never the ID number or any other personal field. Numbers are read as people type them
 * (core/text/certificate-number.ts). Each number and each 学籍号 may be asked a limited number of times
 * per window (shared by all servers), on top of the per-address limit: a name cannot be guessed for a
 * known number.
 */
import { canonicalCertificateNumber, serialAfterPrefix, serialOnly } from '../../core/text/certificate-number';
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../errors';
import type { DbOrTx } from './context';
import { countAttempt } from './count-attempts';

export interface LookUpQuery {
  name: string;
  studentNumber?: string | undefined;
  certificateNumber?: string | undefined;
}

export interface LookUpLimit {
  windowMs: number;
  limit: number;
}

export const DEFAULT_PER_NUMBER_LIMIT: LookUpLimit = { windowMs: 3_600_000, limit: 10 };

export interface LookUpCertificateOptions {
  query: LookUpQuery;
  perNumber?: LookUpLimit;
  now?: Date;
}

export async function lookUpCertificate(db: DbOrTx, { query, perNumber = DEFAULT_PER_NUMBER_LIMIT, now = new Date() }: LookUpCertificateOptions) {
  const name = query.name.normalize('NFKC').replace(/\s+/g, '');
  const studentNumber = query.studentNumber?.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const number = query.certificateNumber ? canonicalCertificateNumber(query.certificateNumber) : undefined;

  const meant = number ? await numberMeant(db, number) : { key: `look-up-student:${studentNumber ?? ''}`, where: { studentNumber: studentNumber ?? '' } };
  const window = await countAttempt(db, meant.key, perNumber.windowMs, now);
  if (window.hits > perNumber.limit) throw new AppError('rate-limited');

  const where: Prisma.CertificateWhereInput = { holderName: name, ...meant.where };
  const cert = await db.certificate.findFirst({
    where,
    orderBy: { issuedAt: 'desc' },
    include: { school: { select: { name: true } }, campaign: { select: { year: true } } },
  });
  if (cert) {
    return {
      found: true,
      certificate: {
        number: cert.number,
        name: cert.holderName,
        schoolName: cert.school.name,
        year: cert.campaign.year,
        conclusion: null,
        status: cert.status,
      },
    };
  }
  if (!number && studentNumber) {
    // Hubei: the province prints the certificates; a live graduation operation is the record.
    const record = await db.graduationRecord.findFirst({
      where: { rolledBackAt: null, student: { name, studentNumber } },
      orderBy: { operatedAt: 'desc' },
      include: { school: { select: { name: true } }, campaign: { select: { year: true } }, student: { select: { name: true } } },
    });
    if (record) {
      return {
        found: true,
        certificate: {
          number: null,
          name: record.student.name,
          schoolName: record.school.name,
          year: record.campaign.year,
          conclusion: record.conclusion === 'GRADUATED' ? ('毕业' as const) : ('结业' as const),
          status: null,
        },
      };
    }
  }
  return { found: false };
}

/**
 * Which certificates a typed number can mean — a series' prefix + serial, the serial alone, or the text
 * as printed — and the rate-limit key of that meaning (however it was typed, one number is one key).
 */
async function numberMeant(db: DbOrTx, canonical: string): Promise<{ key: string; where: Prisma.CertificateWhereInput }> {
  const alone = serialOnly(canonical);
  if (alone !== undefined) return { key: `look-up-serial:${alone}`, where: { serial: alone } };
  const series = await db.certificateSeries.findMany({ select: { id: true, prefix: true } });
  const matches = series.flatMap((s) => {
    const serial = serialAfterPrefix(canonical, s.prefix);
    return serial === undefined ? [] : [{ seriesId: s.id, serial }];
  });
  if (matches.length === 0) return { key: `look-up-number:${canonical}`, where: { number: canonical } };
  const key = `look-up-number:${matches.map((m) => `${m.seriesId}/${m.serial}`).join(',')}`;
  return { key, where: { OR: matches } };
}
