import { z } from 'zod';
import { AppError } from '../../errors';
import { approveSubmission } from '../../use-cases/approve-submission';
import { getCampaign, listCampaigns } from '../../use-cases/get-campaign';
import { getOwnSubmission, getSubmissionById, getSubmissionRows } from '../../use-cases/get-submission';
import { listReviewQueue } from '../../use-cases/list-review-queue';
import { returnSubmission } from '../../use-cases/return-submission';
import { saveSubmission } from '../../use-cases/save-submission';
import { submitSubmission, withdrawSubmission } from '../../use-cases/submit-submission';
import { withIssueMessages, withIssueMessagesIfReport } from '../issue-messages';
import { defineRoute, statusResult, type AnyRoute } from '../route';
import {
  ALL_ROLES,
  ApproveBody,
  CampaignParam,
  CampaignView,
  IdParam,
  PutSubmissionBody,
  PutSubmissionResponse,
  ReturnBody,
  ReviewQueueItem,
  ReviewQueueQuery,
  SCHOOL_ROLES,
  SubmissionRowsResponse,
  SubmissionView,
  SubmitBody,
} from '../../../contract/api';

const SCHOOL = SCHOOL_ROLES;
const REVIEWERS = ['CITY_REVIEWER', 'PROVINCE_ADMIN'] as const;
const ANYONE = ALL_ROLES;

export const submissionRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/campaigns',
    tag: 'campaigns',
    summary: '本省的工作批次 / campaigns of the caller’s province',
    auth: ANYONE,
    response: z.object({ items: z.array(CampaignView) }),
    handler: ({ db, actor }) => listCampaigns(db, { actor }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/campaigns/:id',
    tag: 'campaigns',
    summary: '工作批次（模板包、截止与锁定日期、证书编号序列）',
    auth: ANYONE,
    params: CampaignParam,
    response: CampaignView,
    handler: ({ db, actor, params }) => getCampaign(db, { actor, campaignId: params.id }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/campaigns/:id/submission',
    tag: 'submissions',
    summary: '本校的上报数据：状态、版本、校验报告、审核意见',
    auth: SCHOOL,
    params: CampaignParam,
    response: SubmissionView,
    handler: async ({ db, actor, params }) => withIssueMessages(await getOwnSubmission(db, { actor, campaignId: params.id })),
  }),
  defineRoute({
    method: 'put',
    path: '/api/campaigns/:id/submission',
    tag: 'submissions',
    summary: '上传（替换）本校的工作簿：服务器重新校验，整体保存为新版本（幂等、版本检查）',
    auth: SCHOOL,
    params: CampaignParam,
    body: PutSubmissionBody,
    response: PutSubmissionResponse,
    idempotencyKey: 'required',
    errors: ['version-conflict', 'campaign-locked', 'idempotency-key-reused', 'idempotency-key-required', 'idempotency-in-progress', 'workbook-too-many-rows', 'invalid-transition', 'payload-too-large'],
    handler: async ({ db, actor, params, body, req, res, idempotencyKey }) => {
      if (!idempotencyKey) throw new AppError('idempotency-key-required');
      const timings: Record<string, number> = {};
      const r = await saveSubmission(db, {
        timings,
        actor,
        campaignId: params.id,
        baseVersion: body.baseVersion,
        workbook: body.workbook,
        ...(req.rawBody ? { body: req.rawBody } : {}),
        idempotency: {
          key: idempotencyKey,
          requestHash: req.rawBodySha256 ?? '',
          method: req.method,
          path: req.path,
        },
      });
      const before = res.getHeader('Server-Timing');
      const mine = Object.entries(timings).map(([k, v]) => `${k};dur=${v}`);
      res.setHeader('Server-Timing', [typeof before === 'string' ? before : '', ...mine].filter(Boolean).join(', '));
      return statusResult(r.status, withIssueMessagesIfReport(r.body));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/campaigns/:id/submission/submit',
    tag: 'submissions',
    summary: '上报审核（有错误时拒绝：submission-has-errors）',
    auth: SCHOOL,
    params: CampaignParam,
    body: SubmitBody,
    response: SubmissionView,
    errors: ['submission-has-errors', 'campaign-locked', 'invalid-transition', 'version-conflict'],
    handler: async ({ db, actor, params, body }) => withIssueMessages(await submitSubmission(db, { actor, campaignId: params.id, expectedVersion: body?.version })),
  }),
  defineRoute({
    method: 'post',
    path: '/api/campaigns/:id/submission/withdraw',
    tag: 'submissions',
    summary: '撤回（市局审核前）',
    auth: SCHOOL,
    params: CampaignParam,
    response: SubmissionView,
    errors: ['invalid-transition', 'campaign-locked'],
    handler: async ({ db, actor, params }) => withIssueMessages(await withdrawSubmission(db, { actor, campaignId: params.id })),
  }),
  defineRoute({
    method: 'get',
    path: '/api/campaigns/:id/review-queue',
    tag: 'review',
    summary: '审核队列：市局看本市学校，省厅看全部；含错误/警告数',
    auth: REVIEWERS,
    params: CampaignParam,
    query: ReviewQueueQuery,
    response: z.object({ items: z.array(ReviewQueueItem) }),
    handler: ({ db, actor, params, query }) => listReviewQueue(db, { actor, campaignId: params.id, status: query.status }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/submissions/:id',
    tag: 'review',
    summary: '查看一份上报数据（本校、本市或本省范围内）',
    auth: ANYONE,
    params: IdParam,
    response: SubmissionView,
    handler: async ({ db, actor, params }) => withIssueMessages(await getSubmissionById(db, { actor, submissionId: params.id })),
  }),
  defineRoute({
    method: 'get',
    path: '/api/submissions/:id/rows',
    tag: 'review',
    summary: '上报数据的各行（核心提取的字段，按工作表与行号），供审核人在 Excel 中查看',
    auth: ANYONE,
    params: IdParam,
    response: SubmissionRowsResponse,
    handler: ({ db, actor, params }) => getSubmissionRows(db, { actor, submissionId: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/submissions/:id/approve',
    tag: 'review',
    summary: '审核通过（市局：SUBMITTED→CITY_APPROVED；省厅：CITY_APPROVED→PROVINCE_APPROVED）；有学生已在他校通过或编号、或有未处理的学籍冲突时拒绝',
    auth: REVIEWERS,
    params: IdParam,
    body: ApproveBody,
    response: SubmissionView,
    errors: ['invalid-transition', 'version-conflict', 'approval-enrollment-conflict'],
    handler: async ({ db, actor, params, body }) => withIssueMessages(await approveSubmission(db, { actor, submissionId: params.id, comment: body?.comment, expectedVersion: body?.version })),
  }),
  defineRoute({
    method: 'post',
    path: '/api/submissions/:id/return',
    tag: 'review',
    summary: '退回学校（必须填写意见）',
    auth: REVIEWERS,
    params: IdParam,
    body: ReturnBody,
    response: SubmissionView,
    errors: ['comment-required', 'invalid-transition', 'version-conflict'],
    handler: async ({ db, actor, params, body }) => withIssueMessages(await returnSubmission(db, { actor, submissionId: params.id, comment: body.comment, expectedVersion: body.version })),
  }),
];
