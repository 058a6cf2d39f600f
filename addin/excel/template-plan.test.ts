/**
 * The inserted templates are blankSheet's reading of the pack, cell for cell, and core recognises them:
 * every sheet kind of every built-in pack, through the adapter and the in-memory Excel stand-in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { columnLetters } from '../../core/grid/address';
import { blankSheet } from '../../core/templates/blank';
import { idColumnRules } from '../../core/templates/id-rules';
import { packs } from '../../core/templates/registry';
import { validate } from '../../core/validate';
import { createStandin, type Standin } from '../../test/excel-standin';
import { createExcelPort } from './excel-port';
import { planTemplate } from './template-plan';

let s: Standin;
afterEach(() => s.uninstall());

describe.each(['1.7', '1.18'])('templates on ExcelApi %s', (maxApi) => {
  beforeEach(() => {
    s = createStandin({ maxApi });
    s.install();
    s.addSheet('Sheet1', [[]]);
  });

  describe.each(packs.map((p) => [p.id, p] as const))('pack %s', (_id, pack) => {
    it('inserts every kind as blankSheet lays it out, and validate recognises each', async () => {
      const port = createExcelPort();
      const inserted: { name: string; kindId: string }[] = [];
      for (const kind of pack.sheetKinds) {
        const name = await port.insertTemplate(pack.id, kind.id);
        inserted.push({ name, kindId: kind.id });
        const blank = blankSheet(pack, kind, { sheetName: name });
        const width = Math.max(1, ...blank.grid.rows.map((r) => r.length));
        const expected = blank.grid.rows.map((r) => Array.from({ length: width }, (_, c) => r[c]?.value ?? null));
        expect(s.values(name, `A1:${columnLetters(width)}${expected.length}`), kind.id).toEqual(expected);

        const merges = blank.merges.map((m) => {
          const tl = `${columnLetters(m.column)}${m.row}`;
          return m.rowSpan > 1 || m.colSpan > 1 ? `${tl}:${columnLetters(m.column + m.colSpan - 1)}${m.row + m.rowSpan - 1}` : tl;
        });
        expect([...s.merges(name)].sort(), kind.id).toEqual([...merges].sort());
        for (const c of blank.textColumns) expect(s.cell(name, `${columnLetters(c)}${blank.firstDataRow}`).numberFormat, kind.id).toBe('@');
        const lists = s.validations(name).filter((v) => JSON.stringify(v.rule).includes('"list"'));
        expect(lists, kind.id).toHaveLength(maxApi === '1.7' ? 0 : blank.dropdowns.length);
        // ID columns: the custom check (18 characters, check character, unique) and the red mark (#10).
        kind.columns.forEach((col, i) => {
          if (col.type !== 'id-number') return;
          const address = `${columnLetters(i + 1)}${blank.firstDataRow}:${columnLetters(i + 1)}${blank.lastDataRow}`;
          const rules = idColumnRules(i + 1, blank.firstDataRow);
          const dv = s.validations(name).find((v) => v.address === address);
          if (maxApi === '1.7') expect(dv, kind.id).toBeUndefined();
          else
            expect(dv, kind.id).toMatchObject({
              rule: { custom: { formula: `=${rules.valid}` } },
              errorAlert: { showAlert: true, style: 'Stop' },
              prompt: { showPrompt: true },
            });
          expect(s.conditionalFormats(name), kind.id).toContainEqual({ address, type: 'Custom', formula: `=${rules.flagged}`, fill: '#FFC7CE', fontColor: '#9C0006' });
        });
      }

      const report = validate(await port.readWorkbook());
      expect(report.packId).toBe(pack.id);
      for (const { name, kindId } of inserted) {
        const sheet = report.sheets.find((r) => r.sheet === name);
        expect([name, sheet?.kindId, sheet?.missing]).toEqual([name, kindId, []]);
      }
    });
  });
});

describe('planTemplate', () => {
  it('takes its cells, merges, widths and text columns from blankSheet and only adds Excel formatting', () => {
    for (const pack of packs)
      for (const kind of pack.sheetKinds) {
        const plan = planTemplate(pack, kind);
        const blank = blankSheet(pack, kind, { sheetName: plan.sheetName });
        expect(plan.values).toEqual(blank.grid.rows.map((r) => Array.from(r, (c) => c?.value ?? null)));
        expect(plan.columnWidths).toEqual(blank.widths);
        expect(plan.merges).toHaveLength(blank.merges.length);
        expect([plan.headerTop, plan.firstDataRow, plan.lastDataRow]).toEqual([blank.headerRow, blank.firstDataRow, blank.lastDataRow]);
        // The header is bold, shaded and boxed; the data rows boxed.
        const header = plan.formats.find((f) => f.fill);
        expect(header).toMatchObject({ bold: true, box: true });
        expect(header?.address).toMatch(new RegExp(`^A${blank.headerRow}:[A-Z]+${blank.firstDataRow - 1}$`));
        expect(plan.formats.some((f) => f.box && f.address.startsWith(`A${blank.firstDataRow}:`))).toBe(true);
        // Every row of the sheet gets a height.
        expect(new Set(plan.rowHeights.map((h) => h.row)).size).toBe(plan.values.length - 1);
      }
  });
});
