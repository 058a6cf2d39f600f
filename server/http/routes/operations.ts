import { z } from 'zod';
import { exportAuditSheet } from '../../use-cases/export-audit-sheet';
import { listAuditLog } from '../../use-cases/list-audit-log';
import { lookUpCertificate } from '../../use-cases/look-up-certificate';
import { operateGraduation } from '../../use-cases/operate-graduation';
import { rollbackGraduation } from '../../use-cases/rollback-graduation';
import { defineRoute, fileResult, type AnyRoute } from '../route';
import { AuditQuery, CampaignParam, CampaignSchoolParam, GraduationBody, LookUpQuery, LookUpResponse } from '../../../contract/api';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
    handler: ({ db, query, config }) => lookUpCertificate(db, { query, perNumber: config.rateLimits.lookUpPerNumber }),
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
];
