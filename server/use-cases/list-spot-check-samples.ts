/** A campaign's spot-check samples of the schools the reviewer covers, with the sampled graduates. */
import { reviewerSchoolsWhere, type Actor, type DbOrTx } from './context';

export interface ListSpotCheckSamplesOptions {
  actor: Actor;
  campaignId: string;
}

export async function listSpotCheckSamples(db: DbOrTx, options: ListSpotCheckSamplesOptions) {
  const { actor, campaignId } = options;
  const samples = await db.spotCheckSample.findMany({
    where: { campaignId, school: reviewerSchoolsWhere(actor) },
    include: { school: { select: { name: true } } },
    orderBy: { drawnAt: 'asc' },
  });
  const studentIds = samples.flatMap((s) => s.studentIds);
  const students = await db.student.findMany({
    where: { id: { in: studentIds } },
    select: { id: true, name: true, major: true, sheet: true, rowNumber: true },
  });
  const byId = new Map(students.map((s) => [s.id, s]));
  return samples.map((s) => ({
    id: s.id,
    school: { id: s.schoolId, name: s.school.name },
    seed: s.seed,
    permille: s.permille,
    population: s.population,
    drawnAt: s.drawnAt,
    students: s.studentIds.map((id) => byId.get(id)).filter((x) => x !== undefined),
  }));
}
