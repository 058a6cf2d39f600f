/**
 * The bureau console's routes (issue #9): set-up by the province (organisations and accounts, campaigns
 * and their dates, reopening one school), and progress and numbers for the province and the cities.
 */
import { z } from 'zod';
import { AppError } from '../../errors';
import { addAccount } from '../../use-cases/add-account';
import { addOrganisation } from '../../use-cases/add-organisation';
import { parseDueDate } from '../../use-cases/admin-support';
import { campaignPackChoices } from '../../use-cases/campaign-pack';
import { createCampaign } from '../../use-cases/create-campaign';
import { exportProgressSheet } from '../../use-cases/export-progress-sheet';
import { getCampaignProgress } from '../../use-cases/get-campaign-progress';
import { importOrganisations } from '../../use-cases/import-organisations';
import { listCampaignNumbers } from '../../use-cases/list-campaign-numbers';
import { listOrganisations } from '../../use-cases/list-organisations';
import { reopenSchool } from '../../use-cases/reopen-school';
import { resetPassword } from '../../use-cases/reset-password';
import { setAccountDisabled } from '../../use-cases/set-account-disabled';
import { updateCampaignDates } from '../../use-cases/update-campaign-dates';
import { readOrgSheet, writeOrgTemplate } from '../../xlsx/org-sheet';
import { WorkbookReadError } from '../../xlsx/read-error';
import { defineRoute, fileResult, statusResult, type AnyRoute } from '../route';
import { CampaignParam, CampaignSchoolParam, Id, IdParam } from '../../../contract/api';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PROVINCE = ['PROVINCE_ADMIN'] as const;
const BUREAUS = ['PROVINCE_ADMIN', 'CITY_REVIEWER'] as const;

/** `2023-04-22` (end of that day, Beijing) or an ISO date-time. */
const DueDate = z
  .string()
  .max(40)
  .transform((t, ctx) => {
    const d = parseDueDate(t);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `日期“${t}”无法识别，请写成 2023-04-22` });
      return z.NEVER;
    }
    return d;
  })
  .meta({ description: 'YYYY-MM-DD (end of that day, Beijing time) or an ISO date-time' });

const Counts = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
const NewAccount = z.object({ username: z.string(), password: z.string(), role: z.string(), organisation: z.string() });

