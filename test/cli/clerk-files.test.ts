/**
 * Workbooks written the way clerks write them (issue #15): ID cells holding formulas, dates typed five ways,
 * 学制 as 三年, an extra column, an autofilter with hidden rows, rare characters in names — and the same
 * file after a LibreOffice round trip (.xlsx → .ods → .xlsx). A clean one has no error; the planted
 * relation and ID mistakes are found at their cells, before and after the round trip.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IssueWithMessage as Issue } from '../../core/issues/issue';
import { makeId } from '../helpers/ids';
import { MAJOR, STUDENTS, fillGoodGx } from '../helpers/xlsx-gx';
import { addressOf, fillLabel, fillRow, loadXlsx, runCli, saveXlsx, tempDir } from '../helpers/xlsx';

const TODAY = '2022-06-20';
const dir = tempDir('yanyin-clerk-');

interface JsonReport {
  valid: boolean;
  issues: Issue[];
}
function validateJson(file: string): JsonReport {
  const r = runCli(['validate', file, '--json', '--today', TODAY]);
  return JSON.parse(r.stdout) as JsonReport;
}
const errors = (r: JsonReport) => r.issues.filter((i) => i.severity === 'error').map((i) => `${i.sheet}!${i.address} ${i.code}: ${i.message}`);

/** .xlsx → .ods → .xlsx through LibreOffice with a private profile. */
function roundTrip(file: string, name: string): string {
  const work = tempDir('yanyin-lo-rt-');
  const profile = `-env:UserInstallation=file://${join(work, 'profile')}`;
  const src = join(work, `${name}.xlsx`);
  copyFileSync(file, src);
  execFileSync('soffice', ['--headless', '--norestore', profile, '--convert-to', 'ods', '--outdir', work, src], { stdio: 'ignore', timeout: 120_000 });
  const back = join(work, 'back');
  execFileSync('soffice', ['--headless', '--norestore', profile, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', back, join(work, `${name}.ods`)], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  return join(back, `${name}.xlsx`);
}

/** The clean workbook, written like a clerk's. Returns the planted-mistake positions' helpers. */
async function clerkWorkbook(plant: boolean): Promise<string> {
  const blank = join(dir, 'blank.xlsx');
  runCli(['template', 'gx-zz-2022', '--kind', 'att1,att2,att3,att4', '-o', blank]);
  const wb = await loadXlsx(blank);
  const l = fillGoodGx(wb);
  const a2 = l.att2.ws;
  const t2 = l.att2.table;
  // IDs as formulas with their cached results (a clerk's =""&… or =TRIM(…) to keep them as text).
  STUDENTS.forEach((s, i) => {
    fillRow(a2, t2, i, { idNumber: { formula: i % 2 === 0 ? `""&"${s.id}"` : `TRIM(" ${s.id} ")`, result: s.id } as ExcelJS.CellFormulaValue });
  });
  // Rare characters in names: outside the BMP (𠮷) and rare BMP ones.
  fillRow(a2, t2, 0, { name: '韦𠮷娟' });
  fillRow(a2, t2, 2, { name: '陆堃' });
  // 学制 in words; dates typed five ways across the sheets.
  fillLabel(a2, '学制', '三年');
  fillLabel(a2, '入学时间', '2019.09');
  fillLabel(a2, '填报日期', '2022/5/10');
  fillRow(l.att3.ws, l.att3.table, 0, { enrollmentDate: new Date(Date.UTC(2019, 8, 1)), schoolLength: '3' });
  // An extra column after the table, an autofilter over it, hidden blank rows of the template's tail.
  const headerRow = t2.firstDataRow - 1;
  const extra = Math.max(...Object.values(t2.columns)) + 1;
  a2.getCell(headerRow, extra).value = '班级';
  STUDENTS.forEach((_, i) => {
    a2.getCell(t2.firstDataRow + i, extra).value = `19计应${(i % 2) + 1}班`;
  });
  a2.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: t2.firstDataRow + STUDENTS.length - 1, column: extra } };
  for (let r = t2.firstDataRow + STUDENTS.length; r < t2.firstDataRow + STUDENTS.length + 4; r++) a2.getRow(r).hidden = true;
  fillRow(l.att4.ws, l.att4.table, 0, { grade: '2019级', schoolLength: '三年' });

  if (plant) {
    // A parent's number typed into a student's row (born 1976), a 79人 total, a 学制变更 that disagrees with
    // the list, and last year's certificate sub-header.
    const parent = makeId({ area: '450103', birth: '19760512', gender: 'male', index: 3 });
    fillRow(a2, t2, 1, { idNumber: parent });
    fillRow(l.att1.ws, l.att1.table, 0, { graduateTotal: `${STUDENTS.length}人` });
    const huang = STUDENTS[3];
    if (!huang) throw new Error('students');
    fillRow(l.att4.ws, l.att4.table, 1, {
      name: huang.name,
      idNumber: huang.id,
      major: MAJOR,
      grade: '2019级',
      schoolLength: '4年',
      before: '3年',
      after: '4年',
      changeType: '学制变更',
    });
    const certColumn = t2.columns.certificateNumber;
    if (certColumn === undefined) throw new Error('no 证书编号 column');
    a2.getCell(headerRow, certColumn).value = '桂教中专毕字（2021）';
  }
  const path = join(dir, plant ? 'planted.xlsx' : 'clean.xlsx');
  await saveXlsx(wb, path);
  return path;
}

