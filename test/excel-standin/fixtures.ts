/**
 * Generated 附件2 sheets (Guangxi 中职 2022) for tests and benches: title, meta lines, the two-row header,
 * then `n` student rows with valid IDs, typed into the stand-in as a clerk would — so an 18-digit ID in a
 * General column arrives damaged, exactly like in Excel (pass `{ columnFormats: { [ATT2_ID_COLUMN]: '@' } }` to
 * `addSheet` for a careful clerk's text column). Every `errorEvery`-th row carries a mistake.
 */
import type { Scalar } from './model';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '0';
}

/** A valid 18-digit ID (南宁市兴宁区, born 2004–2006) for student `i`, of the given gender; unique for i < 500,000. */
export function makeId(i: number, male: boolean): string {
  const born = new Date(Date.UTC(2004, 0, 1) + (Math.floor(i / 500) % 1_000) * 86_400_000);
  const date = `${born.getUTCFullYear()}${String(born.getUTCMonth() + 1).padStart(2, '0')}${String(born.getUTCDate()).padStart(2, '0')}`;
  const seq = String(Math.floor((i % 500) / 5)).padStart(2, '0');
  const genderDigit = male ? 1 + 2 * (i % 5) : 2 * (i % 5);
  const first17 = `450102${date}${seq}${genderDigit}`;
  return first17 + idCheckChar(first17);
}

const SURNAMES = ['李', '王', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '韦', '覃', '蒙', '莫', '梁'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平'];

export interface Att2Options {
  /** Every n-th row gets a mistake (0 = none). */
  errorEvery?: number;
}

export const ATT2_FIRST_DATA_ROW = 11;
export const ATT2_ID_COLUMN = 4;

export function att2Rows(n: number, options: Att2Options = {}): (Scalar | null)[][] {
  const rows: (Scalar | null)[][] = [
    ['附件2', null, null, null, null, null, null, null, null],
    ['广西中等职业学校2022年毕业生资格审核（成绩与操行）与证书验印登记表', null, null, null, null, null, null, null, null],
    ['学校名称（盖章）：南宁市第一职业技术学校', null, null, null, null, null, null, null, null],
    ['专业名称：计算机应用', null, null, null, null, null, null, null, null],
    ['招生类别：初中毕业生', null, null, null, null, null, null, null, null],
    ['教学形式：全日制', null, null, null, null, null, null, null, null],
    ['学制：3年', null, null, null, null, null, null, null, null],
    ['入学时间：2019年9月', null, null, null, null, null, null, null, null],
    ['序号', '姓名', '性别', '身份证号码', '各类课程综合成绩', null, null, null, '证书编号'],
    [null, null, null, null, '公共基础课', '专业技能课', '操行', '毕业实习', '桂教中专毕字（2022）'],
  ];
  const every = options.errorEvery ?? 0;
  for (let i = 0; i < n; i++) {
    const male = i % 2 === 0;
    let id: string = makeId(i, male);
    let gender = male ? '男' : '女';
    let grade: Scalar = 60 + (i % 40);
    let name = (SURNAMES[i % SURNAMES.length] ?? '李') + (GIVEN[(i * 7) % GIVEN.length] ?? '伟');
    if (every > 0 && i % every === every - 1) {
      switch (Math.floor(i / every) % 4) {
        case 0:
          id = id.slice(0, 17) + (id[17] === '0' ? '1' : '0'); // wrong check digit
          break;
        case 1:
          gender = male ? '女' : '男'; // disagrees with the ID
          break;
        case 2:
          grade = 45; // failing
          break;
        case 3:
          name = `${name.slice(0, 1)} ${name.slice(1)}`; // padding space
          break;
      }
    }
    rows.push([i + 1, name, gender, id, grade, 75, '良好', '合格', null]);
  }
  rows.push([]);
  rows.push(['填表人：', null, null, '审核人：', null, null, '填报日期：', null, null]);
  return rows;
}
