import { describe, expect, it } from 'vitest';
import type { CellValue, SheetGrid } from '../grid/cell';
import { hbPg2018 } from '../packs/hb-pg';
import { packs } from '../templates/registry';
import { ATT2_META, att2Row, filledSheet, makeId, workbook } from '../templates/testing';
import { validate } from '../validate';
import type { EngineOptions } from '../validate-engine';
import { createRuleRegistry } from '.';
import { cellName } from './cell-rules';

const TODAY = '2022-05-01';
const flat = (sheets: SheetGrid[], options: EngineOptions = {}) =>
  validate(workbook(...sheets), { today: TODAY, ...options }).issues.map((i) => [i.address, i.code]);
const att2 = (rows: Record<string, CellValue>[], meta: Record<string, CellValue> = ATT2_META, name?: string) =>
  filledSheet('att2', { meta, rows, ...(name ? { name } : {}) });
/** 附件2 data starts at row 11: A 序号 B 姓名 C 性别 D 身份证号码 E–H grades I 证书编号. */
const one = (overrides: Record<string, CellValue>) => flat([att2([att2Row(0), att2Row(1, overrides)])]);

describe('附件2 cell rules', () => {
  it('a clean sheet has no issue', () => {
    expect(flat([att2([att2Row(0), att2Row(1), att2Row(2), att2Row(12)])])).toEqual([]);
  });

  it('姓名: digits, latin, symbols, one character, misplaced dot; spaces fixed', () => {
    expect(one({ name: '张3' })).toEqual([['B12', 'name-format']]);
    expect(one({ name: 'Zhang' })).toEqual([['B12', 'name-format']]);
    expect(one({ name: '张*' })).toEqual([['B12', 'name-format']]);
    expect(one({ name: '张' })).toEqual([['B12', 'name-format']]);
    expect(one({ name: '·阿依' })).toEqual([['B12', 'name-format']]);
    expect(one({ name: '阿依古丽·买买提' })).toEqual([]);
    expect(one({ name: '阿依古丽•买买提' })).toEqual([['B12', 'name-dot']]);
    const r = validate(workbook(att2([att2Row(0), att2Row(1, { name: '王  芳' })])), { today: TODAY });
    expect(r.issues.map((i) => [i.address, i.code, i.fix])).toEqual([['B12', 'name-spaces', '王芳']]);
  });

  it('性别: only 男/女, safe fixes', () => {
    const r = validate(workbook(att2([att2Row(0, { gender: 'M' }), att2Row(1, { gender: '女性' }), att2Row(2, { gender: '未知' })])), { today: TODAY });
    expect(r.issues.map((i) => [i.address, i.code, i.fix])).toEqual([
      ['C11', 'gender-invalid', '男'],
      ['C12', 'gender-invalid', '女'],
      ['C13', 'gender-invalid', undefined],
    ]);
  });

  it('性别 agrees with the 17th digit of the ID', () => {
    expect(one({ gender: '男' })).toEqual([['C12', 'gender-id-mismatch']]);
  });

  it('ID findings come from core/id and are placed at the cell', () => {
    const id = att2Row(1).idNumber as string;
    const bad = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
    expect(one({ idNumber: bad })).toEqual([['D12', 'id-checksum']]);
    expect(one({ idNumber: null })).toEqual([['D12', 'id-empty']]);
    expect(one({ idNumber: 450102200401011000 })).toContainEqual(['D12', 'id-excel-number']);
  });

  it('grades: scores 0–100 and grade words; failing grades are row errors', () => {
    expect(one({ publicCourses: 59.5 })).toEqual([['E12', 'grade-failing']]);
    expect(one({ skillCourses: '不及格', conduct: '差', internship: '不合格' })).toEqual([
      ['F12', 'grade-failing'],
      ['G12', 'grade-failing'],
      ['H12', 'grade-failing'],
    ]);
    expect(one({ publicCourses: 101, skillCourses: '好', conduct: '85分' })).toEqual([
      ['E12', 'grade-invalid'],
      ['F12', 'grade-invalid'],
      ['G12', 'grade-invalid'],
    ]);
    expect(one({ publicCourses: '８５', skillCourses: '中等', conduct: '优', internship: '及 格' })).toEqual([]);
  });

  it('required cells of a non-blank row', () => {
    expect(one({ internship: null })).toEqual([['H12', 'required-missing']]);
  });

  it('序号 runs 1..n with the expected number as fix', () => {
    const s = att2([att2Row(0), att2Row(1), att2Row(2)]);
    (s.rows[11] as { value: CellValue }[])[0] = { value: 5 };
    (s.rows[12] as { value: CellValue }[])[0] = { value: '３' };
    const r = validate(workbook(s), { today: TODAY });
    expect(r.issues.map((i) => [i.address, i.code, i.fix])).toEqual([
      ['A12', 'serial-sequence', 2],
      ['A13', 'serial-sequence', 3],
    ]);
  });

  it('meta lines: required and typed; 入学时间 + 学制 reaches 2022', () => {
    expect(flat([att2([att2Row(0)], { ...ATT2_META, major: '' })])).toEqual([['A4', 'meta-missing']]);
    expect(flat([att2([att2Row(0)], { ...ATT2_META, schoolLength: '三年半', teachingForm: '业余' })])).toEqual([
      ['A6', 'enum-invalid'],
      ['A7', 'school-length-invalid'],
    ]);
    expect(flat([att2([att2Row(0)], { ...ATT2_META, enrollmentDate: '2020年9月' })])).toEqual([['A8', 'enrollment-too-late']]);
    expect(flat([att2([att2Row(0)], { ...ATT2_META, enrollmentDate: '2019-09', schoolLength: 3 })])).toEqual([]);
  });

  it('证书编号: format, allocated ranges, order, duplicates, missing', () => {
    const rows = [0, 1, 2, 3, 4].map((i) => att2Row(i));
    const certs = ['2022000101', '2022000102', '2022000999', '2022000103', '2022000103'];
    rows.forEach((r, i) => (r.certificateNumber = certs[i] ?? null));
    const allocatedRanges = [{ major: null, start: '2022000101', end: '2022000150' }];
    expect(flat([att2(rows)], { allocatedRanges })).toEqual([
      ['I13', 'cert-out-of-range'],
      ['I14', 'cert-order'],
      ['I14', 'cert-duplicate'],
      ['I15', 'cert-order'],
      ['I15', 'cert-duplicate'],
    ]);
    const fine = [0, 1, 2].map((i) => att2Row(i, { certificateNumber: `桂教中专毕字（2022）20220001${10 + i}` }));
    expect(flat([att2(fine)], { allocatedRanges })).toEqual([]);
    const gaps = [att2Row(0, { certificateNumber: '2022000101' }), att2Row(1), att2Row(2, { certificateNumber: 'A-1' })];
    expect(flat([att2(gaps)])).toEqual([
      ['I12', 'cert-missing'],
      ['I13', 'cert-format'],
    ]);
  });

  it('duplicate IDs across all 附件2 sheets point at the other occurrence', () => {
    const dup = att2Row(3);
    const a = att2([att2Row(0), dup], ATT2_META, '计算机');
    const b = att2([att2Row(5), { ...dup, name: '王五' }], { ...ATT2_META, major: '护理' }, '护理');
    const r = validate(workbook(a, b), { today: TODAY });
    expect(r.issues.map((i) => [i.sheet, i.address, i.code, i.params.otherSheet, i.params.otherAddress])).toEqual([
      ['计算机', 'D12', 'id-duplicate', '护理', 'D12'],
      ['护理', 'D12', 'id-duplicate', '计算机', 'D12'],
    ]);
  });
});

