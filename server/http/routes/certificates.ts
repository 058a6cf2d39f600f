/** Certificate numbers and the spot check, wired to the certificate use cases. */
import { z } from 'zod';
import { isAppError } from '../../errors';
import { allocateCertificateRangeWithCampaign } from '../../use-cases/allocate-certificate-range';
import { applyForCertificateNumbers } from '../../use-cases/apply-for-certificate-numbers';
import { assignCertificateNumbers } from '../../use-cases/assign-certificate-numbers';
import { loadCampaignInScope, SCHOOL_ROLES, type Actor, type Db } from '../../use-cases/context';
import { drawSpotCheckSamples } from '../../use-cases/draw-spot-check-samples';
import { listNumberApplications } from '../../use-cases/list-number-applications';
import { listSchoolCertificateNumbers } from '../../use-cases/list-school-certificate-numbers';
import { listSpotCheckSamples } from '../../use-cases/list-spot-check-samples';
import { recordCertificateProof } from '../../use-cases/record-certificate-proof';
import { rejectNumberApplication } from '../../use-cases/reject-number-application';
import { voidCertificateNumber } from '../../use-cases/void-certificate-number';
import { defineRoute, type AnyRoute } from '../route';
import {
  ALL_ROLES,
  AllocateBody,
  AllocateResponse,
  ApplicationList,
  ApplicationView,
  ApplyNumbersBody,
  AssignmentView,
  CampaignParam,
  CampaignSchoolParam,
  CertificateNumbersView,
  Id,
  IdParam,
  LIMITS,
  SpotCheckDrawResponse,
  SpotCheckListResponse,
} from '../../../contract/api';

const CertificateRef = z
  .object({
    certificateId: Id.optional(),
    certificateNumber: z.string().trim().min(1).max(100).optional(),
  })
  .refine((b) => Boolean(b.certificateId) !== Boolean(b.certificateNumber), { message: 'give certificateId or certificateNumber (one)' });

const VoidBody = CertificateRef.and(z.object({ reason: z.string().trim().min(1).max(500) }));
const ProofBody = CertificateRef.and(
  z.object({ reason: z.string().trim().min(1).max(500), proofNumber: z.string().trim().min(1).max(100).optional() }),
);
const RejectBody = z.object({ comment: z.string().trim().max(LIMITS.comment).optional() });
const ApplicationsQuery = z.object({ status: z.enum(['PENDING', 'APPROVED', 'REJECTED']).optional() });
// Strict: a `seed` from the reviewer is refused, not silently ignored — the server draws it (issue #8).
const SpotCheckBody = z.strictObject({ schoolId: Id.optional() });


function certificateOf(b: { certificateId?: string | undefined; certificateNumber?: string | undefined }) {
  return b.certificateId ? { id: b.certificateId } : { number: b.certificateNumber ?? '' };
}

async function tryAssign(db: Db, actor: Actor, campaignId: string, schoolId: string) {
  try {
    return await assignCertificateNumbers(db, { actor, campaignId, schoolId });
  } catch (e) {
    // Not yet approved, or other majors still waiting for numbers: the school runs it later.
    if (isAppError(e) && (e.code === 'submission-not-approved' || e.code === 'certificate-numbers-insufficient' || e.code === 'not-found')) return null;
    throw e;
  }
}

