/**
 * Demo data for a first start on an EMPTY embedded database (never in production; see
 * config.demoSeedAllowed): 广西 province with two cities, schools (one 区直), a college, the gx-zz-2022
 * campaign with its certificate series, a 湖北 province with the hb-pg-2018 campaign, and one account per
 * role. Passwords are generated per install unless given (tests pass fixed ones).
 */
import { hashPassword } from '../auth/password';
import { generateOneTimePassword } from './admin-support';
import type { DbOrTx, Role } from './context';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  orgName: string;
}

export interface DemoSeed {
  accounts: DemoAccount[];
  orgs: Record<string, string>;
  campaigns: { gx: string; hb: string };
  seriesId: string;
}

const DAY = 86_400_000;

/** True when the database holds no organisation and no user (a fresh install). */
export async function isDatabaseEmpty(db: DbOrTx): Promise<boolean> {
  const [orgs, users] = await Promise.all([db.organization.count(), db.user.count()]);
  return orgs === 0 && users === 0;
}

export interface SeedDemoOptions {
  /** One password for every account (tests); omitted = a generated one per account. */
  password?: string;
  now?: Date;
}

export async function seedDemo(db: DbOrTx, { password, now = new Date() }: SeedDemoOptions = {}): Promise<DemoSeed> {
  const org = async (key: string, kind: 'PROVINCE' | 'CITY' | 'SCHOOL' | 'COLLEGE', code: string, name: string, parentId: string | null) =>
    [key, (await db.organization.create({ data: { kind, code, name, parentId } })).id] as const;

  const orgs: Record<string, string> = {};
  const put = (e: readonly [string, string]) => {
    orgs[e[0]] = e[1];
    return e[1];
  };
  const gx = put(await org('gx', 'PROVINCE', '450000', '广西壮族自治区教育厅', null));
  const nn = put(await org('nanning', 'CITY', '450100', '南宁市教育局', gx));
  const lz = put(await org('liuzhou', 'CITY', '450200', '柳州市教育局', gx));
  put(await org('nnSchool1', 'SCHOOL', '4145010001', '南宁市第一职业技术学校', nn));
  put(await org('nnSchool2', 'SCHOOL', '4145010002', '南宁市第四职业技术学校', nn));
  put(await org('lzSchool1', 'SCHOOL', '4145020001', '柳州市第一职业技术学校', lz));
  put(await org('gxDirect', 'SCHOOL', '4145000001', '广西物资学校', gx));
  put(await org('gxCollege', 'COLLEGE', '4145000101', '广西职业技术学院', gx));
  const hb = put(await org('hb', 'PROVINCE', '420000', '湖北省教育厅', null));
  const wh = put(await org('wuhan', 'CITY', '420100', '武汉市教育局', hb));
  put(await org('whSchool1', 'SCHOOL', '4142010001', '武汉市第一中学', wh));

  const people: { username: string; role: Role; org: string; displayName: string }[] = [
    { username: 'gx-admin', role: 'PROVINCE_ADMIN', org: 'gx', displayName: '自治区教育厅 验印管理员' },
    { username: 'nn-reviewer', role: 'CITY_REVIEWER', org: 'nanning', displayName: '南宁市教育局 职成科' },
    { username: 'lz-reviewer', role: 'CITY_REVIEWER', org: 'liuzhou', displayName: '柳州市教育局 职成科' },
    { username: 'nn1-clerk', role: 'CLERK', org: 'nnSchool1', displayName: '南宁一职 经办人' },
    { username: 'nn4-clerk', role: 'CLERK', org: 'nnSchool2', displayName: '南宁四职 经办人' },
    { username: 'lz1-clerk', role: 'CLERK', org: 'lzSchool1', displayName: '柳州一职 经办人' },
    { username: 'wz-clerk', role: 'CLERK', org: 'gxDirect', displayName: '广西物资学校 经办人' },
    { username: 'college-clerk', role: 'COLLEGE_CLERK', org: 'gxCollege', displayName: '广西职业技术学院 招生办' },
    { username: 'hb-admin', role: 'PROVINCE_ADMIN', org: 'hb', displayName: '湖北省教育厅 基教处' },
    { username: 'wh-reviewer', role: 'CITY_REVIEWER', org: 'wuhan', displayName: '武汉市教育局' },
    { username: 'wh1-clerk', role: 'CLERK', org: 'whSchool1', displayName: '武汉一中 经办人' },
  ];
  const orgNames = new Map((await db.organization.findMany({ select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  const accounts: DemoAccount[] = [];
  for (const p of people) {
    const pw = password ?? generateOneTimePassword();
    const orgId = orgs[p.org] as string;
    await db.user.create({
      data: { username: p.username, role: p.role, orgId, displayName: p.displayName, passwordHash: await hashPassword(pw) },
    });
    accounts.push({ username: p.username, password: pw, role: p.role, orgName: orgNames.get(orgId) ?? '' });
  }

  // Deadlines and locks lie ahead of the install date so the demo can be used; the notice's own dates
  // (回执 2022-04-22) are kept where they are informational.
  const gxCampaign = await db.campaign.create({
    data: {
      ownerOrgId: gx,
      packId: 'gx-zz-2022',
      year: 2022,
      name: '2022年广西中等职业学校毕业证书验印',
      status: 'OPEN',
      receiptDue: new Date('2022-04-22T16:00:00Z'),
      // The demo replays an old year's notice today: a deadline from 2022 would close it (submissionDue is
      // enforced) and one from today would contradict the notice, so it has none; the lock below ends it.
      submissionDue: null,
      locks: { create: [{ lockAt: new Date(now.getTime() + 90 * DAY), label: '验印数据锁定', scope: 'submission' }] },
    },
  });
  const series = await db.certificateSeries.create({
    data: { campaignId: gxCampaign.id, scope: 'CAMPAIGN', prefix: '桂教中专毕字（2022）', serialWidth: 6, nextSerial: 1, maxSerial: 999_999 },
  });
  const hbCampaign = await db.campaign.create({
    data: {
      ownerOrgId: hb,
      packId: 'hb-pg-2018',
      year: 2018,
      name: '2018届湖北省普通高中毕业生毕业资格审核',
      status: 'OPEN',
      submissionDue: null,
      rollbackMonths: 6,
      locks: {
        create: [
          { lockAt: new Date(now.getTime() + 45 * DAY), label: '第一次档案锁定', scope: 'submission' },
          { lockAt: new Date(now.getTime() + 58 * DAY), label: '第二次档案锁定', scope: 'graduation' },
        ],
      },
    },
  });
  await db.auditLog.create({
    data: { action: 'demo.seed', entity: 'system', entityId: 'demo', after: { organisations: Object.keys(orgs).length, users: accounts.length } },
  });
  return { accounts, orgs, campaigns: { gx: gxCampaign.id, hb: hbCampaign.id }, seriesId: series.id };
}

/** The lines server/main.ts prints (and saves) after seeding. */
export function describeDemo(seed: DemoSeed, signInUrl: string): string {
  const w = Math.max(...seed.accounts.map((a) => a.username.length));
  return [
    '演示数据已创建 / demo data created',
    // Sign-in lives in the Excel task pane (or the API); the site root is the public look-up, which has none.
    `登录 / sign in: 在 Excel 中加载清单 ${signInUrl}manifest.xml，打开“验印”任务窗格登录（README“Sideloading, step by step”）`,
    `  / in Excel: sideload ${signInUrl}manifest.xml and sign in in the Yanyin task pane; or POST ${signInUrl}api/auth/sign-in`,
    `证书查询（无需登录）/ public look-up (no sign-in): ${signInUrl}lookup/`,
    ...seed.accounts.map((a) => `  ${a.username.padEnd(w)}  ${a.password}  ${a.role.padEnd(14)} ${a.orgName}`),
  ].join('\n');
}