describe('附件1, 附件3, 附件5 cell rules', () => {
  it('附件1: positive integer totals and a mobile number', () => {
    const ok = { schoolName: '南宁一职校', graduateTotal: 120, contact: '李老师 138 1234 5678', address: '南宁市' };
    const s = filledSheet('att1', { meta: { bureau: '南宁', contact: '李老师 0771—5815347' }, rows: [ok, { ...ok, schoolName: '二职校', graduateTotal: '0', contact: '0771-5815347' }] });
    // header row 6, data from 7
    expect(flat([s])).toEqual([
      ['B8', 'integer-invalid'],
      ['C8', 'mobile-invalid'],
    ]);
  });

  it('附件3: dates, 学制, enum, ranges', () => {
    const s = filledSheet('att3', {
      meta: { schoolName: '南宁一职校' },
      rows: [
        { graduateTotal: 5, major: '护理', enrollmentDate: '2019年13月', schoolLength: '三年', teachingForm: '全日制', graduates: 2, certificateRange: '2022000101-2022000102' },
        { major: '会计', enrollmentDate: '2019-09', schoolLength: 'x', teachingForm: '走读', graduates: 3, certificateRange: '2022000103至105' },
        { major: '汽修', enrollmentDate: '2020-09', schoolLength: '3', teachingForm: '全日制', graduates: 'abc', certificateRange: '101号到' },
      ],
    });
    expect(flat([s])).toEqual([
      ['C7', 'date-invalid'],
      ['D8', 'school-length-invalid'],
      ['E8', 'enum-invalid'],
      ['C9', 'enrollment-too-late'],
      ['F9', 'integer-invalid'],
      ['G9', 'range-format'],
    ]);
  });

  it('附件3: Σ 毕业人数 = 毕业生总数, range sizes, overlaps', () => {
    const s = filledSheet('att3', {
      meta: { schoolName: '南宁一职校' },
      rows: [
        { graduateTotal: 6, major: '护理', enrollmentDate: '2019-09', schoolLength: 3, teachingForm: '全日制', graduates: 2, certificateRange: '2022000101-2022000103' },
        { major: '会计', enrollmentDate: '2019-09', schoolLength: 3, teachingForm: '全日制', graduates: 3, certificateRange: '2022000103～2022000105' },
      ],
    });
    expect(flat([s])).toEqual([
      ['A7', 'total-mismatch'],
      ['G7', 'range-size'],
      ['G8', 'range-overlap'],
    ]);
  });

  it('附件5: one source school per sheet, phone and gender', () => {
    const row = (i: number, school: string) => ({ ...att2Row(i), collegeGradeMajor: '2021级护理', sourceSchool: school, contact: '13800001111' });
    const s = filledSheet('att5', {
      meta: { college: '广西卫生职院' },
      rows: [row(0, '南宁一职校'), row(1, '南宁一职校'), { ...row(2, '柳州二职校'), contact: '12345' }],
    });
    expect(flat([s])).toEqual([
      ['F7', 'source-school-mixed'],
      ['G7', 'phone-invalid'],
    ]);
  });
});

