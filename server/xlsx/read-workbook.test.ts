import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellAt } from '../../core/grid/cell';
import { WorkbookReadError } from './read-error';
import { loadWorkbook, readWorkbook } from './read-workbook';

const fixtures = join(import.meta.dirname, '../../test/fixtures');

async function roundTrip(fill: (ws: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('表一'));
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const grid = await readWorkbook(bytes);
  const sheet = grid.sheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

async function readErrorOf(input: string | Buffer): Promise<WorkbookReadError> {
  try {
    await loadWorkbook(input);
  } catch (e) {
    if (e instanceof WorkbookReadError) return e;
    throw e;
  }
  throw new Error('expected a WorkbookReadError');
}

describe('readWorkbook: cell types as Excel stores them', () => {
  it('keeps numbers as numbers (an 18-digit ID typed as a number arrives as the damaged double)', async () => {
    const sheet = await roundTrip((ws) => {
      ws.getCell('A1').value = 440305200506121000;
      ws.getCell('B1').value = '450103200405211020';
      ws.getCell('C1').value = 85.5;
    });
    expect(cellAt(sheet, 1, 1)).toEqual({
      value: 440305200506121000,
      type: 'number',
      numberFormat: undefined,
    });
    expect(cellAt(sheet, 1, 2)?.type).toBe('string');
    expect(cellAt(sheet, 1, 2)?.value).toBe('450103200405211020');
    expect(cellAt(sheet, 1, 3)).toMatchObject({ value: 85.5, type: 'number' });
  });

  it('dates become ISO YYYY-MM-DD with type date; booleans, errors, rich text, hyperlinks', async () => {
    const sheet = await roundTrip((ws) => {
      ws.getCell('A1').value = new Date(Date.UTC(2022, 4, 10));
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
      ws.getCell('B1').value = true;
      ws.getCell('C1').value = { error: '#N/A' };
      ws.getCell('D1').value = { richText: [{ text: '韦', font: { bold: true } }, { text: '丽娟' }] };
      ws.getCell('E1').value = { text: '南宁', hyperlink: 'https://example.org' };
    });
    expect(cellAt(sheet, 1, 1)).toEqual({ value: '2022-05-10', type: 'date', numberFormat: 'yyyy-mm-dd' });
    expect(cellAt(sheet, 1, 2)).toMatchObject({ value: true, type: 'boolean' });
    expect(cellAt(sheet, 1, 3)).toMatchObject({ value: '#N/A', type: 'error' });
    expect(cellAt(sheet, 1, 4)).toMatchObject({ value: '韦丽娟', type: 'string' });
    expect(cellAt(sheet, 1, 5)).toMatchObject({ value: '南宁', type: 'string' });
  });

  it('formulas give their cached result with its type; an uncalculated formula is empty', async () => {
    const sheet = await roundTrip((ws) => {
      ws.getCell('A1').value = { formula: 'SUM(1,2)', result: 3 };
      ws.getCell('B1').value = { formula: 'CONCAT("桂","教")', result: '桂教' };
      ws.getCell('C1').value = { formula: '1/0', result: { error: '#DIV/0!' } };
      ws.getCell('D1').value = { formula: 'TRUE()', result: true };
      ws.getCell('E1').value = { formula: 'DATE(2019,9,1)', result: new Date(Date.UTC(2019, 8, 1)) };
      ws.getCell('E1').numFmt = 'yyyy"年"m"月"';
      ws.getCell('F1').value = { formula: 'A1*2' };
    });
    expect(cellAt(sheet, 1, 1)).toMatchObject({ value: 3, type: 'number' });
    expect(cellAt(sheet, 1, 2)).toMatchObject({ value: '桂教', type: 'string' });
    expect(cellAt(sheet, 1, 3)).toMatchObject({ value: '#DIV/0!', type: 'error' });
    expect(cellAt(sheet, 1, 4)).toMatchObject({ value: true, type: 'boolean' });
    expect(cellAt(sheet, 1, 5)).toMatchObject({ value: '2019-09-01', type: 'date' });
    expect(cellAt(sheet, 1, 6)?.value ?? null).toBeNull();
  });

  it('copies the number format, including text `@` on empty cells', async () => {
    const sheet = await roundTrip((ws) => {
      ws.getCell('A1').value = '45010320040815106X';
      ws.getCell('A1').numFmt = '@';
      ws.getCell('A2').numFmt = '@';
    });
    expect(cellAt(sheet, 1, 1)).toEqual({ value: '45010320040815106X', type: 'string', numberFormat: '@' });
    expect(cellAt(sheet, 2, 1)).toEqual({ value: null, type: 'empty', numberFormat: '@' });
  });

  it('starts at A1 and puts a merged value in the master cell only', async () => {
    const sheet = await roundTrip((ws) => {
      ws.getCell('C5').value = 'x';
      ws.mergeCells('B2:E3');
      ws.getCell('B2').value = '各类课程综合成绩';
    });
    expect(sheet.rows[4]?.[2]?.value).toBe('x');
    expect(cellAt(sheet, 2, 2)?.value).toBe('各类课程综合成绩');
    for (const [r, c] of [
      [2, 3],
      [2, 5],
      [3, 2],
      [3, 5],
    ] as const)
      expect(cellAt(sheet, r, c)?.value ?? null).toBeNull();
    expect(sheet.rows).toHaveLength(5);
  });

  it('reads a file saved by LibreOffice (shared strings, the ID stored as a double)', async () => {
    const grid = await readWorkbook(join(fixtures, 'libreoffice-gx-att2.xlsx'));
    const sheet = grid.sheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.name).toBe('计算机应用');
    expect(cellAt(sheet, 10, 9)?.value).toBe('桂教中专毕字（2022）');
    expect(cellAt(sheet, 13, 4)).toMatchObject({ value: 440305200506121000, type: 'number' });
    expect(cellAt(sheet, 15, 4)).toMatchObject({ value: '45010320040815106x', type: 'string' });
    expect(cellAt(sheet, 9, 6)?.value ?? null).toBeNull(); // inside the merged 各类课程综合成绩
  });
});

