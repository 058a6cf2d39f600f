/** Relations checked both ways (issue #15), campaign year, counts typed as text. */
import { describe, expect, it } from 'vitest';
import type { CellValue, SheetGrid } from '../grid/cell';
import { ATT2_META, att2Row, filledSheet, makeId, workbook } from '../templates/testing';
import { validate } from '../validate';

const TODAY = '2022-05-01';
const SCHOOL = ATT2_META.schoolName;
const att2 = (name: string, major: string, rows: Record<string, CellValue>[], meta: Record<string, CellValue> = {}) =>
  filledSheet('att2', { name, meta: { ...ATT2_META, major, ...meta }, rows });
const att4 = (rows: Record<string, CellValue>[]) => filledSheet('att4', { name: '附件4', meta: { schoolName: SCHOOL }, rows });
const att5 = (rows: Record<string, CellValue>[]) =>
  filledSheet('att5', { name: '附件5', meta: { college: '广西职业技术学院', contact: '王老师 13812345678', filledOn: '2022-04-20' }, rows });
const issues = (...sheets: SheetGrid[]) =>
  validate(workbook(...sheets), { today: TODAY }).issues.map((i) => [i.sheet, i.address, i.code, i.severity]);

const cs = [att2Row(0), att2Row(1), att2Row(2)];
const change = (type: string, before: string, after: string, who: Record<string, CellValue>, extra: Record<string, CellValue> = {}) => ({
  name: who.name ?? null,
  idNumber: who.idNumber ?? null,
  major: '计算机应用',
  grade: '2019级',
  schoolLength: '3年',
  before,
  after,
  changeType: type,
  ...extra,
});
const outsider = { name: '覃海', idNumber: makeId('20040607', 211) };

describe('附件4 → 附件2', () => {
  it('a consistent pair has no issue', () => {
    expect(issues(att2('计算机', '计算机应用', cs), att4([change('转入', '柳州市职业学校', SCHOOL, cs[0] ?? {}), change('复学', '休学', '在校', cs[1] ?? {})]))).toEqual([]);
  });

  it('a 转入 or 复学 student due to graduate is on the list; one of a later cohort is not expected', () => {
    expect(
      issues(
        att2('计算机', '计算机应用', cs),
        att4([change('转入', '柳州市职业学校', SCHOOL, outsider), change('复学', '休学', '在校', { name: '韦小宝', idNumber: makeId('20050101', 301) }, { grade: '2020级' })]),
      ),
    ).toEqual([['附件4', 'B5', 'change-student-not-listed', 'warning']]);
  });

  it("a 学制变更 agrees with the 学制 of the student's list; the last row's 学制 and 专业名称 too (fix = the list's)", () => {
    const r = validate(
      workbook(
        att2('计算机', '计算机应用', cs),
        att4([change('学制变更', '3年', '4年', cs[0] ?? {}, { schoolLength: '4年', grade: '2018级' }), change('姓名', '王小芳', '王芳', cs[1] ?? {}, { major: '会计', schoolLength: '三年' })]),
      ),
      { today: TODAY },
    );
    expect(r.issues.map((i) => [i.address, i.code, i.severity, i.fix])).toEqual([
      ['G5', 'change-length-list-mismatch', 'error', undefined],
      ['C6', 'change-list-mismatch', 'warning', '计算机应用'],
    ]);
  });
});

describe('附件5 ↔ 附件2', () => {
  const row = (who: Record<string, CellValue>, extra: Record<string, CellValue> = {}) => ({
    name: who.name ?? null,
    gender: who.gender ?? '男',
    idNumber: who.idNumber ?? null,
    collegeGradeMajor: '2021级 软件技术',
    sourceSchool: SCHOOL,
    contact: '13812345678',
    ...extra,
  });

  it("students a college reports as this school's are on its list, under the same name", () => {
    expect(issues(att2('计算机', '计算机应用', cs), att5([row(cs[0] ?? {}), row(cs[1] ?? {})]))).toEqual([]);
    expect(
      issues(
        att2('计算机', '计算机应用', cs),
        att5([row(cs[0] ?? {}, { name: '张小伟' }), row({ ...outsider, gender: '男' }), row(cs[2] ?? {}, { sourceSchool: '柳州市职业学校' })]),
      ),
    ).toEqual([
      ['附件5', 'B5', 'college-name-mismatch', 'warning'],
      ['附件5', 'D6', 'college-student-not-listed', 'warning'],
      ['附件5', 'F7', 'source-school-mixed', 'warning'],
      ['附件5', 'F7', 'college-other-school', 'warning'],
    ]);
  });
});

describe('campaign year and counts typed as text', () => {
  it("flags another year in the title and the certificate sub-header (fix = this year's text), and a 填报日期 decades away", () => {
    const sheet = att2('计算机', '计算机应用', cs, { filledOn: '2002年5月6日' });
    const rows = sheet.rows.map((r) => r.map((c) => (c && typeof c.value === 'string' ? { ...c, value: c.value.replace('2022', '2021') } : c)));
    const r = validate(workbook({ ...sheet, rows }), { today: TODAY });
    const found = r.issues.map((i) => [i.code, i.severity, i.fix]);
    expect(found).toContainEqual(['year-mismatch', 'warning', '广西中等职业学校2022年毕业生资格审核（成绩与操行）与证书验印登记表']);
    expect(found).toContainEqual(['year-mismatch', 'warning', '桂教中专毕字（2022）']);
    expect(found).toContainEqual(['date-implausible', 'warning', undefined]);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('a total written with a unit is caught at the cell with the number as its fix', () => {
    const att1 = filledSheet('att1', {
      name: '附件1',
      meta: { bureau: '南宁' },
      rows: [{ schoolName: SCHOOL, graduateTotal: '79人', contact: '李老师 13812345678', address: '南宁市' }],
    });
    const r = validate(workbook(att1), { today: TODAY });
    expect(r.issues.map((i) => [i.address, i.code, i.severity, i.fix])).toEqual([['B7', 'number-as-text', 'warning', 79]]);
  });

  it('附件3 入学时间 typed as a real Excel date matches 附件2\'s 2019.09 (no false major-mismatch)', () => {
    const att3 = filledSheet('att3', {
      name: '附件3',
      meta: { schoolName: SCHOOL },
      rows: [{ graduateTotal: 3, major: '计算机应用', enrollmentDate: 43709, schoolLength: '三年', teachingForm: '全日制', graduates: 3 }],
    });
    expect(issues(att2('计算机', '计算机应用', cs, { enrollmentDate: '2019.09' }), att3)).toEqual([]);
  });

  it("a 证书编号 with last year's prefix says so, with the campaign year's prefix as the fix", () => {
    const r = validate(workbook(att2('计算机', '计算机应用', [att2Row(0, { certificateNumber: '桂教中专毕字（2021）2022000101' })])), { today: TODAY });
    expect(r.issues.map((i) => [i.address, i.code, i.fix])).toContainEqual(['I11', 'year-mismatch', '桂教中专毕字（2022）2022000101']);
  });
});
