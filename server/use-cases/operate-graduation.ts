/**
 * Hubei: the graduation operation (毕业操作). Every student of the school's current, error-free submission
 * gets a GraduationRecord: 毕业 when the pack's rule says so (学分 ≥ 144, 思想品德与公民素养 合格, 体质健康
 * 达标 — the core checked the sheet's 结论 against it, so a version without errors carries the rule's
 * answer), else 结业. One live record per student (partial unique index); audited.
 */
import { campaignPackId } from '../../core/templates/registry';
import { getPack } from '../../core/templates/registry';
import { AppError } from '../errors';
import {
  assertNotLocked,
  audit,
  formatBeijing,
  loadCampaignInScope,
  loadSchoolInScope,
  SCHOOL_ROLES,
  type Actor,
  type CampaignWithLocks,
  type Db,
  type DbOrTx,
} from './context';

const OPERABLE = ['SUBMITTED', 'CITY_APPROVED', 'PROVINCE_APPROVED'];

/** A clerk acts on their own school (naming another one finds nothing); the province names the school. */
export function schoolOfRequest(actor: Actor, schoolId: string | undefined): string {
  if (SCHOOL_ROLES.includes(actor.role)) {
    if (schoolId && schoolId !== actor.orgId) throw new AppError('not-found', { what: '学校' });
    return actor.orgId;
  }
  if (!schoolId) throw new AppError('invalid-input', { detail: 'schoolId is required', field: 'body.schoolId' });
  return schoolId;
}

/**
 * Only packs whose graduate list says what counts as graduated (roles.graduates.graduated: Hubei's 结论
 * 毕业/结业) have a graduation operation.
 */
export function assertGraduationPack(packId: string): GraduatedRule {
  const graduated = getPack(packId)?.roles.graduates?.graduated;
  if (!graduated) throw new AppError('graduation-not-applicable', { packId });
  return graduated;
}

type GraduatedRule = { column: string; values: readonly string[] };

/** The campaign and school a graduation operation (or its rollback) acts on, once the actor may act there. */
export async function graduationTarget(
  db: Db,
  actor: Actor,
  campaignId: string,
  requestedSchoolId: string | undefined,
): Promise<{ campaign: CampaignWithLocks; schoolId: string; graduated: GraduatedRule }> {
  if (actor.role === 'CITY_REVIEWER') throw new AppError('forbidden');
  const campaign = await loadCampaignInScope(db, actor, campaignId);
  const schoolId = schoolOfRequest(actor, requestedSchoolId);
  await loadSchoolInScope(db, actor, schoolId);
  const graduated = assertGraduationPack(campaignPackId(campaign));
  return { campaign, schoolId, graduated };
}

/** The school's earliest graduation record that is not rolled back, if any. */
export function firstLiveRecord(tx: DbOrTx, campaignId: string, schoolId: string) {
  return tx.graduationRecord.findFirst({
    where: { campaignId, schoolId, rolledBackAt: null },
    orderBy: { operatedAt: 'asc' },
  });
}

export interface OperateGraduationOptions {
  actor: Actor;
  campaignId: string;
  /** The province names the school; a clerk operates their own. */
  schoolId?: string | undefined;
  now?: Date;
}

export async function operateGraduation(db: Db, options: OperateGraduationOptions) {
  const { actor, now = new Date() } = options;
  const { campaign, schoolId, graduated: rule } = await graduationTarget(db, actor, options.campaignId, options.schoolId);
  assertNotLocked(campaign, 'graduation', now);

  const submission = await db.submission.findUnique({
    where: { campaignId_schoolId: { campaignId: campaign.id, schoolId } },
    include: { currentVersion: { select: { id: true, valid: true } } },
  });
  if (!submission?.currentVersion) throw new AppError('not-found', { what: '本校的上报数据' });
  if (!OPERABLE.includes(submission.status)) {
    throw new AppError('invalid-transition', { status: submission.status, action: '毕业操作' });
  }
  if (!submission.currentVersion.valid) throw new AppError('submission-has-errors', { errors: 1 });
  const versionId = submission.currentVersion.id;

  return db.$transaction(
    async (tx) => {
      const live = await firstLiveRecord(tx, campaign.id, schoolId);
      if (live) throw new AppError('graduation-already-operated', { operatedAt: formatBeijing(live.operatedAt) });
      const students = await tx.student.findMany({
        where: { versionId },
        select: { id: true, extra: true, graduate: true },
        orderBy: [{ major: 'asc' }, { sheet: 'asc' }, { rowNumber: 'asc' }],
      });
      const data = students.map((s) => ({
        campaignId: campaign.id,
        schoolId,
        studentId: s.id,
        conclusion: graduates(s, rule) ? ('GRADUATED' as const) : ('COMPLETED' as const),
        operatedAt: now,
        operatedById: actor.userId,
      }));
      await tx.graduationRecord.createMany({ data });
      const graduated = data.filter((d) => d.conclusion === 'GRADUATED').length;
      const summary = { students: data.length, graduated, completed: data.length - graduated, operatedAt: now.toISOString() };
      await audit(tx, actor, { action: 'graduation.operate', entity: 'school-campaign', entityId: `${campaign.id}/${schoolId}`, before: null, after: summary });
      return summary;
    },
    { timeout: 60_000 },
  );
}

/** The stored conclusion when it is one of the graduated values or another filled value, else the row's eligibility. */
function graduates(s: { extra: unknown; graduate: boolean }, rule: GraduatedRule): boolean {
  const c = (s.extra as Record<string, unknown> | null)?.[rule.column];
  if (typeof c === 'string' && c.trim() !== '') return rule.values.includes(c.trim());
  return s.graduate;
}
