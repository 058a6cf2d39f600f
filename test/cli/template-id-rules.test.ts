/**
 * The native rules `yanyin template` writes into ID columns (issue #10, "Checks that survive without the
 * add-in"): a custom data validation (18 characters, MOD 11-2 check character, unique in the column) with a
 * Chinese prompt and a stop error, and a red conditional format for filled cells that break it. They must
 * survive LibreOffice, and the formula must agree with core's checksum verdict when LibreOffice computes it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkIdNumber } from '../../core/id/check-id-number';
import { blankSheet, templateSheetName } from '../../core/templates/blank';
import { idColumnRules } from '../../core/templates/id-rules';
import { getPack } from '../../core/templates/registry';
import { makeId, makeIdEndingInX, withWrongCheck } from '../helpers/ids';
import { loadXlsx, runCli, saveXlsx, tempDir } from '../helpers/xlsx';

const dir = tempDir('yanyin-idrules-');
const profile = `-env:UserInstallation=file://${join(dir, 'profile')}`;

/** One soffice run converting every file given to `format` in `outDir`. */
function soffice(format: string, outDir: string, files: string[]): void {
  execFileSync('soffice', ['--headless', '--norestore', profile, '--convert-to', format, '--outdir', outDir, ...files], {
    stdio: 'ignore',
    timeout: 120_000,
  });
}

/** Every ID column of every sheet of a pack's template: sheet name, column letter, data rows. */
function idColumns(packId: string): { sheet: string; column: number; first: number; last: number }[] {
  const pack = getPack(packId);
  if (!pack) throw new Error(packId);
  return pack.sheetKinds.flatMap((kind) => {
    const blank = blankSheet(pack, kind);
    const sheet = templateSheetName(kind);
    return kind.columns.flatMap((col, i) =>
      col.type === 'id-number' ? [{ sheet, column: i + 1, first: blank.firstDataRow, last: blank.lastDataRow }] : [],
    );
  });
}