export const certificateRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/api/campaigns/:id/number-applications',
    tag: 'certificates',
    summary: '学校按专业申领证书编号（按实际毕业生人数）',
    auth: SCHOOL_ROLES,
    params: CampaignParam,
    body: ApplyNumbersBody,
    response: ApplicationList,
    errors: ['numbers-exceed-graduates', 'campaign-not-open'],
    handler: async ({ db, actor, params, body }) => {
      const created = await applyForCertificateNumbers(db, { actor, campaignId: params.id, items: body.items });
      return { items: created.map(applicationView) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/campaigns/:id/number-applications',
    tag: 'certificates',
    summary: '编号申请列表（学校：本校；市局：本市；省厅：全部）',
    auth: ALL_ROLES,
    params: CampaignParam,
    query: ApplicationsQuery,
    response: ApplicationList,
    handler: async ({ db, actor, params, query }) => {
      await loadCampaignInScope(db, actor, params.id);
      const rows = await listNumberApplications(db, { actor, campaignId: params.id, status: query.status });
      return { items: rows.map((r) => ({ ...applicationView(r), schoolName: r.school.name })) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/number-applications/:id/allocate',
    tag: 'certificates',
    summary: '省厅批准申请并分配连续的编号段（事务；数据库保证不重叠）；学校数据已终审时随即编排到每名毕业生',
    auth: ['PROVINCE_ADMIN', 'CITY_REVIEWER'],
    params: IdParam,
    body: AllocateBody,
    response: AllocateResponse,
    errors: ['application-not-pending', 'series-exhausted', 'series-ambiguous', 'campaign-not-open'],
    handler: async ({ db, actor, params, body }) => {
      const { range, campaignId } = await allocateCertificateRangeWithCampaign(db, {
        actor,
        applicationId: params.id,
        ...(body.seriesId ? { seriesId: body.seriesId } : {}),
        ...(body.comment ? { comment: body.comment } : {}),
      });
      const assignment = await tryAssign(db, actor, campaignId, range.schoolId);
      return { range, assignment };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/number-applications/:id/reject',
    tag: 'certificates',
    summary: '驳回编号申请（须填写意见）',
    auth: ['PROVINCE_ADMIN', 'CITY_REVIEWER'],
    params: IdParam,
    body: RejectBody,
    response: ApplicationView,
    errors: ['comment-required', 'application-not-pending'],
    handler: async ({ db, actor, params, body }) =>
      applicationView(await rejectNumberApplication(db, { actor, applicationId: params.id, comment: body.comment ?? '' })),
  }),
  defineRoute({
    method: 'post',
    path: '/api/campaigns/:id/schools/:schoolId/certificate-numbers/assign',
    tag: 'certificates',
    summary: '把已分配的编号按专业、附件2行序编排给每名毕业生（终审通过后；可重复执行，只补缺）',
    auth: ALL_ROLES,
    params: CampaignSchoolParam,
    response: AssignmentView,
    errors: ['submission-not-approved', 'certificate-numbers-insufficient'],
    handler: async ({ db, actor, params }) => {
      await loadCampaignInScope(db, actor, params.id);
      return assignCertificateNumbers(db, { actor, campaignId: params.id, schoolId: params.schoolId });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/campaigns/:id/schools/:schoolId/certificate-numbers',
    tag: 'certificates',
    summary: '学校的编号段与每名毕业生的证书编号（按专业、附件2行序），供加载项回填',
    auth: ALL_ROLES,
    params: CampaignSchoolParam,
    response: CertificateNumbersView,
    handler: async ({ db, actor, params }) => {
      await loadCampaignInScope(db, actor, params.id);
      const r = await listSchoolCertificateNumbers(db, { actor, campaignId: params.id, schoolId: params.schoolId });
      const certificates = [...r.certificates].sort(
        (a, b) =>
          a.major.localeCompare(b.major, 'zh-CN') ||
          (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
          (a.rowNumber ?? 0) - (b.rowNumber ?? 0) ||
          a.serial - b.serial,
      );
      return { ...r, certificates };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/certificates/void',
    tag: 'certificates',
    summary: '作废证书编号（作废后永不再用）',
    auth: ['CLERK', 'COLLEGE_CLERK', 'PROVINCE_ADMIN'],
    body: VoidBody,
    errors: ['certificate-already-voided'],
    handler: ({ db, actor, body }) => voidCertificateNumber(db, { actor, certificate: certificateOf(body), reason: body.reason }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/certificates/proofs',
    tag: 'certificates',
    summary: '登记证明书（遗失不补发，证明书引用原编号）',
    auth: ['CLERK', 'COLLEGE_CLERK', 'PROVINCE_ADMIN'],
    body: ProofBody,
    handler: ({ db, actor, body }) =>
      recordCertificateProof(db, {
        actor,
        certificate: certificateOf(body),
        reason: body.reason,
        ...(body.proofNumber ? { proofNumber: body.proofNumber } : {}),
      }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/campaigns/:id/spot-checks',
    tag: 'spot-check',
    summary: '抽取 5% 抽查样本（种子由服务器以安全随机数生成并记录，可据记录复现；指定学校，或全部已终审的学校）',
    auth: ['PROVINCE_ADMIN', 'CITY_REVIEWER'],
    params: CampaignParam,
    body: SpotCheckBody,
    response: SpotCheckDrawResponse,
    errors: ['no-graduates'],
    handler: async ({ db, actor, params, body }) => {
      await loadCampaignInScope(db, actor, params.id);
      const drawn = await drawSpotCheckSamples(db, {
        actor,
        campaignId: params.id,
        ...(body.schoolId ? { schoolId: body.schoolId } : {}),
      });
      return {
        items: drawn.map((r) => ({
          schoolId: r.schoolId,
          sampleId: r.sample.id,
          drawn: r.drawn,
          seed: r.sample.seed,
          population: r.sample.population,
          size: r.sample.studentIds.length,
        })),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/campaigns/:id/spot-checks',
    tag: 'spot-check',
    summary: '抽查样本列表（含被抽中的毕业生：专业、姓名、工作表与行号）',
    auth: ['PROVINCE_ADMIN', 'CITY_REVIEWER'],
    params: CampaignParam,
    response: SpotCheckListResponse,
    handler: async ({ db, actor, params }) => {
      await loadCampaignInScope(db, actor, params.id);
      const samples = await listSpotCheckSamples(db, { actor, campaignId: params.id });
      return { items: samples.map((s) => ({ ...s, drawnAt: s.drawnAt.toISOString() })) };
    },
  }),
];

function applicationView(a: {
  id: string;
  schoolId: string;
  major: string;
  count: number;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  appliedAt: Date;
  decidedAt: Date | null;
  decisionComment: string | null;
}) {
  return {
    id: a.id,
    schoolId: a.schoolId,
    major: a.major,
    count: a.count,
    status: a.status,
    appliedAt: a.appliedAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decisionComment: a.decisionComment,
  };
}
