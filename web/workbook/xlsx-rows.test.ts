import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { applyRowOps, shiftArea } from './xlsx-rows';
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

describe('applyRowOps', () => {
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
    expect(shiftArea({ top: 4, left: 1, bottom: 4, right: 3 }, { kind: 'delete', row: 4, count: 1 })).toBeNull();
    expect(shiftArea({ top: 2, left: 1, bottom: 5, right: 1 }, { kind: 'delete', row: 3, count: 2 })).toEqual({ top: 2, left: 1, bottom: 3, right: 1 });
    expect(shiftArea({ top: 2, left: 1, bottom: 3, right: 1 }, { kind: 'delete', row: 3, count: 1 })).toBeNull();
    expect(shiftArea({ top: 2, left: 1, bottom: 3, right: 1 }, { kind: 'insert', row: 3, count: 1 })).toEqual({ top: 2, left: 1, bottom: 4, right: 1 });
  });
});
