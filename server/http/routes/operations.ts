import type { Request } from 'express';
import { z } from 'zod';
import { exportAuditSheet } from '../../use-cases/export-audit-sheet';
import { listAuditLog } from '../../use-cases/list-audit-log';
import { openSignedAuditSheet } from '../../use-cases/open-signed-audit-sheet';
import { SIGNED_AUDIT_SHEET_PATH, signAuditSheetLink } from '../../use-cases/sign-audit-sheet-link';
import { lookUpCertificate, planLookUp, type LookUpPlan } from '../../use-cases/look-up-certificate';
import { operateGraduation } from '../../use-cases/operate-graduation';
import { rollbackGraduation } from '../../use-cases/rollback-graduation';
import { defineRoute, fileResult, type AnyRoute } from '../route';
import { AuditQuery, CampaignParam, CampaignSchoolParam, GraduationBody, LookUpQuery, LookUpResponse } from '../../../contract/api';

/** Look-ups whose per-number limit the HTTP layer counted (with the address limits, one statement). */
const countedLookUps = new WeakMap<Request, LookUpPlan>();

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SignedLinkQuery = z.object({
  campaign: z.uuid(),
  school: z.uuid(),
  user: z.uuid(),
  expires: z.coerce.number().int().positive(),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

const GraduationSummary = z.object({
  students: z.number().int(),
  graduated: z.number().int(),
  completed: z.number().int(),
  operatedAt: z.iso.datetime(),
});

export const operationRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/api/campaigns/:id/graduation',
    tag: 'graduation',
    summary: '毕业操作（湖北）：按模板包规则给出 毕业/结业；省厅须指定 schoolId',
    auth: ['CLERK', 'PROVINCE_ADMIN'],
    params: CampaignParam,
    body: GraduationBody,
    response: GraduationSummary,
    errors: ['graduation-already-operated', 'submission-has-errors', 'invalid-transition', 'campaign-locked'],
    handler: ({ db, actor, params, body }) => operateGraduation(db, { actor, campaignId: params.id, schoolId: body?.schoolId }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/campaigns/:id/graduation/rollback',
    tag: 'graduation',
    summary: '回退毕业操作（六个月内；超过则 rollback-expired）',
    auth: ['CLERK', 'PROVINCE_ADMIN'],
    params: CampaignParam,
    body: GraduationBody,
    response: z.object({ rolledBack: z.number().int(), operatedAt: z.iso.datetime(), rolledBackAt: z.iso.datetime() }),
    errors: ['rollback-expired', 'graduation-not-operated'],
    handler: ({ db, actor, params, body }) => rollbackGraduation(db, { actor, campaignId: params.id, schoolId: body?.schoolId }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/public/certificates',
    tag: 'public',
    summary: '证书查询（公开，按地址和按编号限流）：姓名+证书编号，或姓名+国家学籍号；只回答真伪及核对所需的最少信息',
    auth: 'public',
    query: LookUpQuery,
    response: LookUpResponse,
    rateLimit: 'lookUp',
    rateLimitAlso: async ({ req, db, query, config }) => {
      const plan = await planLookUp(db, { query, perNumber: config.rateLimits.lookUpPerNumber });
      countedLookUps.set(req, plan);
      return plan.limit;
    },
    handler: ({ req, db, query, config }) =>
      lookUpCertificate(db, { query, perNumber: config.rateLimits.lookUpPerNumber, counted: countedLookUps.get(req) }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/audit',
    tag: 'audit',
    summary: '操作日志（省厅）：谁、何时、做了什么、修改前后',
    auth: ['PROVINCE_ADMIN'],
    query: AuditQuery,
    handler: ({ db, actor, query }) => listAuditLog(db, { actor, filter: query }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/campaigns/:id/schools/:schoolId/audit-sheet.xlsx',
    tag: 'export',
    summary: '导出学校的附件3 毕业证书验印审核表（含已分配的起止号）',
    auth: ['CLERK', 'CITY_REVIEWER', 'PROVINCE_ADMIN'],
    params: CampaignSchoolParam,
    produces: XLSX,
    handler: async ({ db, actor, params }) => {
      const r = await exportAuditSheet(db, { actor, campaignId: params.id, schoolId: params.schoolId });
      return fileResult(XLSX, r.filename, r.bytes);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/campaigns/:id/schools/:schoolId/audit-sheet/link',
    tag: 'export',
    summary: '附件3 审核表的短时下载链接（5 分钟内有效，仅限本人、本校；任务窗格用浏览器打开，无需登录凭据）',
    auth: ['CLERK', 'CITY_REVIEWER', 'PROVINCE_ADMIN'],
    params: CampaignSchoolParam,
    response: z.object({ url: z.string(), expiresAt: z.iso.datetime() }),
    handler: ({ db, actor, params }) => signAuditSheetLink(db, { actor, campaignId: params.id, schoolId: params.schoolId }),
  }),
  defineRoute({
    method: 'get',
    path: SIGNED_AUDIT_SHEET_PATH,
    tag: 'export',
    summary: '按短时签名链接下载附件3 审核表（不需要会话；过期、被修改或用户已无权限时拒绝）',
    auth: 'public',
    query: SignedLinkQuery,
    produces: XLSX,
    errors: ['signed-link-invalid', 'signed-link-expired'],
    handler: async ({ db, query }) => {
      const r = await openSignedAuditSheet(db, { query });
      return fileResult(XLSX, r.filename, r.bytes);
    },
  }),
];
