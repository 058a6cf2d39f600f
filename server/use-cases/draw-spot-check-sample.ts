/**
 * The reproducible spot check (抽查): permille/1000 of a school's graduates (5 % by default, at least
 * one), drawn with a seeded PRNG over the current version's graduates in sheet and row order. The seed
 * is drawn by the server from the operating system's secure random source — never supplied by a
 * reviewer, who could otherwise try seeds until a sample skips chosen graduates. The seed and the sample
 * are recorded; drawing again returns the recorded sample, and anyone can re-derive it
 * with sampleIndices(seed, population, size).
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors';
import { audit, loadCampaignInScope, type Actor, type DbOrTx } from './context';
import { currentGraduates, inTransaction, prismaCode, requireRole, requireSchoolInScope, sqlState } from './certificate-support';

/** xoshiro128** seeded from SHA-256(seed): the same seed gives the same stream on every platform. */
export function seededRandom(seed: string): () => number {
  const h = createHash('sha256').update(seed, 'utf8').digest();
  let a = h.readUInt32LE(0), b = h.readUInt32LE(4), c = h.readUInt32LE(8), d = h.readUInt32LE(12);
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4_294_967_296;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** `size` distinct indices of 0..population-1 (partial Fisher–Yates), returned in ascending order. */
export function sampleIndices(seed: string, population: number, size: number): number[] {
  const random = seededRandom(seed);
  const pool = Array.from({ length: population }, (_, i) => i);
  const n = Math.min(size, population);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (population - i));
    const picked = pool[j] ?? j;
    pool[j] = pool[i] ?? i;
    pool[i] = picked;
  }
  return pool.slice(0, n).sort((x, y) => x - y);
}

export function sampleSize(population: number, permille: number): number {
  if (population === 0) return 0;
  return Math.min(population, Math.max(1, Math.ceil((population * permille) / 1000)));
}

export interface DrawSpotCheckSampleOptions {
  actor: Actor;
  campaignId: string;
  schoolId: string;
  now?: Date;
}

export async function drawSpotCheckSample(db: DbOrTx, options: DrawSpotCheckSampleOptions) {
  const { actor, campaignId, schoolId } = options;
  requireRole(actor, ['PROVINCE_ADMIN', 'CITY_REVIEWER']);
  await requireSchoolInScope(db, actor, schoolId);
  const campaign = await loadCampaignInScope(db, actor, campaignId);
  try {
    return await draw(db, options, campaign.spotCheckPermille);
  } catch (error) {
    // Two reviewers drawing at once: the unique (campaign, school) keeps one; the other gets it back.
    if (sqlState(error) !== '23505' && prismaCode(error) !== 'P2002') throw error;
    const sample = await db.spotCheckSample.findUniqueOrThrow({ where: { campaignId_schoolId: { campaignId, schoolId } } });
    return { sample, drawn: false };
  }
}

async function draw(db: DbOrTx, options: DrawSpotCheckSampleOptions, permille: number) {
  const { actor, campaignId, schoolId } = options;
  return inTransaction(db, async (tx) => {
    const existing = await tx.spotCheckSample.findUnique({ where: { campaignId_schoolId: { campaignId, schoolId } } });
    if (existing) return { sample: existing, drawn: false };
    const { submission, students } = await currentGraduates(tx, campaignId, schoolId);
    if (!submission?.currentVersionId || students.length === 0) throw new AppError('no-graduates');
    const seed = randomBytes(16).toString('hex');
    const size = sampleSize(students.length, permille);
    const studentIds = sampleIndices(seed, students.length, size).flatMap((i) => students[i]?.id ?? []);
    const sample = await tx.spotCheckSample.create({
      data: {
        campaignId,
        schoolId,
        versionId: submission.currentVersionId,
        seed,
        permille: permille,
        population: students.length,
        studentIds,
        drawnById: actor.userId,
        drawnAt: options.now ?? new Date(),
      },
    });
    await audit(tx, actor, {
      action: 'spot-check.draw',
      entity: 'spot_check_sample',
      entityId: sample.id,
      after: { campaignId, schoolId, versionId: sample.versionId, seed, permille: sample.permille, population: sample.population, size },
    });
    return { sample, drawn: true };
  });
}
