/** The port contract on real Univer (headless, the web workbook's model plugins): see univer-harness.ts. */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { HIGHLIGHT_COLORS } from '../../addin/excel/highlighter';
import { att2Rows } from '../excel-standin/fixtures';
import { describePortContract, issue } from './port-contract';
import type { UniverPort } from '../../web/workbook/univer-port';
import { univerHarness } from './univer-harness';
import { workbookToUniver } from '../../web/workbook/xlsx-open';
import { writeBack } from '../../web/workbook/xlsx-save';

describePortContract('Univer (web workbook)', () => univerHarness());

describe('Univer port: marks travel with whole cells', () => {
  let h: ReturnType<typeof univerHarness>;
  afterEach(() => h.dispose?.());

  /** What Univer's editor, paste and undo execute: a cell's data written whole, stored mark included. */
  const writeWhole = (from: [number, number], to: [number, number], patch: Record<string, unknown> = {}): void => {
    const wb = h.api().getActiveWorkbook();
    const ws = wb?.getSheetByName('附件2');
    if (!wb || !ws) throw new Error('no sheet');
    const cell = { ...ws.getSheet().getCellRaw(from[0] - 1, from[1] - 1), ...patch };
    h.api().syncExecuteCommand('sheet.command.set-range-values', {
      unitId: wb.getId(),
      subUnitId: ws.getSheetId(),
      range: { startRow: to[0] - 1, endRow: to[0] - 1, startColumn: to[1] - 1, endColumn: to[1] - 1 },
      value: cell,
    });
  };

  it('a pasted highlighted cell brings its mark: the port removes it there and gives back the fill it replaced', async () => {
    h = univerHarness();
    h.addSheet('附件2', att2Rows(5));
    h.userFill('附件2', 'B12', '#92D050');
    const port = h.port() as UniverPort; // createUniverPort's own
    await port.showIssues([issue('附件2', 'B12')]);
    expect(h.cell('附件2', 'B12').fill).toBe(HIGHLIGHT_COLORS.error);
    writeWhole([12, 2], [14, 5]); // copy B12, paste on E14
    expect(port.marks('附件2').get('E14')).toBe('error');
    await port.showIssuesForRows('附件2', 14, 14, []);
    expect(h.cell('附件2', 'E14').fill).toBe('#92D050');
    // The editor commits the cell it started from: the mark stays, and clearing still restores the fill.
    writeWhole([12, 2], [12, 2], { v: '王芳' });
    await port.clearHighlights();
    expect(h.fills('附件2')).toEqual({ B12: '#92D050', E14: '#92D050' });
    expect(h.cell('附件2', 'B12').value).toBe('王芳');
  });
});

describe('Univer port: dropdowns of an inserted template reach the downloaded file', () => {
  let h: ReturnType<typeof univerHarness>;
  afterEach(() => h.dispose?.());

  it('the Excel port’s lists are in Univer’s model, in the saved .xlsx, and in Univer again when it is opened', async () => {
    h = univerHarness();
    h.addSheet('Sheet1', [[null]]);
    const port = h.port() as UniverPort;
    expect(port.capabilities().dataValidation).toBe(true);
    const name = await port.insertTemplate('gx-zz-2022', 'att4');
    const lists = port.listValidations(name).map((v) => [v.ranges.join(' '), v.options?.join(',')]);
    expect(lists).toEqual([
      ['E5:E14', '2年,3年,4年,5年'],
      ['H5:H14', '姓名,性别,身份证号码,学制变更,休学,复学,留级,转出,转入,转专业'],
    ]);
    // Saved as session.saveBytes does for a workbook started from blank templates (no original file).
    const sheets = (await port.readWorkbook()).sheets;
    const wb = new ExcelJS.Workbook();
    writeBack(wb, sheets, { [name]: port.listValidations(name) });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const ws = back.getWorksheet(name);
    expect(ws?.getCell('H14').dataValidation).toMatchObject({ type: 'list', formulae: ['"姓名,性别,身份证号码,学制变更,休学,复学,留级,转出,转入,转专业"'] });
    expect(ws?.getCell('E5').dataValidation).toMatchObject({ type: 'list', formulae: ['"2年,3年,4年,5年"'] });
    expect(ws?.getCell('E15').dataValidation).toBeUndefined();
    // Opened again in the browser (in place of the first workbook, as the page does): the file's dropdowns show.
    h.api().disposeUnit(h.api().getActiveWorkbook()?.getId() ?? '');
    h.api().createWorkbook(workbookToUniver(back, 'back.xlsx'));
    expect(h.listValidations(name).map((v) => v.address)).toEqual(expect.arrayContaining(['E5:E14', 'H5:H14']));
  });
});
