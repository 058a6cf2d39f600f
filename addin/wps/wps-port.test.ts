/**
 * The WPS port against the WPS stand-in (test/wps-standin, built from WPS's docs), on a build with plain
 * properties and one where `Value2`/`NumberFormat`/`Name` are methods: the behaviours the Excel port's suite
 * checks (read with types and damage, highlight + message by severity and clear only its own, fixes that
 * skip stale cells and keep IDs as text, text columns, templates, writes, selection, the clerk's edits and
 * never its own), then the real controller driving it end to end.
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

function issue(sheet: string, address: string, severity: Issue['severity'] = 'error', message = '身份证号码校验位错误'): Issue {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  const column = [...(m?.[1] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { code: 'id-checksum', severity, params: {}, sheet, row: Number(m?.[2]), column, address, message };
}

describe.each([false, true])('WPS build with methodProperties=%s', (methodProperties) => {
  const setup = () => {
    const s = new WpsStandin({ methodProperties });
    const port = createWpsPort(() => s.application as never);
    return { s, port };
  };

  it('reads values, types and formats into the core grid, damage included', async () => {
    const { s, port } = setup();
    s.addSheet('附件2', [
      ['姓名', '身份证号码', '文本身份证', '成绩'],
      ['张三', '440305200506121234', '440305200506121234', 88],
      ['李四', '44030520050612123X', undefined, true],
    ], { 3: '@' });
    const rows = (await port.readWorkbook()).sheets[0]?.rows ?? [];
    expect(rows[1]?.[1]).toEqual({ value: 440305200506121000, type: 'number' });
    expect(rows[1]?.[2]).toEqual({ value: '440305200506121234', type: 'string', numberFormat: '@' });
    expect(rows[2]?.[1]).toEqual({ value: '44030520050612123X', type: 'string' });
    expect(rows[2]?.[2]).toEqual({ value: null, type: 'empty', numberFormat: '@' });
    expect(rows[2]?.[3]).toEqual({ value: true, type: 'boolean' });
    expect((await port.readRows('附件2', 2, 2)).rows[1]?.[0]).toEqual({ value: '张三', type: 'string' });
  });

  it('highlights by severity with the message in a comment, and clears only its own', async () => {
    const { s, port } = setup();
    const ws = s.addSheet('S', [['a', 'b', 'c'], ['d', 'e', 'f']]);
    ws.cell(2, 3).comment = '班主任的批注';
    ws.cell(1, 3).color = bgr('#00FF00');
    await port.showIssues([issue('S', 'A1'), issue('S', 'A1', 'warning', '另一条'), issue('S', 'B2', 'warning'), issue('S', 'C2'), issue('S', 'C1')]);
    expect(ws.cell(1, 1).color).toBe(bgr('#FFC7CE'));
    expect(ws.cell(2, 2).color).toBe(bgr('#FFEB9C'));
    expect(ws.cell(1, 1).comment).toBe('【验印】身份证号码校验位错误\n另一条');
    expect(ws.cell(2, 3).comment).toBe('班主任的批注');
    await port.showIssues([issue('S', 'B2', 'warning')]);
    expect(ws.cell(1, 1).color).toBeNull();
    expect(ws.cell(1, 1).comment).toBeNull();
    expect(ws.cell(1, 3).color).toBe(bgr('#00FF00'));
    await port.showIssuesForRows('S', 2, 2, []);
    expect(ws.cell(2, 2).color).toBeNull();
    expect(ws.cell(2, 3).comment).toBe('班主任的批注');
  });

  it('applies fixes, skips cells changed since validation, keeps IDs as text', async () => {
    const { s, port } = setup();
    const ws = s.addSheet('S', [['440305200506121235', '男']], { 1: '@' });
    const out = await port.applyFixes([
      { sheet: 'S', address: 'A1', expected: '440305200506121235', value: '440305200506121234' },
      { sheet: 'S', address: 'B1', expected: '女', value: '男' },
    ]);
    expect(out).toEqual({ applied: 1, stale: [{ sheet: 'S', address: 'B1' }] });
    expect(ws.cell(1, 1)).toMatchObject({ value: '440305200506121234', format: '@' });
  });

  it('sets columns to text so a typed ID stays a string', async () => {
    const { s, port } = setup();
    s.addSheet('S', [['身份证号码'], ['x']]);
    await port.setColumnsToText('S', [1]);
    s.userEdit('S', 'A2', '440305200506121234');
    expect(s.sheet('S').cell(2, 1).value).toBe('440305200506121234');
  });

  it('writes values and whole sheets without WPS converting digit strings', async () => {
    const { s, port } = setup();
    s.addSheet('S', [['x']]);
    await port.writeValues('S', [{ address: 'B2', value: '000123' }, { address: 'C2', value: 5 }]);
    expect(s.sheet('S').cell(2, 2).value).toBe('000123');
    expect(s.sheet('S').cell(2, 3).value).toBe(5);
    await port.writeSheet('审阅', [['学校', '440305200506121234']], { protect: true });
    expect(s.sheet('审阅').cell(1, 2).value).toBe('440305200506121234');
    expect(s.sheet('审阅').protectedSheet).toBe(true);
  });

  it('selects a cell on its sheet', async () => {
    const { s, port } = setup();
    s.addSheet('A', [[1]]);
    s.addSheet('B', [[2]]);
    await port.selectCell('B', 'C7');
    expect(s.selection).toEqual({ sheet: 'B', address: 'C7' });
  });

  it('inserts the official 附件2 template with its text ID column', async () => {
    const { s, port } = setup();
    s.addSheet('Sheet1', [[undefined]]);
    const name = await port.insertTemplate('gx-zz-2022', 'att2');
    expect(s.sheets.map((w) => w.name)).toEqual(['Sheet1', name]);
    const grid = await port.readRows(name, 1, 12);
    const texts = grid.rows.flat().map((c) => c?.value).filter(Boolean).join(' ');
    expect(texts).toContain('身份证号码');
    expect(grid.rows[10]?.[3]?.numberFormat).toBe('@');
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

  it('reports the clerk’s edits and deleted rows, never its own writes', async () => {
    const { s, port } = setup();
    s.addSheet('S', [['a'], ['b'], ['c']]);
    const seen: SheetChange[] = [];
    const off = await port.onChanged((c) => seen.push(...c));
    await port.writeValues('S', [{ address: 'A1', value: 'own' }]);
    await port.showIssues([issue('S', 'A2')]);
    s.userEdit('S', 'A3', 'clerk');
    s.userDeleteRows('S', 2, 1);
    expect(seen).toEqual([
      { sheet: 'S', address: 'A3', changeType: 'RangeEdited' },
      { sheet: 'S', address: '2:2', changeType: 'Unknown' },
    ]);
    await off();
    s.userEdit('S', 'A1', 'later');
    expect(seen).toHaveLength(2);
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
