import { describe, expect, it } from 'vitest';
import type { CellValue } from '../grid/cell';
import { ATT2_META, att2Row, filledSheet, makeId, workbook } from '../templates/testing';
import { issueMessage } from '../messages/render';
import { validate } from '../validate';

const TODAY = '2022-05-01';
const SCHOOL = '南宁市第一职业技术学校';

const att2 = (name: string, major: string, rows: Record<string, CellValue>[]) =>
  filledSheet('att2', { name, meta: { ...ATT2_META, major }, rows });
const att1 = (total: number) =>
  filledSheet('att1', {
    name: '附件1',
    meta: { bureau: '南宁' },
    rows: [{ schoolName: SCHOOL, graduateTotal: total, contact: '李老师 13812345678', address: '南宁市' }],
  });
const major = (m: string, graduates: number, range: string, extra: Record<string, CellValue> = {}) => ({
  major: m,
  enrollmentDate: '2019年9月',
  schoolLength: '3年',
  teachingForm: '全日制',
  graduates,
  certificateRange: range,
  ...extra,
});
const att3 = (total: number, majors: Record<string, CellValue>[]) =>
  filledSheet('att3', {
    name: '附件3',
    meta: { schoolName: SCHOOL },
    rows: majors.map((m, i) => (i === 0 ? { graduateTotal: total, ...m } : m)),
  });
const att4 = (rows: Record<string, CellValue>[]) => filledSheet('att4', { name: '附件4', meta: { schoolName: SCHOOL }, rows });
const flat = (...sheets: Parameters<typeof workbook>) =>
  validate(workbook(...sheets), { today: TODAY }).issues.map((i) => [i.sheet, i.address, i.code]);

const cs = [att2Row(0), att2Row(1), att2Row(2)];
const nurse = [att2Row(3), att2Row(4)];

describe('附件1 ↔ 附件3 ↔ 附件2', () => {
  it('a consistent workbook has no issue', () => {
    expect(
      flat(
        att1(5),
        att2('计算机', '计算机应用', cs),
        att2('护理', '护理', nurse),
        att3(5, [major('计算机应用', 3, '2022000101-2022000103'), major('护理', 2, '2022000104-105')]),
      ),
    ).toEqual([]);
  });

  it('totals, per-major fields, counts and missing majors', () => {
    expect(
      flat(
        att1(6),
        att2('计算机', '计算机应用', cs),
        att2('护理', '护理', nurse),
        att2('会计', '会计', [att2Row(5)]),
        att3(5, [
          major('计算机应用', 3, '2022000101-2022000103', { enrollmentDate: '2018-09', schoolLength: '4年', teachingForm: '非全日制' }),
          major('护理', 2, '2022000104-2022000105'),
          major('汽修', 0, ''),
        ]),
      ),
    ).toEqual([
      ['会计', 'A4', 'major-not-summarized'],
      ['附件3', 'A7', 'receipt-total-mismatch'],
      ['附件3', 'C7', 'major-mismatch'],
      ['附件3', 'D7', 'major-mismatch'],
      ['附件3', 'E7', 'major-mismatch'],
      ['附件3', 'B9', 'major-not-found'],
      ['附件3', 'F9', 'integer-invalid'],
    ]);
  });

  it('毕业人数 = students listed on that major’s 附件2 (fix = the count)', () => {
    const r = validate(workbook(att2('计算机', '计算机应用', cs), att3(4, [major('计算机应用', 4, '2022000101-2022000104')])), { today: TODAY });
    expect(r.issues.map((i) => [i.address, i.code, i.fix])).toEqual([['F7', 'graduates-count-mismatch', 3]]);
  });
});

