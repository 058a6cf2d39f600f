/** Enrollment conflicts (an ID approved or numbered at another school): reviewers list, the province decides. */
import { z } from 'zod';
import { listEnrollmentConflicts } from '../../use-cases/list-enrollment-conflicts';
import { resolveEnrollmentConflict } from '../../use-cases/resolve-enrollment-conflict';
import { defineRoute, type AnyRoute } from '../route';
import { CampaignParam, IdParam, LIMITS } from '../../../contract/api';

const Status = z.enum(['OPEN', 'TRANSFER_ACCEPTED', 'REFUSED']);
const Side = z.object({
  schoolId: z.uuid(),
  schoolName: z.string(),
  students: z.array(z.object({ name: z.string(), sheet: z.string(), row: z.number().int() })),
  certificateNumbers: z.array(z.string()),
});

export const enrollmentConflictRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/campaigns/:id/enrollment-conflicts',
    tag: 'review',
    summary: '学籍冲突：本校上报的身份证号已在其他学校审核通过或编号（审核部门可见双方）',
    auth: ['CITY_REVIEWER', 'PROVINCE_ADMIN'],
    params: CampaignParam,
    query: z.object({ status: Status.optional() }),
    response: z.object({
      items: z.array(
        z.object({
          id: z.uuid(),
          idNumber: z.string(),
          status: Status,
          holdingReason: z.enum(['APPROVED', 'NUMBERED']),
          detectedAt: z.iso.datetime(),
          resolvedAt: z.iso.datetime().nullable(),
          resolvedBy: z.string().nullable(),
          resolutionComment: z.string().nullable(),
          claiming: Side,
          holding: Side,
        }),
      ),
    }),
    handler: ({ db, actor, params, query }) => listEnrollmentConflicts(db, { actor, campaignId: params.id, status: query.status }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/enrollment-conflicts/:id/resolve',
    tag: 'review',
    summary: '省厅处理学籍冲突：accept-transfer（确认转学，上报学校重新上报后可通过）或 refuse（仍为错误）',
    auth: ['PROVINCE_ADMIN'],
    params: IdParam,
    body: z.object({
      decision: z.enum(['accept-transfer', 'refuse']),
      comment: z.string().trim().min(1).max(LIMITS.comment).meta({ description: '处理意见（必填）' }),
    }),
    response: z.object({ id: z.uuid(), status: Status, resolvedAt: z.iso.datetime() }),
    errors: ['conflict-already-resolved'],
    handler: ({ db, actor, params, body }) =>
      resolveEnrollmentConflict(db, { actor, conflictId: params.id, decision: body.decision, comment: body.comment }),
  }),
];
