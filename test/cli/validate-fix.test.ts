/**
 * `yanyin validate` on an unfilled template says no data rows were found (exit 0: nothing is wrong, but
 * nothing was checked); `--fix <out.xlsx>` writes a copy with every safe fix applied, lists each changed
 * cell by student, never touches what only the clerk can fix, and names students in the report.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toFullWidth } from '../helpers/ids';
import { STUDENTS, fillGoodGx, gxLayout } from '../helpers/xlsx-gx';
import { addressOf, fillRow, loadXlsx, runCli, saveXlsx, tempDir } from '../helpers/xlsx';

const TODAY = '2022-06-20';
const dir = tempDir('yanyin-cli-fix-');
const blank = join(dir, 'blank.xlsx');
const planted = join(dir, 'planted.xlsx');
const fixed = join(dir, 'fixed.xlsx');
let cells: { serial: string; id: string; failing: string };

beforeAll(async () => {
  expect(runCli(['template', 'gx-zz-2022', '--kind', 'att1,att2,att3,att4', '-o', blank]).status).toBe(0);
  const wb = await loadXlsx(blank);
  const l = fillGoodGx(wb);
  const s = STUDENTS;
  // Fixable: a serial out of sequence, a full-width ID. Not fixable: a failing grade.
  fillRow(l.att2.ws, l.att2.table, 2, { serial: 5 });
  fillRow(l.att2.ws, l.att2.table, 3, { idNumber: toFullWidth(String(s[3]?.id)) });
  fillRow(l.att2.ws, l.att2.table, 1, { skillCourses: 45 });
  cells = {
    serial: addressOf(l.att2.table, 2, 'serial'),
    id: addressOf(l.att2.table, 3, 'idNumber'),
    failing: addressOf(l.att2.table, 1, 'skillCourses'),
  };
  await saveXlsx(wb, planted);
}, 60_000);

describe('yanyin validate on an unfilled template', () => {
  it('says that no data rows were found instead of "passed", exit code unchanged', () => {
    const r = runCli(['validate', blank, '--today', TODAY]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('未找到数据行');
    expect(r.stdout).not.toContain('✓ 通过');
    expect(runCli(['validate', blank, '--lang', 'en', '--today', TODAY]).stdout).toContain('no data rows found');
  });
});

describe('yanyin validate --fix', () => {
  it('writes a copy with the safe fixes, lists each changed cell with its student, leaves the rest', async () => {
    const r = runCli(['validate', planted, '--fix', fixed, '--today', TODAY]);
    const lines = r.stdout.split('\n');
    expect(r.stdout).toContain(`写入副本：${fixed}`);
    const serialLine = lines.find((x) => x.includes(`】${cells.serial} `));
    expect(serialLine).toMatch(/序号 5 .+ · 序号：“5” → “?3”?/);
    expect(lines.some((x) => x.includes(`】${cells.id} `) && x.includes('身份证号码'))).toBe(true);
    expect(lines.some((x) => x.includes(`】${cells.failing} `))).toBe(false);
    // The report that follows is about the fixed copy: only the failing grade is left, named by student.
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`${cells.failing} +错误 +序号 2 \\S+ · 专业技能课：`));
    expect(r.stdout).not.toContain('点击');

    const wb = await loadXlsx(fixed);
    const l = gxLayout(wb);
    expect(l.att2.ws.getCell(cells.serial).value).toBe(3);
    expect(String(l.att2.ws.getCell(cells.id).value)).toBe(STUDENTS[3]?.id);
    expect(l.att2.ws.getCell(cells.failing).value).toBe(45);
    // The original is untouched.
    const original = gxLayout(await loadXlsx(planted));
    expect(original.att2.ws.getCell(cells.serial).value).toBe(5);
  });

  it('refuses to overwrite the file being checked', () => {
    const r = runCli(['validate', planted, '--fix', planted]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--fix');
  });
});