export const consoleRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/admin/organisations',
    tag: 'console',
    summary: '本省的市教育局、学校、高职院校及其账号',
    auth: PROVINCE,
    handler: ({ db, actor }) => listOrganisations(db, { actor }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/organisations/template.xlsx',
    tag: 'console',
    summary: '单位与账号导入模板',
    auth: PROVINCE,
    produces: XLSX,
    handler: async ({ db, actor }) => {
      const province = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId } });
      return fileResult(XLSX, '单位与账号导入模板.xlsx', await writeOrgTemplate(province.name));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/organisations/import',
    tag: 'console',
    summary: '上传单位与账号导入表（.xlsx，base64）：有错误时逐格列出且不导入（422）；重复导入不做更改；新账号附一次性密码',
    auth: PROVINCE,
    body: z.object({ file: z.base64().max(20_000_000), filename: z.string().max(200).optional() }),
    response: z.object({ organisations: Counts, accounts: Counts, newAccounts: z.array(NewAccount) }),
    errors: ['organisation-import-invalid'],
    handler: async ({ db, actor, body }) => {
      let sheet;
      try {
        sheet = await readOrgSheet(Buffer.from(body.file, 'base64'), body.filename ?? '上传的文件');
      } catch (e) {
        if (e instanceof WorkbookReadError) throw new AppError('invalid-input', { detail: e.messageZh, field: 'body.file' });
        throw e;
      }
      const r = await importOrganisations(db, { provinceId: actor.orgId, sheet, actor });
      if (!r.ok) {
        const error = new AppError('organisation-import-invalid', { errors: r.issues.length });
        return statusResult(422, { ...error.toBody(), issues: r.issues });
      }
      return { organisations: r.organisations, accounts: r.accounts, newAccounts: r.newAccounts };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/organisations',
    tag: 'console',
    summary: '新增一个单位（市教育局、学校、高职院校）',
    auth: PROVINCE,
    body: z.object({
      kind: z.enum(['CITY', 'SCHOOL', 'COLLEGE']),
      name: z.string().trim().min(1).max(100),
      parentId: Id.optional(),
      code: z.string().trim().max(20).optional(),
    }),
    errors: ['conflict'],
    handler: ({ db, actor, body }) => addOrganisation(db, { actor, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/accounts',
    tag: 'console',
    summary: '为本省某单位新增账号（返回一次性密码，首次登录须修改）',
    auth: PROVINCE,
    body: z.object({ orgId: Id, username: z.string().trim().min(1).max(64), displayName: z.string().trim().max(50).optional(), phone: z.string().trim().max(20).optional() }),
    errors: ['username-taken'],
    handler: ({ db, actor, body }) => addAccount(db, { actor, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/accounts/:id/disable',
    tag: 'console',
    summary: '停用或重新启用账号（停用时其登录会话作废）',
    auth: PROVINCE,
    params: IdParam,
    body: z.object({ disabled: z.boolean() }),
    handler: ({ db, actor, params, body }) => setAccountDisabled(db, { actor, userId: params.id, disabled: body.disabled }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/accounts/:id/reset-password',
    tag: 'console',
    summary: '重置账号密码（返回一次性密码）',
    auth: PROVINCE,
    params: IdParam,
    handler: async ({ db, actor, params }) => {
      const user = await db.user.findUnique({ where: { id: params.id }, select: { username: true } });
      if (!user) throw new AppError('not-found', { what: '账号' });
      return resetPassword(db, { username: user.username, actor });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/packs',
    tag: 'console',
    summary: '可用于开启工作批次的模板包',
    auth: PROVINCE,
    handler: () => Promise.resolve({ items: campaignPackChoices() }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/campaigns',
    tag: 'console',
    summary: '按模板包和年份开启工作批次（证书编号序列取自模板包）；已存在时不做更改',
    auth: PROVINCE,
    body: z.object({
      packId: z.string().trim().min(1).max(40),
      year: z.number().int().min(2000).max(2100),
      receiptDue: DueDate.optional(),
      submissionDue: DueDate.optional(),
      lockAt: DueDate.optional(),
    }),
    errors: ['pack-unknown'],
    handler: async ({ db, actor, body }) => {
      const r = await createCampaign(db, {
        ownerOrgId: actor.orgId,
        packId: body.packId,
        year: body.year,
        receiptDue: body.receiptDue ?? null,
        submissionDue: body.submissionDue ?? null,
        lockAt: body.lockAt ?? null,
        actor,
      });
      return statusResult(r.created ? 201 : 200, {
        created: r.created,
        campaign: { id: r.campaign.id, name: r.campaign.name, packId: r.campaign.packId, year: r.campaign.year },
        series: r.series ? { prefix: r.series.prefix, serialWidth: r.series.serialWidth } : null,
      });
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/admin/campaigns/:id/dates',
    tag: 'console',
    summary: '修改工作批次的回执截止、报送截止和数据锁定日期（null 清除）',
    auth: PROVINCE,
    params: CampaignParam,
    body: z.object({ receiptDue: DueDate.nullable().optional(), submissionDue: DueDate.nullable().optional(), lockAt: DueDate.nullable().optional() }),
    handler: ({ db, actor, params, body }) => updateCampaignDates(db, { actor, campaignId: params.id, dates: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/campaigns/:id/schools/:schoolId/reopen',
    tag: 'console',
    summary: '报送截止后为一所学校重新开放上报，至指定日期',
    auth: PROVINCE,
    params: CampaignSchoolParam,
    body: z.object({ until: DueDate }),
    handler: ({ db, actor, params, body }) => reopenSchool(db, { actor, campaignId: params.id, schoolId: params.schoolId, until: body.until }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/campaigns/:id/progress',
    tag: 'console',
    summary: '工作进度：每所学校的回执、状态、错误与警告、编号申领与分配、截止日期与逾期；按市、按状态、按日期汇总',
    auth: BUREAUS,
    params: CampaignParam,
    handler: ({ db, actor, params }) => getCampaignProgress(db, { actor, campaignId: params.id }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/campaigns/:id/progress.xlsx',
    tag: 'console',
    summary: '导出进度表（.xlsx）：全部、未上报或逾期的学校，可按市筛选',
    auth: BUREAUS,
    params: CampaignParam,
    query: z.object({ only: z.enum(['all', 'not-submitted', 'overdue']).default('all'), cityId: z.union([Id, z.literal('')]).optional() }),
    produces: XLSX,
    handler: async ({ db, actor, params, query }) => {
      const r = await exportProgressSheet(db, { actor, campaignId: params.id, only: query.only, ...(query.cityId !== undefined ? { cityId: query.cityId } : {}) });
      return fileResult(XLSX, r.filename, r.bytes);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/campaigns/:id/numbers',
    tag: 'console',
    summary: '证书编号：申领、各校各专业的起止号、作废编号与证明书',
    auth: BUREAUS,
    params: CampaignParam,
    handler: ({ db, actor, params }) => listCampaignNumbers(db, { actor, campaignId: params.id }),
  }),
];
