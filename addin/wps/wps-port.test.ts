/**
 * The WPS port's own behaviour on the WPS stand-in (test/wps-standin, built from WPS's docs), on a build with
 * plain properties and one where `Value2`/`NumberFormat`/`Name` are methods: ET's rule objects in inserted
 * templates, row inserts and deletes told apart from SheetChange, the highlight ledger in custom document
 * properties, then the real controller driving it end to end. What every port must do is the shared
 * contract (test/port-suite/port-contract.ts, run on this stand-in by test/port-suite/wps.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../core/issues/issue';
import { columnLetters } from '../../core/grid/address';
import { blankSheet } from '../../core/templates/blank';
import { idColumnRules } from '../../core/templates/id-rules';
import { getPack, getSheetKind } from '../../core/templates/registry';
import { createPaneController } from '../app/controller';
import { createCoreEngine } from '../app/core-engine';
import { att2Row, ATT2_META, filledSheet } from '../../core/templates/testing';
import { bgr, WpsStandin } from '../../test/wps-standin';
import type { SheetChange } from '../excel/port';
import { createWpsPort } from './wps-port';

function issue(sheet: string, address: string, severity: Issue['severity'] = 'error', code = 'id-checksum'): Issue {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  const column = [...(m?.[1] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { code, severity, params: {}, sheet, row: Number(m?.[2]), column, address };
}

describe.each([false, true])('WPS build with methodProperties=%s', (methodProperties) => {
  const setup = () => {
    const s = new WpsStandin({ methodProperties });
    const port = createWpsPort(() => s.application as never);
    return { s, port };
  };

  it('inserts the official 附件2 template with ET validation and conditional formats', async () => {
    const { s, port } = setup();
    s.addSheet('Sheet1', [[undefined]]);
    const name = await port.insertTemplate('gx-zz-2022', 'att2');
    // The ID column's custom check (stop, with its prompt) and red mark, and the dropdowns, as ET rules (#10).
    const ws = s.sheets.find((w) => w.name === name);
    const pack = getPack('gx-zz-2022');
    const kind = pack && getSheetKind(pack, 'att2');
    if (!ws || !pack || !kind) throw new Error('no sheet');
    const blank = blankSheet(pack, kind, { sheetName: name });
    const col = kind.columns.findIndex((c) => c.type === 'id-number') + 1;
    const address = `${columnLetters(col)}${blank.firstDataRow}:${columnLetters(col)}${blank.lastDataRow}`;
    const rules = idColumnRules(col, blank.firstDataRow);
    expect(ws.validations.find((v) => v.address === address)).toMatchObject({
      type: 7,
      alertStyle: 1,
      formula1: `=${rules.valid}`,
      showError: true,
      showInput: true,
      errorMessage: expect.stringContaining('校验码') as unknown,
    });
    expect(ws.formatConditions).toEqual([{ address, type: 2, formula1: `=${rules.flagged}`, interiorColor: bgr('#FFC7CE'), fontColor: bgr('#9C0006') }]);
    expect(ws.validations.filter((v) => v.type === 3)).toHaveLength(blank.dropdowns.length);
  });

  it('tells inserted from deleted rows by the used range, which SheetChange does not say', async () => {
    const { s, port } = setup();
    s.addSheet('S', [['a'], ['b'], ['c']]);
    const seen: SheetChange[] = [];
    const off = await port.onChanged((c) => seen.push(...c));
    s.userDeleteRows('S', 2, 1);
    s.userInsertRows('S', 1, 2);
    s.userDeleteRows('S', 40, 1); // below the used range: nothing moved, nothing to tell
    expect(seen).toEqual([
      { sheet: 'S', address: '2:2', changeType: 'RowDeleted' },
      { sheet: 'S', address: '1:2', changeType: 'RowInserted' },
      { sheet: 'S', address: '40:40', changeType: 'Unknown' },
    ]);
    await off();
  });

  it('keeps its highlight ledger in custom document properties of at most 255 characters', async () => {
    const { s, port } = setup();
    s.addSheet('S', Array.from({ length: 400 }, (_, r) => [`a${r}`, `b${r}`]));
    s.sheet('S').cell(5, 2).color = bgr('#92D050'); // B5: the clerk's fill under an issue
    const issues = Array.from({ length: 200 }, (_, i) => issue('S', `${i % 2 ? 'A' : 'B'}${2 * i + 1}`, i % 3 ? 'error' : 'warning'));
    await port.showIssues(issues);
    const pieces = s.documentProperties.filter((p) => p.name.startsWith('yanyin.highlights.S.'));
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(String(p.value).length).toBeLessThanOrEqual(255);
    // A pane opened later (a new port, the same workbook) removes exactly these and restores the clerk's fill.
    const later = createWpsPort(() => s.application as never);
    await later.clearHighlights();
    expect(s.sheet('S').rows.flat().filter((c) => c?.color != null).map((c) => c?.color)).toEqual([bgr('#92D050')]);
    expect(s.sheet('S').rows.flat().filter((c) => c?.comment != null)).toEqual([]);
    expect(s.documentProperties).toEqual([]);
  });

  it('replaces a sheet without a confirmation dialog, and leaves DisplayAlerts as it was', async () => {
    const { s, port } = setup();
    s.addSheet('审阅', [['旧']]);
    s.addSheet('附件2', [['a']]);
    await port.writeSheet('审阅', [['新']]);
    expect(s.dialogs).toEqual([]);
    expect(s.displayAlerts).toBe(true);
    expect(s.sheets.map((w) => w.name)).toEqual(['附件2', '审阅']);
  });

  it('drives the real controller: planted mistakes highlighted, fixed by typing, nothing left', async () => {
    const { s, port } = setup();
    const students = Array.from({ length: 4 }, (_, i) => att2Row(i));
    const grid = filledSheet('att2', { name: '附件2', meta: { ...ATT2_META }, rows: students.map((st, i) => (i === 1 ? { ...st, gender: st.gender === '男' ? '女' : '男' } : st)) });
    s.addSheet('附件2', grid.rows.map((r) => r.map((c) => (c?.value ?? undefined) as never)), { 4: '@' });
    const controller = createPaneController({ port, engine: createCoreEngine(), today: '2022-06-30', debounceMs: 0, yieldToUi: async () => undefined });
    await controller.start();
    await controller.whenIdle();
    expect([...port.marks('附件2').keys()]).toEqual(['C12']);
    s.userEdit('附件2', 'C12', String(students[1]?.gender));
    await new Promise((r) => setTimeout(r, 20));
    await controller.whenIdle();
    expect(port.marks('附件2').size).toBe(0);
    expect(controller.getState().report?.issues.filter((i) => i.severity === 'error')).toEqual([]);
    await controller.dispose();
  });
});
