import { describe, expect, it } from 'vitest';
import type { Cell, SheetGrid } from '../grid/cell';
import { validate } from '../validate';
import { blankSheet } from './blank';
import { detect } from './detect';
import { gxZz2022 } from '../packs/gx-zz';
import { hbPg2018 } from '../packs/hb-pg';
import { packs } from './registry';
import { ATT2_META, att2Row, filledSheet, workbook } from './testing';
import type { SheetKindSpec } from './types';

const [gxAtt1, gxAtt2, gxAtt3, gxAtt4, gxAtt5] = gxZz2022.sheetKinds as [SheetKindSpec, SheetKindSpec, SheetKindSpec, SheetKindSpec, SheetKindSpec];
const hbCheck = hbPg2018.sheetKinds[0] as SheetKindSpec;
const c = (v: string | number | null): Cell | null => (v === null ? null : { value: v });
const sheet = (name: string, rows: (string | number | null)[][]): SheetGrid => ({ name, rows: rows.map((r) => r.map(c)) });
const ids = (rows: (string | number | null)[][]) => detect(workbook(sheet('S', rows))).sheets[0];

describe('detect', () => {
  it('recognises every blank template of both packs', () => {
    for (const pack of packs) {
      for (const kind of pack.sheetKinds) {
        const b = blankSheet(pack, kind);
        const r = detect(workbook(b.grid), { packId: pack.id }).sheets[0];
        expect([r?.kindId, r?.headerRow, r?.missing]).toEqual([kind.id, b.headerRow, []]);
        expect(r?.columns.map((m) => m.column)).toEqual(kind.columns.map((_, i) => i + 1));
      }
    }
  });

  it('finds the header under title and meta rows and reads the meta lines', () => {
    const r = detect(workbook(filledSheet('att2', { meta: ATT2_META, rows: [att2Row(0)], blankTail: 17 }))).sheets[0];
    expect(r?.headerRow).toBe(9);
    expect([r?.firstDataRow, r?.lastDataRow]).toEqual([11, 11]); // numbered blank tail excluded
    expect(r?.meta).toEqual(ATT2_META);
  });

  it('tolerates spaces, line breaks, full/half-width brackets and shuffled columns', () => {
    const r = ids([
      ['广西中等职业学校 2022 年毕业生 资格审核（成绩与操行） 与证书验印登记表'],
      ['专业名称 ： 护理', null, '学制:3年'],
      ['身份证\n号码', '姓 名', '序号', '性　别', '证书编号', '各类课程综合成绩'],
      [null, null, null, null, '桂教中专毕字(2022)', '公共基础课', '专业技能课', '操 行', '毕业实习'],
      [makeRow()[3] ?? null, '张三', 1, '男', null, 80, 80, 80, 80],
    ]);
    expect(r?.kindId).toBe('att2');
    expect(r?.columns.map((m) => [m.key, m.column])).toEqual([
      ['serial', 3],
      ['name', 2],
      ['gender', 4],
      ['idNumber', 1],
      ['publicCourses', 6],
      ['skillCourses', 7],
      ['conduct', 8],
      ['internship', 9],
      ['certificateNumber', 5],
    ]);
    expect(r?.headerRow).toBe(3);
    expect(r?.firstDataRow).toBe(5);
    expect(r?.meta).toEqual({ major: '护理', schoolLength: '3年' });
  });

  it('accepts a renamed sheet and a one-row header with remarks in brackets', () => {
    const r = ids([['序号', '姓名', '性别', '身份证号码(18位)', '公共基础课', '专业技能课', '操行', '毕业实习', '证书编号']]);
    expect([r?.kindId, r?.sheet]).toEqual(['att2', 'S']);
  });

  it('does not take a plain roster or a notes sheet for a template', () => {
    expect(ids([['序号', '姓名', '性别', '身份证号码', '班级', '电话']])?.kindId).toBeNull();
    expect(ids([['填写说明'], ['1. 请用黑色墨水填写']])?.kindId).toBeNull();
    expect(ids([])?.kindId).toBeNull();
  });

  it('tells 附件2 from 附件5, 附件4 and Hubei by their identifying columns', () => {
    expect(ids([['序号', '姓名', '性别', '身份证号码', '高职就读年级专业', '来源中职 学校名称', '联系方式', '备注']])?.kindId).toBe('att5');
    expect(ids([['姓 名', '身份证号码', '专业名称', '年 级', '学制', '异动前', '异动后', '异动类型']])?.kindId).toBe('att4');
    const hb = detect(workbook(sheet('S', [['姓名', '性别', '民族', '籍贯', '出生日期', '身份证号', '国家学籍号', '学分', '思想品德与公民素养', '体质健康', '结论']])));
    expect([hb.packId, hb.sheets[0]?.kindId]).toEqual(['hb-pg-2018', 'check']);
  });

  it('reports missing required columns as header-missing issues', () => {
    const rep = validate(workbook(sheet('S', [['序号', '姓名', '身份证号码', '公共基础课', '专业技能课', '操行', '毕业实习']])));
    expect(rep.sheets[0]?.missing).toEqual(['gender']);
    expect(rep.issues.filter((i) => i.code === 'header-missing').map((i) => [i.address, i.params.header])).toEqual([['C1', '性别']]);
  });

  it('reads 附件3 (irregular form) and its boxes below the table', () => {
    const s = filledSheet('att3', {
      meta: { schoolName: '南宁一职校', handler: '李四', phone: '13812345678' },
      rows: [{ graduateTotal: 3, major: '护理', enrollmentDate: '2019年9月', schoolLength: '3年', teachingForm: '全日制', graduates: 3 }],
    });
    const r = detect(workbook(s)).sheets[0];
    expect([r?.kindId, r?.headerRow, r?.firstDataRow, r?.lastDataRow]).toEqual(['att3', 5, 7, 7]);
    expect(r?.meta).toEqual({ schoolName: '南宁一职校', handler: '李四', phone: '13812345678' });
  });

  it('reads inline meta (附件5) and value-before meta (附件1)', () => {
    const a5 = filledSheet('att5', { meta: { college: '广西职院', contact: '张三 13800001111', filledOn: '2022-05-01' }, rows: [] });
    expect(detect(workbook(a5)).sheets[0]?.meta).toEqual({ college: '广西职院', contact: '张三 13800001111', filledOn: '2022-05-01' });
    const a1 = filledSheet('att1', { meta: { bureau: '南宁', contact: '王五 0771-5815347' }, rows: [] });
    expect(detect(workbook(a1)).sheets[0]?.meta).toEqual({ bureau: '南宁', contact: '王五 0771-5815347' });
  });

  it('picks one pack for the workbook and keeps non-template sheets unrecognised', () => {
    const d = detect(workbook(filledSheet('att2', { rows: [att2Row(0)] }), sheet('说明', [['本工作簿共五张表']])));
    expect([d.packId, d.sheets.map((s) => s.kindId)]).toEqual(['gx-zz-2022', ['att2', null]]);
  });
});

