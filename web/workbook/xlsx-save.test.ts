import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SheetGrid } from '../../core/grid/cell';
import { changeOf } from './univer-port';
import { workbookToUniver } from './xlsx-open';
import { writeBack } from './xlsx-save';

function original(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件2');
  ws.getCell('A1').value = '附件2';
  ws.getCell('A1').font = { bold: true };
  ws.mergeCells('A1:D1');
  ws.getCell('B3').value = '张伟';
  ws.getCell('C3').value = { formula: '1+1', result: 2 };
  ws.getCell('D3').numFmt = '@';
  ws.getCell('D3').value = '450102200401011017';
  ws.getColumn(4).width = 22;
  return wb;
}

describe('writeBack', () => {
  it('writes only changed cells into the original workbook, IDs as text, formulas and formats kept', () => {
    const wb = original();
    const grid: SheetGrid = {
      name: '附件2',
      rows: [
        [{ value: '附件2', type: 'string' }],
        [],
        [null, { value: '王芳', type: 'string' }, { value: 2, type: 'number' }, { value: '450102200401011017', type: 'string', numberFormat: '@' }],
        [null, null, null, { value: '450102200401021020', type: 'string' }],
      ],
    };
    expect(writeBack(wb, grid ? [grid] : [])).toBe(2);
    const ws = wb.getWorksheet('附件2');
    expect(ws?.getCell('B3').value).toBe('王芳');
    expect(ws?.getCell('C3').value).toEqual({ formula: '1+1', result: 2 });
    expect(ws?.getCell('D4').value).toBe('450102200401021020');
    expect(ws?.getCell('D4').numFmt).toBe('@');
    expect(ws?.getCell('A1').font?.bold).toBe(true);
    expect(ws?.getColumn(4).width).toBe(22);
  });

  it('clears cells the clerk emptied and adds sheets made in the browser', () => {
    const wb = original();
    writeBack(wb, [
      { name: '附件2', rows: [[{ value: '附件2', type: 'string' }], [], [null, null, { value: 2, type: 'number' }, { value: '450102200401011017', type: 'string' }]] },
      { name: '附件3', rows: [[{ value: '学校', type: 'string' }]] },
    ]);
    expect(wb.getWorksheet('附件2')?.getCell('B3').value).toBeNull();
    expect(wb.getWorksheet('附件3')?.getCell('A1').value).toBe('学校');
  });
});

describe('workbookToUniver', () => {
  it('keeps values with their types, text format, merges and widths', () => {
    const data = workbookToUniver(original(), 'a.xlsx') as unknown as {
      sheets: Record<string, { cellData: Record<number, Record<number, { v: unknown; t: number; s?: { n?: { pattern: string } } }>>; mergeData: unknown[]; columnData: Record<number, { w: number }> }>;
    };
    const sheet = Object.values(data.sheets)[0];
    expect(sheet?.cellData[2]?.[3]).toMatchObject({ v: '450102200401011017', t: 4, s: { n: { pattern: '@' } } });
    expect(sheet?.cellData[2]?.[2]).toMatchObject({ v: 2, t: 2 });
    expect(sheet?.mergeData).toEqual([{ startRow: 0, endRow: 0, startColumn: 0, endColumn: 3 }]);
    expect(sheet?.columnData[3]?.w).toBe(159);
  });

  it('carries bold and italic into the cell styles', () => {
    const wb = original();
    (wb.getWorksheet('附件2') as ExcelJS.Worksheet).getCell('B3').font = { italic: true };
    const data = workbookToUniver(wb, 'a.xlsx') as unknown as { sheets: Record<string, { cellData: Record<number, Record<number, { s?: Record<string, unknown> }>> }> };
    const sheet = Object.values(data.sheets)[0];
    expect(sheet?.cellData[0]?.[0]?.s).toMatchObject({ bl: 1 });
    expect(sheet?.cellData[2]?.[1]?.s).toMatchObject({ it: 1 });
  });
});

describe('changeOf', () => {
  it('turns Univer mutations into the Excel-shaped changes the controller reads', () => {
    expect(changeOf('sheet.mutation.set-range-values', { cellValue: { 3: { 1: {}, 3: {} }, 5: { 2: {} } } }, 'S')).toEqual({ sheet: 'S', address: 'B4:D6', changeType: 'RangeEdited' });
    expect(changeOf('sheet.mutation.set-range-values', { cellValue: { 0: { 0: {} } } }, 'S')?.address).toBe('A1');
    expect(changeOf('sheet.mutation.remove-rows', { range: { startRow: 9, endRow: 10 } }, 'S')).toEqual({ sheet: 'S', address: '10:11', changeType: 'RowDeleted' });
    expect(changeOf('sheet.mutation.insert-row', { range: { startRow: 2, endRow: 2 } }, 'S')?.changeType).toBe('RowInserted');
    expect(changeOf('sheet.mutation.set-worksheet-col-width', {}, 'S')).toBeNull();
  });
});
