/**
 * The proof that a pack is one folder: the toy pack (./index.ts, nothing else) gets the cross-sheet checks,
 * the server's students, allocation order, the pane's number placement and the range-summary export
 * through its roles.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { graduatesByMajor, placeCertificates } from '../../../addin/app/remote/placement';
import { extractRecords, graduatesForAllocation } from '../../../core/extract';
import type { CellValue } from '../../../core/grid/cell';
import type { Issue } from '../../../core/issues/issue';
import { issueMessage } from '../../../core/messages/render';
import { filledSheet, makeId, workbook } from '../../../core/templates/testing';
import { validate } from '../../../core/validate';
import { fillAuditSheet } from '../../../server/use-cases/export-audit-sheet';
import { validateForServer } from '../../../server/use-cases/validate-workbook';
import { TOY_PREFIX, toyPack } from '.';

const pack = toyPack(2024);
const TODAY = '2024-05-01';
const SCHOOL = '测试学校';
const MAJOR = '数控技术';

const student = (studentName: string, birth: string, seq: number, credits: number, verdict: string, diplomaNo: string | null): Record<string, CellValue> => ({
  studentName,
  sex: seq % 2 === 1 ? '男' : '女',
  certId: makeId(birth, seq),
  credits,
  verdict,
  diplomaNo,
});

function toyWorkbook(moreMoves: Record<string, CellValue>[] = []) {
  return workbook(
    filledSheet(
      'roll',
      {
        name: 'R',
        meta: { school: SCHOOL, speciality: MAJOR, duration: '3年' },
        rows: [
          student('李明', '20040101', 101, 120, '准予毕业', '000001'),
          student('王芳', '20040202', 102, 110, '准予毕业', '000002'), // 退学 on the moves sheet
          student('赵强', '20040303', 103, 80, '准予毕业', '000009'), // too few credits; outside the declared span
          student('陈静', '20040404', 104, 90, '暂缓毕业', null),
          student('刘洋', '20040505', 105, 130, '准予毕业', '000003'), // renamed 刘阳
        ],
      },
      pack,
    ),
    filledSheet(
      'tally',
      { name: 'T', meta: { school: SCHOOL }, rows: [{ speciality: MAJOR, duration: '3年', headcount: 4, span: '000001-000004', sum: 4 }] },
      pack,
    ),
    filledSheet(
      'moves',
      {
        name: 'M',
        meta: { school: SCHOOL },
        rows: [
          { studentName: '王芳', certId: makeId('20040202', 102), speciality: MAJOR, kind: '退学', from: SCHOOL, to: '外校' },
          { studentName: '刘阳', certId: makeId('20040505', 105), speciality: MAJOR, kind: '更名', from: '刘洋', to: '刘阳' },
          ...moreMoves,
        ],
      },
      pack,
    ),
  );
}

describe('a pack unlike Guangxi, from its folder only', () => {
  it('gets the cross-sheet checks and its own rule through its roles', () => {
    const report = validate(toyWorkbook(), { packs: [pack], today: TODAY });
    expect(report.packId).toBe('toy-2024');
    expect(report.sheets.map((s) => s.kindId)).toEqual(['roll', 'tally', 'moves']);
    const rollRow = (name: string) => (report.sheets[0]?.firstDataRow ?? 0) + ['李明', '王芳', '赵强', '陈静', '刘洋'].indexOf(name);
    const found = report.issues.map((i) => [i.sheet, i.row, i.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['R', rollRow('王芳'), 'transferred-out-listed'],
        ['R', rollRow('刘洋'), 'name-changed-old-on-list'],
        ['R', rollRow('赵强'), 'toy-verdict-mismatch'],
        ['R', rollRow('赵强'), 'cert-out-of-declared-range'],
        ['T', report.sheets[1]?.firstDataRow, 'graduates-count-mismatch'],
      ]),
    );
    expect(report.issues.filter((i) => i.code === 'header-missing' || i.code === 'no-template' || i.code === 'change-semantics')).toEqual([]);
    // Messages are rendered at the edge, with the pack's own definitions for its own codes.
    const text = (i: Issue | undefined) => (i ? issueMessage(i, 'zh-CN', pack.issues) : '');
    const own = report.issues.find((i) => i.code === 'toy-verdict-mismatch');
    expect([own?.severity, text(own), own?.fix]).toEqual(['error', '学分 80，毕业结论应为“暂缓毕业”，这里是“准予毕业”。', '暂缓毕业']);
    const rename = report.issues.find((i) => i.code === 'name-changed-old-on-list');
    expect([rename?.address.charAt(0), rename?.fix]).toEqual(['B', '刘阳']);
    // Cross-sheet messages name this pack's attachments, never Guangxi's.
    const crossSheet = report.issues.filter((i) => ['transferred-out-listed', 'name-changed-old-on-list', 'cert-out-of-declared-range', 'graduates-count-mismatch'].includes(i.code));
    for (const i of crossSheet) expect(text(i)).not.toMatch(/附件\d/);
    expect(text(rename)).toContain('表三');
    expect(text(rename)).toContain('表一 应填写新姓名');
  });

  it('gets the change list → graduate list relations through its change words', () => {
    const wb = toyWorkbook([
      { studentName: '李明', certId: makeId('20040101', 101), speciality: '焊接', kind: '更名', from: '李铭', to: '李明' },
      { studentName: '周杰', certId: makeId('20040606', 106), speciality: MAJOR, kind: '复课', from: '暂停学业', to: '在校' },
    ]);
    const first = validate(wb, { packs: [pack], today: TODAY }).sheets[2]?.firstDataRow ?? 0;
    const report = validate(wb, { packs: [pack], today: TODAY });
    const found = report.issues.filter((i) => i.sheet === 'M').map((i) => [i.row, i.code, i.fix]);
    expect(found).toEqual(
      expect.arrayContaining([
        [first + 2, 'change-list-mismatch', MAJOR],
        [first + 3, 'change-student-not-listed', undefined],
      ]),
    );
  });

  it('gives the server its students (准予毕业 and error-free) and the allocation order', () => {
    const wb = toyWorkbook();
    const { students, report } = validateForServer(wb, pack.id, TODAY, [pack]);
    expect(students.map((s) => [s.name, s.major, s.gender, s.graduate])).toEqual([
      ['李明', MAJOR, '男', true],
      ['王芳', MAJOR, '女', false],
      ['赵强', MAJOR, '男', false],
      ['陈静', MAJOR, '女', false],
      ['刘洋', MAJOR, '男', false],
    ]);
    const order = graduatesForAllocation(extractRecords(wb, report, [pack]), [pack]);
    expect(order.map((g) => [g.name, g.major])).toEqual(students.map((s) => [s.name, MAJOR]));
  });

  it('places issued numbers in its certificate column and ranges in its span column', () => {
    const wb = toyWorkbook();
    const report = validate(wb, { packs: [pack], today: TODAY });
    const lookup = (id: string) => (id === pack.id ? pack : undefined);
    const first = report.sheets[0]?.firstDataRow ?? 0;
    const number = (serial: number) => `${TOY_PREFIX}${String(serial).padStart(6, '0')}`;
    const placed = placeCertificates(
      wb,
      report.sheets,
      {
        ranges: [{ id: 'r', major: MAJOR, startSerial: 7, endSerial: 11, count: 5, first: number(7), last: number(11), used: 1, voided: 0, allocatedAt: null }],
        certificates: [{ id: 'c', number: number(7), serial: 7, status: 'ISSUED', sheet: 'R', rowNumber: first, holderName: '李明', major: MAJOR }],
      },
      [TOY_PREFIX],
      lookup,
    );
    expect(placed.writes).toEqual([
      { sheet: 'R', address: `G${first}`, value: '000007' },
      { sheet: 'T', address: `D${report.sheets[1]?.firstDataRow ?? 0}`, value: '测毕证字000007-000011' },
    ]);
    expect(graduatesByMajor(wb, report.sheets, lookup)).toEqual([{ major: MAJOR, count: 5 }]);
  });

  it('exports its range summary with its own headers', async () => {
    const wb = fillAuditSheet(pack, {
      schoolName: SCHOOL,
      total: 1,
      lines: [{ major: MAJOR, fields: { duration: '3年' }, graduates: 1, range: `${TOY_PREFIX}000007—${TOY_PREFIX}000007` }],
    });
    const loaded = new ExcelJS.Workbook();
    await loaded.xlsx.load(await wb.xlsx.writeBuffer());
    const rows: string[][] = [];
    loaded.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const header = rows.findIndex((r) => r.includes('证号段'));
    expect(rows[header]).toEqual(['专业', '修业年限', '人数', '证号段', '合计']);
    expect(rows[header + 1]).toEqual([MAJOR, '3年', '1', `${TOY_PREFIX}000007—${TOY_PREFIX}000007`, '1']);
    expect(rows.some((r) => r[0] === `学校：${SCHOOL}`)).toBe(true);
  });
});
