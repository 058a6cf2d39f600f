/**
 * The WPS stand-in is no kinder than WPS documents: each strict behaviour the port must cope with (cited in
 * index.ts next to its code) fails or answers here as it would in WPS 表格.
 */
import { describe, expect, it } from 'vitest';
import { bgr, WpsStandin } from './index';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the ET model is untyped here on purpose

describe.each([false, true])('WPS stand-in (methodProperties=%s)', (methodProperties) => {
  const setup = () => {
    const s = new WpsStandin({ methodProperties });
    s.addSheet('A', [['x', 1], ['y', 2]]);
    s.addSheet('B', [['z']]);
    const app = s.application as Any;
    const get = (o: Any, name: string): unknown => (methodProperties && typeof o[name] === 'function' ? o[name]() : o[name]);
    return { s, app, get, ws: (k: number | string) => app.ActiveWorkbook.Worksheets.Item(k) as Any };
  };

  it('numbers collections from 1 and refuses 0 or an unknown name', () => {
    const { ws, get } = setup();
    expect(get(ws(1), 'Name')).toBe('A');
    expect(get(ws(2), 'Name')).toBe('B');
    expect(() => ws(0)).toThrow();
    expect(() => ws('C')).toThrow();
  });

  it('gives Value2 of one cell as a scalar and of several as rows × columns', () => {
    const { ws, get } = setup();
    expect(get(ws('A').Range('B2'), 'Value2')).toBe(2);
    expect(get(ws('A').Range('A1:B2'), 'Value2')).toEqual([['x', 1], ['y', 2]]);
    expect(get(ws('A').Range('C9'), 'Value2')).toBeUndefined();
  });

  it('keeps Interior.Color as a BGR long', () => {
    const { s, ws } = setup();
    ws('A').Range('A1').Interior.Color = bgr('#FF0000');
    expect(s.sheet('A').cell(1, 1).color).toBe(0x0000ff);
    expect(ws('A').Range('A2').Interior.ColorIndex).toBe(-4142);
  });

  it('takes one comment per cell, on one cell only', () => {
    const { ws } = setup();
    ws('A').Range('A1').AddComment('一');
    expect(() => ws('A').Range('A1').AddComment('二')).toThrow();
    expect(() => ws('A').Range('A2:B2').AddComment('三')).toThrow();
    expect(ws('A').Range('A1').Comment.Text()).toBe('一');
  });

  it('gives absolute addresses unless asked for relative ones', () => {
    const { ws } = setup();
    expect(ws('A').Range('B2').Address()).toBe('$B$2');
    expect(ws('A').Range('A1:B2').Address(false, false)).toBe('A1:B2');
    expect(ws('A').Range('3:4').Address()).toBe('$3:$4');
  });

  it('selects only on the active sheet', () => {
    const { ws, s } = setup();
    expect(() => ws('B').Range('A1').Select()).toThrow();
    ws('B').Activate();
    ws('B').Range('A1').Select();
    expect(s.selection).toEqual({ sheet: 'B', address: 'A1' });
  });

  it('asks before deleting a sheet unless DisplayAlerts is off, and keeps the last one', () => {
    const { app, s, ws } = setup();
    expect(ws('B').Delete()).toBe(false);
    expect(s.dialogs).toHaveLength(1);
    app.DisplayAlerts = false;
    expect(ws('B').Delete()).toBe(true);
    expect(() => ws('A').Delete()).toThrow();
  });

  it('refuses a duplicate (any case), too long or ill-formed sheet name', () => {
    const { ws, get } = setup();
    const rename = (v: string) => (methodProperties ? ws('B').Name(v) : (ws('B').Name = v));
    expect(() => rename('a')).toThrow();
    expect(() => rename('x'.repeat(32))).toThrow();
    expect(() => rename('附件[2]')).toThrow();
    rename('附件2');
    expect(get(ws(2), 'Name')).toBe('附件2');
  });

  it('activates a sheet it adds, under a free default name', () => {
    const { app, s } = setup();
    s.addSheet('Sheet3', [['x']]);
    app.ActiveWorkbook.Worksheets.Add();
    expect(s.sheets.map((w) => w.name)).toEqual(['A', 'B', 'Sheet3', 'Sheet4']);
    expect(s.active).toBe('Sheet4');
  });

  it('refuses writes to a protected sheet', () => {
    const { ws } = setup();
    ws('A').Protect();
    const r = ws('A').Range('A1');
    expect(() => (methodProperties ? r.Value2('新') : (r.Value2 = '新'))).toThrow();
    expect(() => (r.Interior.Color = 0)).toThrow();
    expect(() => r.AddComment('注')).toThrow();
  });
});