describe('Hubei 毕业校验表', () => {
  const hb = (rows: Record<string, CellValue>[], meta: Record<string, CellValue> = { schoolName: '武汉一中' }) =>
    filledSheet('check', { meta, rows }, hbPg2018);
  const student = (overrides: Record<string, CellValue> = {}) => {
    const id = makeId('20000315', 101, '420102');
    return {
      name: '李明',
      gender: '男',
      ethnicity: '汉族',
      nativePlace: '湖北武汉',
      birthDate: '2000-03-15',
      idNumber: id,
      studentNumber: `G${id}`,
      credits: 150,
      moral: '合格',
      fitness: '达标',
      conclusion: '毕业',
      ...overrides,
    };
  };
  // header row 6 (附件, title, 3 meta lines), data from 7: A 序号 B 姓名 C 性别 D 民族 E 籍贯 F 出生日期 G 身份证号 H 学籍号 I 学分 J 思想品德 K 体质健康 L 结论
  const check = (rows: Record<string, CellValue>[], meta?: Record<string, CellValue>, options: EngineOptions = {}) =>
    validate(workbook(hb(rows, meta)), { today: '2018-05-01', ...options }).issues.map((i) => [i.address, i.code, i.fix]);

  it('a clean row', () => {
    expect(check([student()])).toEqual([]);
  });

  it('basic fields agree with the ID; 民族 is one of the 56', () => {
    expect(check([student({ birthDate: '2000-03-16', gender: '女', ethnicity: '汉' })])).toEqual([
      ['C7', 'gender-id-mismatch', undefined],
      ['D7', 'ethnicity-invalid', '汉族'],
      ['F7', 'birth-date-mismatch', undefined],
    ]);
    expect(check([student({ ethnicity: '火星族' })])).toEqual([['D7', 'ethnicity-invalid', undefined]]);
  });

  it('学籍号 via checkStudentNumber: G + another ID is a warning', () => {
    const r = validate(workbook(hb([student({ studentNumber: `G${makeId('20000316', 101, '420102')}` })])), { today: '2018-05-01' });
    expect(r.issues.map((i) => [i.address, i.code, i.severity])).toEqual([['H7', 'xjh-id-mismatch', 'warning']]);
  });

  it('结论 = 毕业 iff 学分 ≥ 144, 思想品德 合格, 体质健康 达标', () => {
    expect(check([student({ credits: 143 }), student({ moral: '不合格', idNumber: makeId('20000315', 103, '420102'), studentNumber: null })]).filter((x) => x[1] !== 'xjh-empty')).toEqual([
      ['L7', 'conclusion-mismatch', '结业'],
      ['L8', 'conclusion-mismatch', '结业'],
    ]);
    expect(check([student({ fitness: '不及格', conclusion: '结业' })])).toEqual([]);
    expect(check([student({ credits: 100, conclusion: '结业' })])).toEqual([]);
    expect(check([student({ credits: 'x' })])).toEqual([['I7', 'credits-invalid', undefined]]);
  });

  it('pilot areas check credits and fitness only (option or meta line)', () => {
    const row = student({ moral: '不合格', conclusion: '毕业' });
    expect(check([row])).toEqual([['L7', 'conclusion-mismatch', '结业']]);
    expect(check([row], undefined, { packOptions: { pilot: true } })).toEqual([]);
    expect(check([row], { schoolName: '武汉一中', evaluationSystem: '新版（试点）' })).toEqual([]);
  });
});

describe('registry', () => {
  it('registering a rule id twice throws', () => {
    expect(() => createRuleRegistry([cellName])).toThrow(/already registered/);
  });

  it('every rule a pack names exists', () => {
    const registry = createRuleRegistry();
    const exists = (pack: typeof hbPg2018, id: string): boolean => registry.has(id) || (pack.rules ?? []).some((r) => r.id === id);
    for (const pack of packs) for (const k of pack.sheetKinds) for (const id of [...k.rules, ...pack.workbookRules]) expect([id, exists(pack, id)]).toEqual([id, true]);
  });
});
