import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { getPack, packs } from '../../core/templates/registry';
import { UnknownKindError, templateSheetName, writeTemplate } from './write-template';

function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`missing ${what}`);
  return v;
}

function gx() {
  const pack = getPack('gx-zz-2022');
  if (!pack) throw new Error('gx-zz-2022 missing');
  return pack;
}

async function reload(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as Parameters<typeof back.xlsx.load>[0]);
  return back;
}

function findRow(ws: ExcelJS.Worksheet, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) {
    for (let c = 1; c <= ws.columnCount; c++) if (ws.getCell(r, c).value === text) return r;
  }
  throw new Error(`${text} not on ${ws.name}`);
}

describe('writeTemplate', () => {
  it('writes one sheet per attachment with legal, recognisable names', async () => {
    for (const pack of packs) {
      const wb = await reload(writeTemplate(pack));
      expect(wb.worksheets.map((w) => w.name)).toEqual(pack.sheetKinds.map(templateSheetName));
      for (const ws of wb.worksheets) {
        expect([...ws.name].length).toBeLessThanOrEqual(31);
        expect(ws.name).not.toMatch(/[[\]:*?/\\]/);
      }
    }
    expect(templateSheetName(must(gx().sheetKinds[1], 'att2'))).toBe('附件2 资格审核与验印登记表');
  });

  it('lays out 附件2 as the notice prints it: title, meta lines, two-row header, 18 numbered rows, footer', async () => {
    const wb = await reload(writeTemplate(gx(), ['att2']));
    const ws = must(wb.worksheets[0], 'sheet');
    const kind = must(
      gx().sheetKinds.find((k) => k.id === 'att2'),
      'att2',
    );
    const titleRow = findRow(ws, kind.title);
    expect(ws.getCell(titleRow, 1).font?.bold).toBe(true);
    expect(ws.getCell(titleRow, 9).isMerged).toBe(true);
    for (const m of kind.meta) expect(findRow(ws, `${m.label}：`)).toBeGreaterThan(titleRow);

    const top = findRow(ws, '序号');
    expect(ws.getCell(top, 5).value).toBe('各类课程综合成绩');
    expect(ws.getCell(top, 8).master.address).toBe(ws.getCell(top, 5).address); // merged across the 4 grades
    expect(ws.getCell(top + 1, 1).master.address).toBe(`A${top}`); // 序号 merged down
    expect([5, 6, 7, 8].map((c) => ws.getCell(top + 1, c).value)).toEqual([
      '公共基础课',
      '专业技能课',
      '操行',
      '毕业实习',
    ]);
    expect(ws.getCell(top, 9).value).toBe('证书编号');
    expect(ws.getCell(top + 1, 9).value).toBe('桂教中专毕字（2022）');

    for (let i = 0; i < 18; i++) {
      const r = top + 2 + i;
      expect(ws.getCell(r, 1).value).toBe(i + 1);
      expect(ws.getCell(r, 4).numFmt).toBe('@'); // 身份证号码 as text
      expect(ws.getCell(r, 9).numFmt).toBe('@'); // 证书编号 as text
      expect(ws.getCell(r, 3).dataValidation).toMatchObject({
        type: 'list',
        formulae: ['"男,女"'],
        showErrorMessage: true,
      });
      expect(ws.getCell(r, 4).border?.left?.style).toBe('thin');
    }
    expect(findRow(ws, '填表人：')).toBeGreaterThan(top + 19);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe(`${top}:${top + 1}`);
  });

  it('draws 附件3: 毕业生总数 merged down beside the per-major rows, the approval boxes and the notes', async () => {
    const wb = await reload(writeTemplate(gx(), ['att3']));
    const ws = must(wb.worksheets[0], 'sheet');
    const top = findRow(ws, '毕业生总数');
    expect(ws.getCell(top, 2).value).toBe('其中：');
    expect(ws.getCell(top, 7).master.address).toBe(`B${top}`);
    expect(ws.getCell(top + 1, 7).value).toBe('毕业证书编号起止号');
    expect(ws.getCell(top + 6, 1).master.address).toBe(`A${top + 2}`); // 5 input rows, one merged total
    expect(findRow(ws, '学校经办人')).toBe(top + 7);
    expect(findRow(ws, '市教育局职成科审核意见：')).toBe(top + 8);
    expect(findRow(ws, '填写说明：1. 毕业生人数须与附件1所填一致。')).toBeGreaterThan(top + 8);
  });

  it('offers closed lists as blocking dropdowns and grade words as suggestions', async () => {
    const wb = await reload(writeTemplate(gx(), ['att2', 'att4']));
    const att2 = must(wb.worksheets[0], 'sheet');
    const top = findRow(att2, '序号');
    const grade = att2.getCell(top + 2, 5).dataValidation;
    expect(grade.type).toBe('list');
    expect(grade.showErrorMessage ?? false).toBe(false); // scores are typed too
    const att4 = must(wb.worksheets[1], 'sheet');
    const h = findRow(att4, '异动类型');
    expect(att4.getCell(h + 1, 8).dataValidation).toMatchObject({ type: 'list', showErrorMessage: true });
    expect(String(att4.getCell(h + 1, 8).dataValidation.formulae[0])).toContain('转专业');
  });

  it('rejects unknown kinds', () => {
    expect(() => writeTemplate(gx(), ['att9'])).toThrow(UnknownKindError);
  });
});