describe('pack data', () => {
  it('keeps the notice texts', () => {
    expect(gxAtt2.columns.filter((c) => c.group).map((c) => [c.group, c.header])).toEqual([
      ['各类课程综合成绩', '公共基础课'],
      ['各类课程综合成绩', '专业技能课'],
      ['各类课程综合成绩', '操行'],
      ['各类课程综合成绩', '毕业实习'],
    ]);
    expect(gxAtt2.columns.at(-1)?.subHeader).toBe('桂教中专毕字（2022）');
    expect([gxAtt2.blankRows, gxAtt5.blankRows]).toEqual([18, 6]);
    expect(gxAtt2.footer.map((f) => f.label)).toEqual(['填表人', '审核人', '填报日期']);
    expect(gxAtt3.notes[0]).toContain('毕业生人数须与附件1所填一致');
    expect(gxAtt4.columns.find((c) => c.key === 'changeType')?.options).toHaveLength(10);
    expect(gxAtt1.columns.map((c) => c.header)).toEqual(['学校名称', '毕业生总数', '学校联系人及手机号码', '学校地址']);
    expect(hbCheck.columns.map((c) => c.key)).toContain('conclusion');
    expect([gxZz2022.graduationYear, hbPg2018.graduationYear]).toEqual([2022, 2018]);
  });

  it('lays out 附件3 with 毕业生总数 merged down and the approval boxes', () => {
    const b = blankSheet(gxZz2022, gxAtt3, { rows: 3 });
    expect(b.merges).toContainEqual({ row: b.firstDataRow, column: 1, rowSpan: 3, colSpan: 1 });
    expect(b.merges).toContainEqual({ row: b.headerRow, column: 2, rowSpan: 1, colSpan: 6 });
    expect(b.grid.rows[b.lastDataRow]?.map((x) => x?.value ?? null)).toEqual(['学校经办人', null, null, '联系电话', null]);
    expect(b.grid.rows[b.lastDataRow + 1]?.[0]?.value).toBe('市教育局职成科审核意见：');
  });
});

function makeRow(): (string | number | null)[] {
  const r = att2Row(0);
  return [1, r.name as string, r.gender as string, r.idNumber as string];
}