let clean = '';
let planted = '';
let addresses: Record<string, string> = {};
beforeAll(async () => {
  clean = await clerkWorkbook(false);
  planted = await clerkWorkbook(true);
  const l = fillGoodGx(await loadXlsx(join(dir, 'blank.xlsx')));
  addresses = {
    parentId: addressOf(l.att2.table, 1, 'idNumber'),
    total: addressOf(l.att1.table, 0, 'graduateTotal'),
    lengthAfter: addressOf(l.att4.table, 1, 'after'),
  };
}, 60_000);

const EXPECTED = () => [
  [undefined, addresses.parentId, 'id-birth-cohort'],
  [undefined, addresses.total, 'number-as-text'],
  [undefined, addresses.lengthAfter, 'change-length-list-mismatch'],
  [undefined, undefined, 'year-mismatch'],
];

function expectPlanted(r: JsonReport): void {
  for (const [sheet, address, code] of EXPECTED()) {
    const hit = r.issues.find((i) => i.code === code && (address === undefined || i.address === address) && (sheet === undefined || i.sheet === sheet));
    expect(hit, `${code} at ${address ?? '?'}:\n${r.issues.map((i) => `${i.sheet}!${i.address} ${i.code}`).join('\n')}`).toBeDefined();
  }
}

describe("a clerk's workbook (formulas, five date writings, 三年, extra column, filter, hidden rows, rare names)", () => {
  it('clean: no error, and none of the relation or cohort warnings', () => {
    const r = validateJson(clean);
    expect(errors(r)).toEqual([]);
    const relation = ['id-birth-cohort', 'number-as-text', 'year-mismatch', 'date-implausible', 'change-list-mismatch', 'change-student-not-listed'];
    expect(r.issues.filter((i) => relation.includes(i.code)).map((i) => `${i.address} ${i.code}`)).toEqual([]);
  });

  it('planted: each mistake at its cell', () => {
    expectPlanted(validateJson(planted));
  });
});

describe('after a LibreOffice round trip (.xlsx → .ods → .xlsx)', () => {
  it('clean: still no error', () => {
    expect(errors(validateJson(roundTrip(clean, 'clean')))).toEqual([]);
  }, 180_000);

  it('planted: still each mistake at its cell', () => {
    expectPlanted(validateJson(roundTrip(planted, 'planted')));
  }, 180_000);
});

