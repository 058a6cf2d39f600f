/**
 * A correctly filled Guangxi 中职 2022 workbook (附件1–4 of one school, one major), built on a blank template
 * the way a clerk fills it, plus the positions tests need to plant mistakes.
 */
import type ExcelJS from 'exceljs';
import { getPack } from '../../core/templates/registry';
import type { SheetKindSpec } from '../../core/templates/types';
import { makeId } from './ids';
import { fillLabel, fillRow, locateTable, sheetFor, type TableLocation } from './xlsx';

export const GX = (() => {
  const pack = getPack('gx-zz-2022');
  if (!pack) throw new Error('pack gx-zz-2022 missing');
  return pack;
})();

export function gxKind(id: string): SheetKindSpec {
  const kind = GX.sheetKinds.find((k) => k.id === id);
  if (!kind) throw new Error(`no kind ${id}`);
  return kind;
}

export interface Student {
  name: string;
  gender: '男' | '女';
  id: string;
  grades: [number | string, number | string, string, string];
}

/** A graduate whose ID (the `index`-th of its `area`, born `birth`) has a 17th digit matching 性别. */
function student(
  index: number,
  name: string,
  gender: Student['gender'],
  area: string,
  birth: string,
  grades: Student['grades'],
): Student {
  return {
    name,
    gender,
    id: makeId({ gender: gender === '男' ? 'male' : 'female', index, area, birth }),
    grades,
  };
}

/** Five graduates of 计算机应用, IDs from Nanning-area codes, 17th digit matching 性别, all passing. */
export const STUDENTS: Student[] = [
  student(1, '韦丽娟', '女', '450103', '20040521', [85, 78, '良好', '合格']),
  student(2, '黄志强', '男', '450102', '20031108', [86, 90, '优秀', '合格']),
  student(3, '陆海燕', '女', '450105', '20040102', [75, 80, '良好', '合格']),
  student(4, '蒙俊杰', '男', '450203', '20040815', [70, 72, '中等', '合格']),
  student(5, '阿依古丽·买买提', '女', '450107', '20031230', [92, 88, '优秀', '合格']),
];

export const SCHOOL = '南宁市第一职业技术学校';
export const MAJOR = '计算机应用';

export interface GxLayout {
  att1: { ws: ExcelJS.Worksheet; table: TableLocation };
  att2: { ws: ExcelJS.Worksheet; table: TableLocation };
  att3: { ws: ExcelJS.Worksheet; table: TableLocation };
  att4: { ws: ExcelJS.Worksheet; table: TableLocation };
}

export function gxLayout(wb: ExcelJS.Workbook): GxLayout {
  const at = (id: string) => {
    const kind = gxKind(id);
    const ws = sheetFor(wb, kind);
    return { ws, table: locateTable(ws, kind) };
  };
  return { att1: at('att1'), att2: at('att2'), att3: at('att3'), att4: at('att4') };
}

/** Fills a blank `yanyin template gx-zz-2022` workbook with consistent, valid data. */
export function fillGoodGx(wb: ExcelJS.Workbook): GxLayout {
  const l = gxLayout(wb);
  const n = STUDENTS.length;

  // 附件1 回执
  const a1 = l.att1.ws;
  const bureauRow = findRowStarting(a1, '_____');
  a1.getCell(bureauRow, 1).value = '南宁 市教育局/区直学校';
  fillLabel(a1, '联系人及联系电话', '张雯雯 0771-5815347');
  fillLabel(a1, '联系地址', '南宁市青秀区民族大道 1 号');
  fillRow(a1, l.att1.table, 0, {
    schoolName: SCHOOL,
    graduateTotal: n,
    contact: '李老师 13877112345',
    address: '南宁市青秀区民族大道 1 号',
  });

  // 附件2 登记表
  const a2 = l.att2.ws;
  fillLabel(a2, '学校名称（盖章）', SCHOOL);
  fillLabel(a2, '专业名称', MAJOR);
  fillLabel(a2, '招生类别', '秋季招生');
  fillLabel(a2, '教学形式', '全日制');
  fillLabel(a2, '学制', '3年');
  fillLabel(a2, '入学时间', '2019年9月');
  STUDENTS.forEach((s, i) => {
    fillRow(a2, l.att2.table, i, {
      serial: i + 1,
      name: s.name,
      gender: s.gender,
      idNumber: s.id,
      publicCourses: s.grades[0],
      skillCourses: s.grades[1],
      conduct: s.grades[2],
      internship: s.grades[3],
    });
  });
  // Rows 6–18 keep the template's printed 序号 with nothing else: a blank tail, not students.
  fillLabel(a2, '填表人', '张老师');
  fillLabel(a2, '审核人', '李主任');
  fillLabel(a2, '填报日期', '2022年5月10日');

  // 附件3 审核表
  const a3 = l.att3.ws;
  fillLabel(a3, '学校名称（盖章）', SCHOOL);
  fillRow(a3, l.att3.table, 0, {
    graduateTotal: n,
    major: MAJOR,
    enrollmentDate: '2019年9月',
    schoolLength: '3年',
    teachingForm: '全日制',
    graduates: n,
  });

  // 附件4 异动: 黄志强 changed his name (was 黄志刚); 附件2 lists the new name.
  const a4 = l.att4.ws;
  fillLabel(a4, '学校名称（盖章）', SCHOOL);
  const huang = STUDENTS[1];
  if (!huang) throw new Error('students');
  fillRow(a4, l.att4.table, 0, {
    name: huang.name,
    idNumber: huang.id,
    major: MAJOR,
    grade: '2019级',
    schoolLength: '3年',
    before: '黄志刚',
    after: huang.name,
    changeType: '姓名',
  });
  return l;
}

function findRowStarting(ws: ExcelJS.Worksheet, prefix: string): number {
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, 1).value;
    if (typeof v === 'string' && v.startsWith(prefix)) return r;
  }
  throw new Error(`no row starting with ${prefix}`);
}