describe('附件4 ↔ 附件2', () => {
  const base = { major: '计算机应用', grade: '2019级', schoolLength: '3年' };
  it('an old ID on 附件2 is an error whose fix is the new ID', () => {
    const oldId = cs[1]?.idNumber as string;
    const newId = makeId('20040102', 104);
    const r = validate(
      workbook(att2('计算机', '计算机应用', cs), att4([{ ...base, name: cs[1]?.name ?? null, idNumber: newId, before: oldId, after: newId, changeType: '身份证号码' }])),
      { today: TODAY },
    );
    expect(r.issues.map((i) => [i.sheet, i.address, i.code, i.fix])).toEqual([['计算机', 'D12', 'id-changed-old-on-list', newId]]);
  });

  it('an old name on 附件2 is an error whose fix is the new name', () => {
    const s = cs[0] as Record<string, CellValue>;
    const r = validate(
      workbook(att2('计算机', '计算机应用', cs), att4([{ ...base, name: '张伟强', idNumber: s.idNumber ?? null, before: '张伟', after: '张伟强', changeType: '姓名' }])),
      { today: TODAY },
    );
    expect(r.issues.map((i) => [i.sheet, i.address, i.code, i.fix])).toEqual([['计算机', 'B11', 'name-changed-old-on-list', '张伟强']]);
  });

  it('a student whose last change is 休学 or 转出 must not be on 附件2; 复学 afterwards is fine', () => {
    const [a, b, c] = cs as Record<string, CellValue>[];
    const row = (s: Record<string, CellValue> | undefined, type: string, before: string, after: string) => ({
      ...base,
      name: s?.name ?? null,
      idNumber: s?.idNumber ?? null,
      before,
      after,
      changeType: type,
    });
    expect(
      flat(
        att2('计算机', '计算机应用', cs),
        att4([row(a, '休学', '在校', '休学'), row(b, '转出', SCHOOL, '柳州市职业学校'), row(c, '休学', '在校', '休学'), row(c, '复学', '休学', '在校')]),
      ),
    ).toEqual([
      ['计算机', 'D11', 'suspended-listed'],
      ['计算机', 'D12', 'transferred-out-listed'],
    ]);
  });
});

describe('附件4 异动类型 semantics (all ten)', () => {
  const s = cs[0] as Record<string, CellValue>; // 张伟, male
  const row = (changeType: string, before: CellValue, after: CellValue, extra: Record<string, CellValue> = {}) => ({
    name: s.name ?? null,
    idNumber: s.idNumber ?? null,
    major: '计算机应用',
    grade: '2019级',
    schoolLength: '3年',
    before,
    after,
    changeType,
    ...extra,
  });
  /** 附件4 data from row 5: A 姓名 B 身份证号码 C 专业名称 D 年级 E 学制 F 异动前 G 异动后 H 异动类型. */
  const check = (...rows: Record<string, CellValue>[]) =>
    validate(workbook(att4(rows)), { today: TODAY }).issues.map((i) => [i.address, i.code, i.params.rule ?? i.fix ?? null]);

  it('valid changes of every type pass', () => {
    const newId = makeId('20040101', 103);
    expect(
      check(
        row('姓名', '张卫', '张伟'),
        row('性别', '女', '男'),
        row('身份证号码', makeId('20040101', 105), s.idNumber ?? null),
        row('学制变更', '2年', '3年'),
        row('休学', '在校', '休学'),
        row('复学', '休学', '在校'),
        row('留级', '2018级', '2019级'),
        row('转出', SCHOOL, '柳州市职业学校'),
        row('转入', '柳州市职业学校', SCHOOL),
        row('转专业', '会计', '计算机应用'),
      ).concat(newId ? [] : []),
    ).toEqual([]);
  });

  it('before = after, unknown type, synonyms', () => {
    expect(check(row('休学', '在校', '在校'), row('退学', 'a', 'b'), row('身份证号', makeId('20040101', 105), s.idNumber ?? null))).toEqual([
      ['G5', 'change-semantics', 'same'],
      ['H6', 'change-type-invalid', null],
      ['H7', 'change-type-invalid', '身份证号码'],
    ]);
  });

  it('姓名 and 转专业: the column holds the new value', () => {
    expect(check(row('姓名', '张伟', '张伟强'), row('转专业', '计算机应用', '会计'))).toEqual([
      ['A5', 'change-column-mismatch', '张伟强'],
      ['C6', 'change-column-mismatch', '会计'],
    ]);
  });

  it('性别: values and agreement with the ID', () => {
    expect(check(row('性别', '男', '女'), row('性别', '未知', '男'))).toEqual([
      ['G5', 'change-semantics', 'gender-id'],
      ['F6', 'change-semantics', 'gender-value'],
    ]);
  });

  it('身份证号码: both checked, the column = the new ID', () => {
    const old = makeId('20040101', 105);
    const other = makeId('20040101', 107);
    const badOld = old.slice(0, 17) + (old.endsWith('1') ? '2' : '1');
    expect(check(row('身份证号码', badOld, other))).toEqual([
      ['B5', 'change-column-mismatch', other],
      ['F5', 'id-checksum', null],
    ]);
  });

  it('学制变更: readable lengths, the 学制 column = the new one', () => {
    expect(check(row('学制变更', '两年半', '4年'))).toEqual([
      ['E5', 'change-column-mismatch', '4年'],
      ['F5', 'change-semantics', 'length-value'],
    ]);
  });

  it('留级 lowers the grade', () => {
    expect(check(row('留级', '2019级', '2018级'), row('留级', '一年级', '二年级'), row('留级', '高二', '高一'), row('留级', '在校', '留级'))).toEqual([
      ['G5', 'change-semantics', 'repeat-not-lower'],
      ['G6', 'change-semantics', 'repeat-not-lower'],
      ['G8', 'change-semantics', 'repeat-unreadable'],
    ]);
  });

  it('转出 / 转入: this school on the right side', () => {
    expect(check(row('转出', '柳州市职业学校', SCHOOL), row('转入', SCHOOL, '柳州市职业学校'))).toEqual([
      ['F5', 'change-semantics', 'transfer-out-before'],
      ['G5', 'change-semantics', 'transfer-out-after'],
      ['F6', 'change-semantics', 'transfer-in-before'],
      ['G6', 'change-semantics', 'transfer-in-after'],
    ]);
  });

  it('rows are grouped by 专业名称', () => {
    expect(check(row('休学', '在校', '休学'), row('休学', '在校', '休学', { major: '会计' }), row('复学', '休学', '在校'))).toEqual([
      ['C7', 'change-not-grouped', null],
    ]);
  });
});

