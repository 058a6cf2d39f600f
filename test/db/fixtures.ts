/**
 * Minimal data for the certificate tests: a province with a city and schools, one account per role, an
 * OPEN gx-zz-2022 campaign with its series, and a submission (version + students) per school.
 * Identity numbers here are synthetic; only their uniqueness matters to these tests.
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../server/db/client';
import type { Actor } from '../../server/use-cases/context';

export interface World {
  provinceId: string;
  cityId: string;
  schoolIds: string[];
  campaignId: string;
  seriesId: string;
  province: Actor;
  city: Actor;
  clerks: Actor[];
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${randomUUID().slice(0, 8)}`;

export async function createWorld(db: PrismaClient, options: { schools?: number; maxSerial?: number; serialWidth?: number } = {}): Promise<World> {
  const province = await db.organization.create({ data: { kind: 'PROVINCE', code: unique('450000'), name: '广西壮族自治区教育厅' } });
  const city = await db.organization.create({ data: { kind: 'CITY', code: unique('450100'), name: '南宁市教育局', parentId: province.id } });
  const schools = [];
  for (let i = 0; i < (options.schools ?? 2); i++) {
    schools.push(await db.organization.create({ data: { kind: 'SCHOOL', code: unique('school'), name: `南宁第${i + 1}职业学校`, parentId: city.id } }));
  }
  const user = async (orgId: string, role: Actor['role']): Promise<Actor> => {
    const u = await db.user.create({ data: { orgId, role, username: unique(role.toLowerCase()), passwordHash: 'x' } });
    return { userId: u.id, role, orgId };
  };
  const campaign = await db.campaign.create({
    data: { ownerOrgId: province.id, packId: 'gx-zz-2022', year: 2022, name: unique('2022年广西中职毕业证书验印'), status: 'OPEN' },
  });
  const width = options.serialWidth ?? 6;
  const series = await db.certificateSeries.create({
    data: { campaignId: campaign.id, prefix: '桂教中专毕字（2022）', serialWidth: width, maxSerial: options.maxSerial ?? 10 ** width - 1 },
  });
  const clerks = [];
  for (const s of schools) clerks.push(await user(s.id, 'CLERK'));
  return {
    provinceId: province.id,
    cityId: city.id,
    schoolIds: schools.map((s) => s.id),
    campaignId: campaign.id,
    seriesId: series.id,
    province: await user(province.id, 'PROVINCE_ADMIN'),
    city: await user(city.id, 'CITY_REVIEWER'),
    clerks,
  };
}

let idCounter = 0;
/** A distinct synthetic 18-character ID number (not checksum-valid: these tests do not validate IDs). */
export function fakeId(): string {
  idCounter++;
  return `450103${String(process.pid % 10_000).padStart(4, '0')}${String(idCounter).padStart(7, '0')}X`;
}

export interface StudentSpec {
  major: string;
  sheet?: string;
  rowNumber: number;
  graduate?: boolean;
  name?: string;
  idNumber?: string;
}

/** A submission for the school with one version holding these students; returns ids. */
export async function submitStudents(
  db: PrismaClient,
  world: World,
  schoolIndex: number,
  students: StudentSpec[],
  status: 'DRAFT' | 'PROVINCE_APPROVED' = 'PROVINCE_APPROVED',
) {
  const schoolId = world.schoolIds[schoolIndex] ?? '';
  const clerk = world.clerks[schoolIndex];
  if (!clerk) throw new Error('no such school');
  const existing = await db.submission.findUnique({ where: { campaignId_schoolId: { campaignId: world.campaignId, schoolId } } });
  const submission = existing ?? (await db.submission.create({ data: { campaignId: world.campaignId, schoolId, status } }));
  const number = (await db.submissionVersion.count({ where: { submissionId: submission.id } })) + 1;
  const version = await db.submissionVersion.create({
    data: { submissionId: submission.id, number, createdById: clerk.userId, contentHash: 'h', rowCount: students.length, valid: true, report: {} },
  });
  await db.student.createMany({
    data: students.map((st, i) => ({
      versionId: version.id,
      submissionId: submission.id,
      campaignId: world.campaignId,
      schoolId,
      sheet: st.sheet ?? `附件2-${st.major}`,
      rowNumber: st.rowNumber,
      name: st.name ?? `学生${i + 1}`,
      idNumber: st.idNumber ?? fakeId(),
      gender: i % 2 ? '女' : '男',
      major: st.major,
      graduate: st.graduate ?? true,
      fields: {},
    })),
  });
  await db.submission.update({ where: { id: submission.id }, data: { currentVersionId: version.id, status, version: { increment: 1 } } });
  const rows = await db.student.findMany({ where: { versionId: version.id }, orderBy: [{ sheet: 'asc' }, { rowNumber: 'asc' }] });
  return { submissionId: submission.id, versionId: version.id, students: rows };
}

/** The value, or a test failure naming what was missing (instead of a non-null assertion). */
export function req<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`missing ${what}`);
  return value;
}