describe('readWorkbook: unreadable input is a typed error with a clear message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yanyin-read-'));
  const file = (name: string, bytes: Buffer | string) => {
    const p = join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };

  it.each([
    ['missing file', () => join(dir, 'nope.xlsx'), 'file-not-found', '找不到文件'],
    ['a directory', () => dir, 'not-a-file', '不是文件'],
    ['an empty file', () => file('empty.xlsx', ''), 'empty-file', '空的'],
    ['a text file', () => file('notes.xlsx', '姓名,身份证号码\n'), 'not-xlsx', '不是 Excel 工作簿'],
    ['a legacy .xls', () => join(fixtures, 'libreoffice-gx-att2.xls'), 'xls-format', '.xls'],
    [
      'a password-protected .xlsx',
      () =>
        file(
          'locked.xlsx',
          Buffer.concat([
            Buffer.from('d0cf11e0a1b11ae1', 'hex'),
            Buffer.alloc(500),
            Buffer.from('EncryptionInfo', 'utf16le'),
          ]),
        ),
      'encrypted',
      '密码',
    ],
    [
      'an .ods',
      () =>
        file(
          'a.ods',
          Buffer.concat([
            Buffer.from('504b0304', 'hex'),
            Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
          ]),
        ),
      'ods-format',
      '.ods',
    ],
    [
      'a .docx',
      () => file('a.xlsx', Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.from('word/document.xml')])),
      'not-xlsx',
      '不是 Excel',
    ],
    [
      'a truncated .xlsx',
      () =>
        file(
          'cut.xlsx',
          Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.from('xl/workbook.xml'), Buffer.alloc(64)]),
        ),
      'corrupt',
      '损坏',
    ],
  ])('%s', async (_label, path, code, zh) => {
    const e = await readErrorOf(path());
    expect(e.code).toBe(code);
    expect(e.messageZh).toContain(zh);
    expect(e.messageEn.length).toBeGreaterThan(10);
  });
});