describe('附件2 证书编号 ↔ 附件3 起止号', () => {
  const certs = (rows: Record<string, CellValue>[], numbers: CellValue[]) => rows.map((r, i) => ({ ...r, certificateNumber: numbers[i] ?? null }));
  const csSheet = (numbers: CellValue[]) => att2('计算机', '计算机应用', certs(cs, numbers));
  const nurseSheet = (numbers: CellValue[]) => att2('护理', '护理', certs(nurse, numbers));

  it('numbers inside the major’s declared range pass (short end and prefix forms too)', () => {
    expect(
      flat(
        csSheet(['2022000101', 2022000102, '桂教中专毕字（2022）2022000103']),
        nurseSheet(['2022000104', '2022000105']),
        att3(5, [major('计算机应用', 3, '2022000101-103'), major('护理', 2, '2022000104至2022000105')]),
      ),
    ).toEqual([]);
  });

  it('a number outside the declared range of its major is an error at the 证书编号 cell', () => {
    const r = validate(
      workbook(
        csSheet(['2022000101', '2022000102', '2022000104']),
        nurseSheet(['2022000103', '2022000105']),
        att3(5, [major('计算机应用', 3, '2022000101-2022000103'), major('护理', 2, '2022000104-2022000105')]),
      ),
      { today: TODAY },
    );
    expect(r.issues.map((i) => [i.sheet, i.address, i.code])).toEqual([
      ['计算机', 'I13', 'cert-out-of-declared-range'],
      ['护理', 'I11', 'cert-out-of-declared-range'],
    ]);
    expect(r.issues[0]?.params).toMatchObject({ number: '2022000104', range: '2022000101–2022000103', major: '计算机应用', rangeSheet: '附件3', rangeAddress: 'G7' });
    const message = issueMessage(r.issues[0] ?? { code: '', params: {} });
    expect(message).toContain('2022000101–2022000103');
    expect(message).toContain('计算机应用');
  });

  it('no declared range (blank or unreadable 起止号, major not on 附件3): nothing to compare', () => {
    expect(
      flat(
        csSheet(['2022000101', '2022000102', '2022000199']),
        nurseSheet(['2022000301', '2022000302']),
        att3(5, [major('计算机应用', 3, ''), major('护理', 2, '一到二')]),
      ),
    ).toEqual([['附件3', 'G8', 'range-format']]);
  });

  it('with allocatedRanges the allocated ranges win', () => {
    const sheets = [csSheet(['2022000101', '2022000102', '2022000150']), att3(3, [major('计算机应用', 3, '2022000101-2022000103')])];
    const run = (allocatedRanges: { major: string | null; start: string; end: string }[]) =>
      validate(workbook(...sheets), { today: TODAY, allocatedRanges }).issues.map((i) => [i.address, i.code]);
    expect(run([{ major: null, start: '2022000101', end: '2022000200' }])).toEqual([]);
    expect(run([{ major: '计算机应用', start: '2022000101', end: '2022000120' }])).toEqual([['I13', 'cert-out-of-range']]);
  });
});

