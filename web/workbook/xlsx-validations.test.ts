import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { workbookToUniver } from './xlsx-open';
import { writeBack } from './xlsx-save';
import { fromUniverRule, listValidationsOf, toUniverRule, UNIVER_DV_RESOURCE, type ListValidation } from './xlsx-validations';

/** A workbook written to bytes and read back: exceljs reads a `C5:C104` rule as one entry per cell. */
async function reread(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return back;
}

const dropdownsOf = (data: { resources?: { name: string; data: string }[] }): Record<string, { formula1: string; ranges: unknown[] }[]> =>
  JSON.parse(data.resources?.find((r) => r.name === UNIVER_DV_RESOURCE)?.data ?? '{}');

describe('dropdowns of the opened file', () => {
  it('become Univer list rules: one per rule of the file, cells gathered into column runs, references kept', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('附件2');
    wb.addWorksheet('空表');
    for (let r = 5; r <= 104; r++) ws.getCell(r, 3).dataValidation = { type: 'list', allowBlank: true, formulae: ['"男,女"'], showErrorMessage: true, errorStyle: 'warning', error: '请选择' };
    ws.getCell('E5').dataValidation = { type: 'list', allowBlank: false, formulae: ['$Z$1:$Z$3'] };
    ws.getCell('F5').dataValidation = { type: 'whole', operator: 'greaterThan', formulae: [0] };
    const data = workbookToUniver(await reread(wb), 'a.xlsx') as unknown as { resources?: { name: string; data: string }[] };
    const rules = dropdownsOf(data);
    expect(Object.keys(rules)).toEqual(['sheet-1']);
    expect(rules['sheet-1']).toEqual([
      expect.objectContaining({ type: 'list', formula1: '["男","女"]', ranges: [{ startRow: 4, endRow: 103, startColumn: 2, endColumn: 2 }], errorStyle: 2, error: '请选择', showErrorMessage: true, allowBlank: true }),
      expect.objectContaining({ type: 'list', formula1: '=$Z$1:$Z$3', ranges: [{ startRow: 4, endRow: 4, startColumn: 4, endColumn: 4 }], allowBlank: false }),
    ]);
  });

  it('a file without any gives no resource', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('附件2').getCell('A1').value = 'x';
    expect(dropdownsOf(workbookToUniver(await reread(wb), 'a.xlsx') as never)).toEqual({});
  });
});

describe('dropdowns made in the browser', () => {
  const gender: ListValidation = { ranges: ['C11:C28'], options: ['男', '女'], allowBlank: true, showError: true, errorStyle: 'stop', errorTitle: '性别', error: '请从下拉列表中选择：男、女', showPrompt: false };

  it('survive Univer’s rule format both ways', () => {
    const rule = toUniverRule(gender, 'u1');
    expect(rule && fromUniverRule(rule)).toEqual(gender);
    // Univer's own list editor may keep a plain comma list.
    expect(fromUniverRule({ type: 'list', formula1: '男,女', ranges: [{ startRow: 0, endRow: 0, startColumn: 0, endColumn: 0 }] })?.options).toEqual(['男', '女']);
  });

  it('are written into the sheets the download adds, not into the original’s own sheets', async () => {
    const wb = new ExcelJS.Workbook();
    const own = wb.addWorksheet('附件1');
    own.getCell('B2').dataValidation = { type: 'list', allowBlank: true, formulae: ['"甲,乙"'] };
    const grid = (name: string) => ({ name, rows: [[{ value: name, type: 'string' as const }]] });
    writeBack(wb, [grid('附件1'), grid('附件2 资格审核与验印登记表')], { 附件1: [{ ...gender, ranges: ['B2:B9'] }], '附件2 资格审核与验印登记表': [gender] });
    // A restored draft opens this workbook without writing it to bytes first: the dropdowns show as well.
    expect(dropdownsOf(workbookToUniver(wb, 'draft.xlsx') as never)['sheet-2']).toEqual([expect.objectContaining({ formula1: '["男","女"]', ranges: [{ startRow: 10, endRow: 27, startColumn: 2, endColumn: 2 }] })]);
    const back = await reread(wb);
    const added = back.getWorksheet('附件2 资格审核与验印登记表');
    for (const a of ['C11', 'C28']) expect(added?.getCell(a).dataValidation).toMatchObject({ type: 'list', formulae: ['"男,女"'], showErrorMessage: true, error: '请从下拉列表中选择：男、女' });
    expect(added?.getCell('C29').dataValidation).toBeUndefined();
    expect(back.getWorksheet('附件1')?.getCell('B2').dataValidation).toMatchObject({ formulae: ['"甲,乙"'] });
    expect(back.getWorksheet('附件1')?.getCell('B3').dataValidation).toBeUndefined();
    expect(added && listValidationsOf(added)).toEqual([gender]);
  });
});