/** exceljs reads conditional formats into a property its typings leave out. */
const conditionalFormats = (ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] =>
  (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;

const PACKS = ['gx-zz-2022', 'hb-pg-2018'];
const files: Record<string, string> = {};
const roundTripped: Record<string, string> = {};

beforeAll(() => {
  const back = join(dir, 'back');
  for (const pack of PACKS) {
    files[pack] = join(dir, `${pack}.xlsx`);
    expect(runCli(['template', pack, '-o', files[pack]]).status).toBe(0);
    // LibreOffice will not write over its input's name in the same folder: convert into another.
    const copy = join(dir, `${pack}-lo.xlsx`);
    copyFileSync(files[pack], copy);
    roundTripped[pack] = join(back, `${pack}-lo.xlsx`);
  }
  soffice('xlsx:Calc MS Excel 2007 XML', back, PACKS.map((p) => join(dir, `${p}-lo.xlsx`)));
}, 120_000);

describe('ID-column rules in the blank template', () => {
  it.each(PACKS)('%s: every ID column holds the custom validation and the red conditional format', async (pack) => {
    const cols = idColumns(pack);
    expect(cols.length).toBeGreaterThan(0);
    const wb = await loadXlsx(files[pack] ?? '');
    for (const c of cols) {
      const ws = wb.getWorksheet(c.sheet);
      if (!ws) throw new Error(`no sheet ${c.sheet}`);
      const rules = idColumnRules(c.column, c.first);
      for (const row of [c.first, c.last]) {
        const dv = ws.getCell(row, c.column).dataValidation;
        expect(dv).toMatchObject({ type: 'custom', formulae: [rules.valid], showErrorMessage: true, errorStyle: 'stop', showInputMessage: true });
        expect(dv.prompt).toContain('18 位身份证号码');
        expect(dv.error).toContain('校验码');
      }
      const letter = ws.getColumn(c.column).letter;
      const cf = conditionalFormats(ws).find((f) => f.ref === `${letter}${c.first}:${letter}${c.last}`);
      expect(cf?.rules[0]).toMatchObject({ type: 'expression', formulae: [rules.flagged] });
    }
    // The dropdowns still stand beside them.
    const model = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
    expect(wb.worksheets.some((ws) => Object.values(model(ws)).some((v) => v?.type === 'list'))).toBe(true);
  });

  it.each(PACKS)('%s: LibreOffice keeps the validation formula and the conditional format through a round trip', async (pack) => {
    const wb = await loadXlsx(roundTripped[pack] ?? '');
    for (const c of idColumns(pack)) {
      const ws = wb.getWorksheet(c.sheet);
      if (!ws) throw new Error(`no sheet ${c.sheet}`);
      const dv = ws.getCell(c.first + 1, c.column).dataValidation;
      expect(dv.type).toBe('custom');
      const formula = String(dv.formulae?.[0] ?? '').replace(/^=/, '');
      expect(formula).toContain('MOD(SUMPRODUCT(MID(');
      expect(formula).toContain('"10X98765432"');
      expect(formula).toMatch(/COUNTIF\(\$?[A-Z]+:\$?[A-Z]+,/);
      expect(dv.errorStyle ?? 'stop').toBe('stop');
      expect(dv.error).toContain('校验码');
      const letter = ws.getColumn(c.column).letter;
      const cf = conditionalFormats(ws).find((f) => f.ref.startsWith(`${letter}${c.first}`));
      expect(String((cf?.rules[0] as { formulae?: string[] } | undefined)?.formulae?.[0] ?? '')).toContain('SUMPRODUCT');
    }
  });

  it('the formula, computed by LibreOffice, gives core’s checksum verdict on the ID cases', async () => {
    const good = [0, 1, 2, 3].map((i) => makeId({ gender: i % 2 ? 'male' : 'female', index: i, area: '110105' }));
    const x = makeIdEndingInX();
    const lowerX = makeIdEndingInX('450103', '20050101');
    const dup = makeId({ gender: 'male', index: 9, birth: '20030101' });
    const cases = [
      ...good,
      x,
      lowerX.slice(0, 17) + 'x',
      ...good.map(withWrongCheck),
      withWrongCheck(x),
      dup,
      dup,
      good[0]?.slice(0, 17) ?? '',
      // 19 characters; not a prefix-extension of another case, which COUNTIF's `&"*"` would count as its twin.
      `${makeId({ gender: 'female', index: 30 })}1`,
      `${(good[2] ?? '').slice(0, 8)}X${(good[2] ?? '').slice(9)}`,
      '110105200403151',
    ];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('ids');
    cases.forEach((id, i) => {
      const cell = ws.getCell(i + 1, 1);
      cell.numFmt = '@';
      cell.value = id;
      ws.getCell(i + 1, 2).value = { formula: idColumnRules(1, i + 1).valid } as ExcelJS.CellFormulaValue;
    });
    const src = join(dir, 'ids.xlsx');
    await saveXlsx(wb, src);
    const out = join(dir, 'csv');
    soffice('csv', out, [src]);
    const computed = readFileSync(join(out, 'ids.csv'), 'utf8').trim().split(/\r?\n/).map((line) => line.split(',')[1]?.trim().toUpperCase());

    const expected = cases.map((id) => {
      const core = checkIdNumber({ value: id, type: 'string' } as never);
      const checksumOk = /^\d{17}[\dXx]$/.test(id) && !core.findings.some((f) => f.code === 'id-checksum');
      const unique = cases.filter((c) => c.toUpperCase() === id.toUpperCase()).length === 1;
      return checksumOk && unique ? 'TRUE' : 'FALSE';
    });
    expect(computed).toEqual(expected);
    // The cases cover both verdicts and the core really flags the wrong check characters.
    expect(expected.filter((v) => v === 'TRUE').length).toBe(good.length + 2);
    expect(checkIdNumber({ value: withWrongCheck(x), type: 'string' } as never).findings.map((f) => f.code)).toContain('id-checksum');
  }, 60_000);
});