describe('附件4 转专业 ↔ 附件2', () => {
  const s = cs[0] as Record<string, CellValue>;
  const change = (type: string, before: string, after: string, who: Record<string, CellValue> = s, extra: Record<string, CellValue> = {}) => ({
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
  const others = cs.slice(1);

  it('listed on the new major’s 附件2: fine', () => {
    expect(flat(att2('计算机', '计算机应用', cs), att2('会计', '会计', [att2Row(5)]), att4([change('转专业', '会计', '计算机应用')]))).toEqual([]);
  });

  it('listed on the old major’s 附件2: an error at that row', () => {
    const r = validate(
      workbook(att2('计算机', '计算机应用', others), att2('会计', '会计', [att2Row(5), s]), att4([change('转专业', '会计', '计算机应用')])),
      { today: TODAY },
    );
    expect(r.issues.map((i) => [i.sheet, i.address, i.code, i.severity])).toEqual([['会计', 'D12', 'transfer-major-old-sheet', 'error']]);
    expect(r.issues[0]?.params).toMatchObject({ oldMajor: '会计', newMajor: '计算机应用', sheetMajor: '会计', changeSheet: '附件4', changeAddress: 'H5' });
  });

  it('two transfers in a row: every earlier major is an old one', () => {
    expect(
      flat(
        att2('计算机', '计算机应用', others),
        att2('护理', '护理', [s]),
        att4([change('转专业', '会计', '护理', s, { major: '护理' }), change('转专业', '护理', '计算机应用')]),
      ),
    ).toEqual([['护理', 'D11', 'transfer-major-old-sheet']]);
  });

  it('on no 附件2 at all: a warning at the 附件4 row', () => {
    const r = validate(workbook(att2('计算机', '计算机应用', others), att4([change('转专业', '会计', '计算机应用')])), { today: TODAY });
    expect(r.issues.map((i) => [i.sheet, i.address, i.code, i.severity])).toEqual([['附件4', 'B5', 'transfer-major-missing', 'warning']]);
  });

  it('a last change of 休学 or 转出 leaves it to those rules', () => {
    const t = cs[1] as Record<string, CellValue>;
    expect(
      flat(
        att2('计算机', '计算机应用', [cs[2] as Record<string, CellValue>]),
        att2('会计', '会计', [s]),
        att4([
          change('转专业', '会计', '计算机应用'),
          change('休学', '在校', '休学'),
          change('转专业', '会计', '计算机应用', t),
          change('转出', SCHOOL, '柳州市职业学校', t),
        ]),
      ),
    ).toEqual([['会计', 'D11', 'suspended-listed']]);
  });

  it('no 附件2 in the workbook: nothing to compare', () => {
    expect(flat(att4([change('转专业', '会计', '计算机应用')]))).toEqual([]);
  });
});

describe('附件4 休学/复学 values and 年级 + 学制', () => {
  const s = cs[0] as Record<string, CellValue>;
  const change = (type: string, before: string, after: string, extra: Record<string, CellValue> = {}, who: Record<string, CellValue> = s) => ({
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
  const codes = (...sheets: Parameters<typeof workbook>) =>
    validate(workbook(...sheets), { today: TODAY }).issues.map((i) => [i.sheet, i.address, i.code, i.severity]);

  it('status words and grades are readable', () => {
    expect(
      codes(
        att4([
          change('休学', '在校', '休学'),
          change('复学', '休学', '2020级'),
          change('复学', '休学（病休）', '在读'),
          change('休学', '高二', '休学'),
          change('复学', '休学', '三年级'),
          change('休学', '在校', '病休'),
        ]),
      ),
    ).toEqual([]);
  });

  it('neither side readable: a warning at 异动后', () => {
    expect(codes(att4([change('休学', '正常上课', '回家'), change('复学', '2019年9月', '3班')]))).toEqual([
      ['附件4', 'G5', 'change-status-unreadable', 'warning'],
      ['附件4', 'G6', 'change-status-unreadable', 'warning'],
    ]);
  });

  it('年级 + 学制 of a listed student reaches the graduation year', () => {
    const t = cs[1] as Record<string, CellValue>;
    const absent = att2Row(7);
    expect(
      codes(
        att2('计算机', '计算机应用', cs),
        att4([
          change('复学', '休学', '在校', { grade: '2020级' }),
          change('留级', '2019级', '2020级', {}, t),
          change('复学', '休学', '在校', { grade: '2020级', schoolLength: '2年' }, cs[2] as Record<string, CellValue>),
          change('复学', '休学', '在校', { grade: '2021级' }, absent),
          change('复学', '休学', '在校', { grade: '高二' }, cs[2] as Record<string, CellValue>),
        ]),
      ),
    ).toEqual([
      ['附件4', 'D5', 'change-grade-not-graduating', 'warning'],
      ['附件4', 'G6', 'change-grade-not-graduating', 'warning'],
    ]);
  });

  it('the message says which 附件2 row lists the student', () => {
    const r = validate(workbook(att2('计算机', '计算机应用', cs), att4([change('复学', '休学', '在校', { grade: '2021级' })])), { today: TODAY });
    expect(r.issues[0]?.params).toMatchObject({ grade: '2021级', length: 3, earliest: 2024, graduationYear: 2022, listSheet: '计算机', listAddress: 'D11' });
    expect(issueMessage(r.issues[0] ?? { code: '', params: {} })).toContain('2024');
  });
});
