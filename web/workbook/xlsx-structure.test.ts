import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { applyStructureOps as applyRowOps, shiftMerge } from './xlsx-structure';
import { writeBack } from './xlsx-save';

/** Rows 1–3 students (18 pt), row 4 a taller, italic, merged footer; row 5 below it. */
function original(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件2');
  ['张伟', '王芳', '李娜'].forEach((name, i) => {
    ws.getCell(i + 1, 1).value = name;
    ws.getRow(i + 1).height = 18;
  });
  ws.getCell('A4').value = '填表人：';
  ws.getCell('A4').font = { italic: true };
  ws.getRow(4).height = 30;
  ws.mergeCells('A4:C4');
  ws.getCell('A5').value = '审核人：';
  return wb;
}

const merges = (ws: ExcelJS.Worksheet): string[] => (ws.model as { merges?: string[] }).merges ?? [];

describe('row edits', () => {
  it('a deleted row takes its formats along: the rows below move up with their heights, fonts and merges', () => {
    const wb = original();
    applyRowOps(wb, [{ sheet: '附件2', kind: 'delete', row: 2, count: 1 }]);
    const ws = wb.getWorksheet('附件2') as ExcelJS.Worksheet;
    expect(ws.getCell('A2').value).toBe('李娜');
    expect(ws.getCell('A3').value).toBe('填表人：');
    expect(ws.getRow(3).height).toBe(30);
    expect(ws.getCell('A3').font?.italic).toBe(true);
    expect(merges(ws)).toEqual(['A3:C3']);
    expect(ws.getCell('A4').value).toBe('审核人：');
    expect(ws.getRow(4).height).toBeUndefined();
    expect(ws.getCell('A4').font?.italic).toBeFalsy();
  });

  it('values written back after the row edits land on rows with the right formats', () => {
    const wb = original();
    applyRowOps(wb, [{ sheet: '附件2', kind: 'delete', row: 3, count: 1 }]);
    writeBack(wb, [{ name: '附件2', rows: [[{ value: '张伟', type: 'string' }], [{ value: '王芳', type: 'string' }], [{ value: '填表人：', type: 'string' }], [{ value: '审核人：', type: 'string' }]] }]);
    const ws = wb.getWorksheet('附件2') as ExcelJS.Worksheet;
    expect(ws.getRow(3).height).toBe(30);
    expect(merges(ws)).toEqual(['A3:C3']);
    expect(ws.getCell('A5').value).toBeNull();
  });

  it('an inserted row takes the formats of the row above; the footer moves down whole', () => {
    const wb = original();
    applyRowOps(wb, [{ sheet: '附件2', kind: 'insert', row: 4, count: 2 }]);
    const ws = wb.getWorksheet('附件2') as ExcelJS.Worksheet;
    expect(ws.getRow(4).height).toBe(18);
    expect(ws.getRow(5).height).toBe(18);
    expect(ws.getCell('A4').value).toBeNull();
    expect(ws.getCell('A6').value).toBe('填表人：');
    expect(ws.getRow(6).height).toBe(30);
    expect(merges(ws)).toEqual(['A6:C6']);
  });

  it('a merge losing all its rows goes; one losing some shrinks', () => {
    expect(shiftMerge({ top: 4, left: 1, bottom: 4, right: 3 }, { kind: 'delete', row: 4, count: 1 })).toBeNull();
    expect(shiftMerge({ top: 2, left: 1, bottom: 5, right: 1 }, { kind: 'delete', row: 3, count: 2 })).toEqual({ top: 2, left: 1, bottom: 3, right: 1 });
    expect(shiftMerge({ top: 2, left: 1, bottom: 3, right: 1 }, { kind: 'delete', row: 3, count: 1 })).toBeNull();
    expect(shiftMerge({ top: 2, left: 1, bottom: 3, right: 1 }, { kind: 'insert', row: 3, count: 1 })).toEqual({ top: 2, left: 1, bottom: 4, right: 1 });
  });
});

