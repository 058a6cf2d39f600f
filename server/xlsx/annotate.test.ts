import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { IssueWithMessage as Issue } from '../../core/issues/issue';
import { ERROR_FILL, NOTE_HEADING, WARNING_FILL, annotateWorkbook } from './annotate';

function issue(p: Partial<Issue> & Pick<Issue, 'address' | 'row' | 'column'>): Issue {
  return { code: 'id-checksum', severity: 'error', params: {}, sheet: '表一', message: '校验码错误', ...p };
}

function noteOf(cell: ExcelJS.Cell): string {
  const n = cell.note;
  if (!n) return '';
  return typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('');
}

async function reload(wb: ExcelJS.Workbook) {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as Parameters<typeof back.xlsx.load>[0]);
  return back;
}

describe('annotateWorkbook', () => {
  it('fills problem cells (worst severity wins), notes the messages, keeps everything else', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表一');
    ws.getCell('A1').value = '450203200401021071';
    ws.getCell('A1').numFmt = '@';
    ws.getCell('A1').font = { bold: true };
    ws.getCell('B1').value = '女';
    ws.getCell('C1').value = 45;
    ws.getCell('C1').note = '补考成绩待定';
    ws.getCell('D1').value = 'untouched';

    const result = annotateWorkbook(wb, [
      issue({ address: 'A1', row: 1, column: 1, fix: null }),
      issue({
        address: 'B1',
        row: 1,
        column: 2,
        code: 'gender-id-mismatch',
        severity: 'warning',
        message: '性别与身份证不符',
      }),
      issue({
        address: 'B1',
        row: 1,
        column: 2,
        code: 'x',
        severity: 'error',
        message: '另一个错误',
        fix: '男',
      }),
      issue({
        address: 'C1',
        row: 1,
        column: 3,
        code: 'grade-failing',
        severity: 'warning',
        message: '成绩不及格',
      }),
      issue({ address: 'Z9', row: 9, column: 26, sheet: '不存在', message: '无处安放' }),
    ]);
    expect(result.cells).toBe(3);
    expect(result.unplaced).toHaveLength(1);

    const back = await reload(wb);
    const s = back.getWorksheet('表一');
    if (!s) throw new Error('sheet lost');
    const fill = (a: string) => (s.getCell(a).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(fill('A1')).toBe(ERROR_FILL);
    expect(fill('B1')).toBe(ERROR_FILL); // an error and a warning: error wins
    expect(fill('C1')).toBe(WARNING_FILL);
    expect(s.getCell('D1').fill?.type ?? 'none').not.toBe('pattern');

    expect(noteOf(s.getCell('A1'))).toContain('校验码错误');
    expect(noteOf(s.getCell('B1'))).toMatch(
      /\[错误\] 另一个错误（建议改为：男）[\s\S]*\[警告\] 性别与身份证不符/,
    );
    expect(noteOf(s.getCell('C1'))).toMatch(new RegExp(`^补考成绩待定\\n\\n${NOTE_HEADING}`));

    // The rest of the cell is kept.
    expect(s.getCell('A1').value).toBe('450203200401021071');
    expect(s.getCell('A1').numFmt).toBe('@');
    expect(s.getCell('A1').font?.bold).toBe(true);
    expect(s.getCell('D1').value).toBe('untouched');
  });

  it('replaces its own earlier note instead of stacking, and marks the master of a merged area', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表一');
    ws.mergeCells('A1:C1');
    ws.getCell('A1').value = '学校名称（盖章）：';
    annotateWorkbook(wb, [issue({ address: 'B1', row: 1, column: 2, message: '第一次' })]);
    annotateWorkbook(wb, [issue({ address: 'A1', row: 1, column: 1, message: '第二次' })]);
    const note = noteOf(ws.getCell('A1'));
    expect(note).toContain('第二次');
    expect(note).not.toContain('第一次');
    expect(note.split(NOTE_HEADING)).toHaveLength(2);
  });

  it('leaves a sheet that is no template alone, and leads a note with the student it is about', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表一');
    const result = annotateWorkbook(
      wb,
      [
        issue({ code: 'no-template', address: 'A1', row: 1, column: 1, message: '没有识别到模板' }),
        issue({ address: 'D5', row: 5, column: 4 }),
      ],
      { student: (i) => (i.row === 5 ? '序号 2 张三 · 身份证号码' : null) },
    );
    expect(result.cells).toBe(1);
    expect(ws.getCell('A1').note).toBeUndefined();
    expect(ws.getCell('A1').fill).toBeUndefined();
    expect(noteOf(ws.getCell('D5')).split('\n')[0]).toBe(`${NOTE_HEADING}序号 2 张三 · 身份证号码`);
  });
});
