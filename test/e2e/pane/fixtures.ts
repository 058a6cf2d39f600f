import { makeId, withWrongCheck } from '../../helpers/ids';
import type { FixtureSheet, Scalar } from './harness';

/** IDs of the filled 附件2: valid (MOD 11-2 computed by test/helpers/ids.ts), gender-consistent. */
export const ids = {
  weiXiaobao: makeId({ gender: 'male', index: 0 }),
  huangLi: makeId({ gender: 'female', index: 1 }),
  qinHai: makeId({ gender: 'male', index: 2 }),
  mengJiajia: makeId({ gender: 'female', index: 3 }),
  luMing: makeId({ gender: 'male', index: 4 }),
  liSi: makeId({ gender: 'female', index: 5 }),
};

/** `450103 20040315 1030`: spaces a clerk pasted in; fixable. */
export const spacedId = `${ids.huangLi.slice(0, 6)} ${ids.huangLi.slice(6, 14)} ${ids.huangLi.slice(14)}`;
/** Wrong check character: not fixable (which digit is wrong is unknown). */
export const wrongCheckId = withWrongCheck(ids.qinHai);

export const ATT2_SHEET = '计算机应用';
/** 1-based sheet rows of the planted mistakes. */
export const rows = {
  header: 9,
  first: 11,
  spaced: 12,
  wrongCheck: 13,
  genderMismatch: 14,
  failingGrade: 15,
  last: 16,
};

/**
 * A filled 附件2 (gx-zz-2022) the way a school sends it: notice line, title, meta lines, the two-row
 * header, six students with planted mistakes, the footer. The ID column is text-formatted before typing.
 */
export function filledAtt2(): FixtureSheet {
  const student = (n: number, name: string, gender: string, id: string, grades: Scalar[]): Scalar[] => [
    n,
    name,
    gender,
    id,
    ...grades,
    null,
  ];
  return {
    name: ATT2_SHEET,
    formats: { 4: '@' },
    rows: [
      ['附件2'],
      ['广西中等职业学校2022年毕业生资格审核（成绩与操行）与证书验印登记表'],
      ['学校名称（盖章）：南宁市第一职业技术学校'],
      ['专业名称：计算机应用'],
      ['招生类别：初中毕业生'],
      ['教学形式：全日制'],
      ['学制：3年'],
      ['入学时间：2019年9月'],
      ['序号', '姓名', '性别', '身份证号码', '各类课程综合成绩', null, null, null, '证书编号'],
      [null, null, null, null, '公共基础课', '专业技能课', '操行', '毕业实习', '桂教中专毕字（2022）'],
      student(1, '韦小宝', '男', ids.weiXiaobao, [85, 90, '优秀', '合格']),
      student(2, '黄丽', '女', spacedId, [78, 82, '良好', '合格']),
      student(3, '覃海', '男', wrongCheckId, [66, 71, '良好', '合格']),
      student(4, '蒙佳佳', '男', ids.mengJiajia, [80, 75, '中等', '合格']),
      student(5, '陆明', '男', ids.luMing, [55, 62, '及格', '合格']),
      student(6, '李四', '女', ids.liSi, [91, 88, '优秀', '合格']),
      [],
      ['填表人：李老师', null, null, '审核人：王主任', null, null, '填报日期：2022年4月20日'],
    ],
  };
}

/** A sheet that is no template (the pane must say so). */
export function notesSheet(): FixtureSheet {
  return { name: '说明', rows: [['本工作簿用于2022年毕业证书验印。'], ['联系人：李老师']] };
}

const SURNAMES = ['韦', '黄', '覃', '蒙', '陆', '李', '梁', '莫', '罗', '农'];
const GIVEN = ['小宝', '丽', '海', '佳佳', '明', '思', '文静', '建华', '春燕', '志强'];

/**
 * A big 附件2 (`count` students) for the progress path: unique valid IDs (birth dates and sequences
 * vary), every 100th ID with a wrong check character.
 */
export function largeAtt2(count: number): { sheet: FixtureSheet; planted: number } {
  const base = filledAtt2();
  const head = base.rows.slice(0, rows.first - 1);
  const body: Scalar[][] = [];
  let planted = 0;
  for (let i = 0; i < count; i++) {
    const male = i % 2 === 0;
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    const day = String((i % 28) + 1).padStart(2, '0');
    const id = makeId({
      gender: male ? 'male' : 'female',
      birth: `2004${month}${day}`,
      index: Math.floor(i / 336) % 400,
    });
    const wrong = i % 100 === 99;
    if (wrong) planted++;
    const name = `${SURNAMES[i % 10] ?? '韦'}${GIVEN[Math.floor(i / 10) % 10] ?? '明'}`;
    body.push([
      i + 1,
      name,
      male ? '男' : '女',
      wrong ? withWrongCheck(id) : id,
      80,
      85,
      '良好',
      '合格',
      null,
    ]);
  }
  return { sheet: { name: ATT2_SHEET, formats: { 4: '@' }, rows: [...head, ...body] }, planted };
}