/** A data sheet with a dropdown, a text-format check and widths, as the official templates carry them. */
function withRules(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件2');
  ws.getRow(1).values = ['序号', '姓名', '性别', '身份证号码'];
  for (let r = 2; r <= 6; r++) ws.getRow(r).values = [r - 1, `学生${r - 1}`, '男', `4501022004010${r}`];
  ws.getCell('A8').value = '填表人：';
  ws.getCell('A8').font = { italic: true };
  ws.getColumn(2).width = 12;
  ws.getColumn(4).width = 22;
  const dv = (ws as unknown as { dataValidations: { add(address: string, rule: unknown): void } }).dataValidations;
  dv.add('C2:C6', { type: 'list', allowBlank: true, formulae: ['"男,女"'] });
  dv.add('A8', { type: 'textLength', operator: 'lessThan', formulae: [20] });
  ws.addConditionalFormatting({ ref: 'D2:D6', rules: [{ type: 'expression', priority: 1, formulae: ['LEN(D2)<>18'], style: {} }] });
  ws.addConditionalFormatting({ ref: 'B3', rules: [{ type: 'expression', priority: 2, formulae: ['B3=""'], style: {} }] });
  return wb;
}

/** The workbook as the clerk downloads it: written to bytes and read back. */
async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Worksheet> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return back.getWorksheet('附件2') as ExcelJS.Worksheet;
}

const validations = (ws: ExcelJS.Worksheet): Record<string, string> =>
  Object.fromEntries(
    Object.entries((ws as unknown as { dataValidations: { model: Record<string, { type: string } | undefined> } }).dataValidations.model)
      .filter(([, v]) => v)
      .map(([a, v]) => [a, String(v?.type)]),
  );
const formats = (ws: ExcelJS.Worksheet): string[] => (ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings.map((cf) => cf.ref).sort();

describe('validations and conditional formats follow the edits', () => {
  it('a deleted row moves the rules below it up and shrinks the ones it cut', async () => {
    const wb = withRules();
    applyRowOps(wb, [{ sheet: '附件2', kind: 'delete', row: 3, count: 1 }]);
    const ws = await roundTrip(wb);
    expect(validations(ws)).toEqual({ C2: 'list', C3: 'list', C4: 'list', C5: 'list', A7: 'textLength' });
    expect(formats(ws)).toEqual(['D2:D5']); // B3's rule went with its row
    expect(ws.getCell('A7').font?.italic).toBe(true);
  });

  it('an inserted row moves them down and widens the ones it lands in', async () => {
    const wb = withRules();
    applyRowOps(wb, [{ sheet: '附件2', kind: 'insert', row: 4, count: 2 }]);
    const ws = await roundTrip(wb);
    expect(Object.keys(validations(ws)).filter((a) => a.startsWith('C'))).toHaveLength(7);
    expect(validations(ws).A10).toBe('textLength');
    expect(formats(ws)).toEqual(['B3', 'D2:D8']);
  });
});

describe('column edits', () => {
  it('a deleted column takes its values, width, rules and merges along; the columns right of it move left', async () => {
    const wb = withRules();
    wb.getWorksheet('附件2')?.mergeCells('C8:E8');
    applyRowOps(wb, [{ sheet: '附件2', kind: 'delete-columns', column: 2, count: 1 }]);
    const ws = await roundTrip(wb);
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '性别', '身份证号码']);
    expect(ws.getColumn(3).width).toBe(22);
    expect(ws.getColumn(2).width).toBeUndefined();
    expect(validations(ws).B2).toBe('list');
    expect(validations(ws).C2).toBeUndefined();
    expect(formats(ws)).toEqual(['C2:C6']);
    expect((ws.model as { merges?: string[] }).merges).toEqual(['B8:D8']);
  });

  it('an inserted column takes the width of the one on its left and moves the rest right', async () => {
    const wb = withRules();
    applyRowOps(wb, [{ sheet: '附件2', kind: 'insert-columns', column: 3, count: 1 }]);
    const ws = await roundTrip(wb);
    expect(['A1', 'B1', 'C1', 'D1', 'E1'].map((a) => ws.getCell(a).value)).toEqual(['序号', '姓名', null, '性别', '身份证号码']);
    expect(ws.getColumn(3).width).toBe(12);
    expect(ws.getColumn(5).width).toBe(22);
    expect(validations(ws).D2).toBe('list');
    expect(validations(ws).C2).toBeUndefined();
    expect(formats(ws)).toEqual(['B3', 'E2:E6']);
  });
});
