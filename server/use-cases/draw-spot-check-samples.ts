/**
 * The spot check for one school, or for every province-approved school the reviewer covers: draws (or
 * returns the recorded) sample of each with drawSpotCheckSample, in turn.
 */
import { loadSchoolInScope, reviewerSchoolsWhere, type Actor, type DbOrTx } from './context';
import { drawSpotCheckSample } from './draw-spot-check-sample';

export interface DrawSpotCheckSamplesOptions {
  actor: Actor;
  campaignId: string;
  /** Only this school; default: every school of the actor's scope whose submission is province-approved. */
  schoolId?: string;
}

export async function drawSpotCheckSamples(db: DbOrTx, options: DrawSpotCheckSamplesOptions) {
  const { actor, campaignId } = options;
  let schoolIds: string[];
  if (options.schoolId) {
    await loadSchoolInScope(db, actor, options.schoolId);
    schoolIds = [options.schoolId];
  } else {
    const subs = await db.submission.findMany({
      where: { campaignId, status: 'PROVINCE_APPROVED', school: reviewerSchoolsWhere(actor) },
      select: { schoolId: true },
    });
    schoolIds = subs.map((s) => s.schoolId);
  }
  const drawn = [];
  for (const schoolId of schoolIds) {
    const r = await drawSpotCheckSample(db, { actor, campaignId, schoolId });
    drawn.push({ schoolId, ...r });
  }
  return drawn;
}
