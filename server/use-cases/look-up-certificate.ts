/**
 * Public certificate look-up (graduates, employers), as 学信网 does it: the holder's NAME together with
 * the certificate number (or the 国家学籍号). It answers genuine or not — found, and whether the number
 * stands or was voided — plus the minimum a verifier compares with the paper (number, school, year,
 * conclusion), never the ID number or any other personal field. Numbers are read as people type them
 * (core/text/certificate-number.ts). Each number and each 学籍号 may be asked a limited number of times
 * per window (shared by all servers), on top of the per-address limit: a name cannot be guessed for a
 * known number. With the database store the HTTP layer counts that limit in the same statement as the
 * address limits (planLookUp gives it the key); the certificate itself is one indexed query.
 */
import { canonicalCertificateNumber, serialAfterPrefix, serialOnly } from '../../core/text/certificate-number';
import { Prisma, type CertificateStatus } from '../../generated/prisma/client';
import { AppError } from '../errors';
import type { DbOrTx } from './context';
import { countAttempt, type Limit } from './count-attempts';

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

/** A look-up read as people type it: whom and which certificates it asks about, and its per-number limit. */
export interface LookUpPlan {
  name: string;
  studentNumber: string | undefined;
  /** Set when the look-up is by certificate number. */
  number: string | undefined;
  /** However the number was typed, one number is one key. */
  limit: Limit;
  /** The certificates the number (or 学籍号) can mean, as a condition on `certificate c`. */
  where: Prisma.Sql;
}

export interface LookUpCertificateOptions {
  query: LookUpQuery;
  perNumber?: LookUpLimit;
  now?: Date;
  /** The plan whose per-number limit was already counted (and held) by the caller. */
  counted?: LookUpPlan;
}

export type PlanLookUpOptions = Pick<LookUpCertificateOptions, 'query' | 'perNumber'>;

/** What a look-up will ask and which per-number limit it counts, before it is counted (the route's limiter). */
export async function planLookUp(db: DbOrTx, { query, perNumber = DEFAULT_PER_NUMBER_LIMIT }: PlanLookUpOptions): Promise<LookUpPlan> {
  const name = query.name.normalize('NFKC').replace(/\s+/g, '');
  const studentNumber = query.studentNumber?.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const number = query.certificateNumber ? canonicalCertificateNumber(query.certificateNumber) : undefined;
  const meant = number
    ? await numberMeant(db, number)
    : { key: `look-up-student:${studentNumber ?? ''}`, where: Prisma.sql`c.student_number = ${studentNumber ?? ''}` };
  return { name, studentNumber, number, limit: { key: meant.key, ...perNumber }, where: meant.where };
}

export async function lookUpCertificate(db: DbOrTx, { query, perNumber = DEFAULT_PER_NUMBER_LIMIT, now = new Date(), counted }: LookUpCertificateOptions) {
  let plan = counted;
  if (!plan) {
    plan = await planLookUp(db, { query, perNumber });
    const window = await countAttempt(db, plan.limit.key, perNumber.windowMs, now);
    if (window.hits > perNumber.limit) throw new AppError('rate-limited');
  }
  const { name, studentNumber, number } = plan;

  // One statement: the (series, serial) / number / 学籍号 index narrows to a row or a few, then the name.
  const [cert] = await db.$queryRaw<{ number: string; holder_name: string; status: CertificateStatus; school_name: string; year: number }[]>`
    SELECT c.number, c.holder_name, c.status, o.name AS school_name, k.year
    FROM certificate c
    JOIN organization o ON o.id = c.school_id
    JOIN campaign k ON k.id = c.campaign_id
    WHERE c.holder_name = ${name} AND (${plan.where})
    ORDER BY c.issued_at DESC
    LIMIT 1`;
  if (cert) {
    return {
      found: true,
      certificate: {
        number: cert.number,
        name: cert.holder_name,
        schoolName: cert.school_name,
        year: cert.year,
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
async function numberMeant(db: DbOrTx, canonical: string): Promise<{ key: string; where: Prisma.Sql }> {
  const alone = serialOnly(canonical);
  if (alone !== undefined) return { key: `look-up-serial:${alone}`, where: Prisma.sql`c.serial = ${alone}` };
  const matchIn = (series: readonly SeriesPrefix[]) =>
    series.flatMap((s) => {
      const serial = serialAfterPrefix(canonical, s.prefix);
      return serial === undefined ? [] : [{ seriesId: s.id, serial }];
    });
  let matches = matchIn(await seriesPrefixes(db, false));
  // A series created since (on this server or another one) is found by reading the list again.
  if (matches.length === 0) matches = matchIn(await seriesPrefixes(db, true));
  if (matches.length === 0) return { key: `look-up-number:${canonical}`, where: Prisma.sql`c.number = ${canonical}` };
  const key = `look-up-number:${matches.map((m) => `${m.seriesId}/${m.serial}`).join(',')}`;
  const where = Prisma.join(
    matches.map((m) => Prisma.sql`(c.series_id = ${m.seriesId}::uuid AND c.serial = ${m.serial})`),
    ' OR ',
  );
  return { key, where };
}

interface SeriesPrefix {
  id: string;
  prefix: string;
}

/**
 * The series' prefixes, kept a minute per database client: every public look-up needs them and they change
 * only when the province creates a series. A stale list can only miss a new series, which `numberMeant`
 * then reads again; a series is never re-prefixed.
 */
const SERIES_TTL_MS = 60_000;
const seriesCache = new WeakMap<object, { at: number; series: readonly SeriesPrefix[] }>();

async function seriesPrefixes(db: DbOrTx, fresh: boolean): Promise<readonly SeriesPrefix[]> {
  const cached = seriesCache.get(db);
  if (!fresh && cached && Date.now() - cached.at < SERIES_TTL_MS) return cached.series;
  const series = await db.certificateSeries.findMany({ select: { id: true, prefix: true } });
  seriesCache.set(db, { at: Date.now(), series });
  return series;
}
