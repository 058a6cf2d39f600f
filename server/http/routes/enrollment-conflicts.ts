/** Enrollment conflicts (an ID approved or numbered at another school): reviewers list, the province decides. */
import { z } from 'zod';
import { listEnrollmentConflicts } from '../../use-cases/list-enrollment-conflicts';
import { resolveEnrollmentConflict } from '../../use-cases/resolve-enrollment-conflict';
import { defineRoute, type AnyRoute } from '../route';
import {
  CampaignParam,
  EnrollmentConflictDecision,
  EnrollmentConflictList,
  EnrollmentConflictStatus,
  IdParam,
  ResolvedEnrollmentConflict,
} from '../../../contract/api';

export const enrollmentConflictRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/campaigns/:id/enrollment-conflicts',
    tag: 'review',
    summary: '学籍冲突：本校上报的身份证号已在其他学校审核通过或编号（审核部门可见双方）',
    auth: ['CITY_REVIEWER', 'PROVINCE_ADMIN'],
    params: CampaignParam,
    query: z.object({ status: EnrollmentConflictStatus.optional() }),
    response: EnrollmentConflictList,
    handler: ({ db, actor, params, query }) => listEnrollmentConflicts(db, { actor, campaignId: params.id, status: query.status }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/enrollment-conflicts/:id/resolve',
    tag: 'review',
    summary: '省厅处理学籍冲突：accept-transfer（确认转学：上报学校的错误即时撤销，原学校的记录标为转出）或 refuse（仍为错误）',
    auth: ['PROVINCE_ADMIN'],
    params: IdParam,
    body: EnrollmentConflictDecision,
    response: ResolvedEnrollmentConflict,
    errors: ['conflict-already-resolved'],
    handler: ({ db, actor, params, body }) =>
      resolveEnrollmentConflict(db, { actor, conflictId: params.id, decision: body.decision, comment: body.comment }),
  }),
];
