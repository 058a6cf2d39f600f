/** The stand-in must behave like Excel where the adapter's correctness depends on it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStandin, type Standin } from './index';
import { generalText, typeInto } from './model';

let s: Standin;
beforeEach(() => {
  s = createStandin({ maxApi: '1.18' });
  s.install();
});
afterEach(() => s.uninstall());

describe('values like Excel', () => {
  it('keeps 15 significant digits of an 18-digit ID typed into a General cell', () => {
    s.addSheet('S', [['440305200506121234']]);
    expect(s.cell('S', 'A1')).toMatchObject({ value: 440305200506121000, valueType: 'Double', text: '4.40305E+17' });
  });

  it('keeps what was typed into a text-formatted cell', () => {
    s.addSheet('S', [[null, '440305200506121234', '007']], { columnFormats: { 2: '@', 3: '@' } });
    expect(s.cell('S', 'B1')).toMatchObject({ value: '440305200506121234', valueType: 'String', numberFormat: '@' });
    expect(s.cell('S', 'C1').value).toBe('007');
  });

  it('turns typed numbers, dates and booleans into values; an apostrophe keeps text', () => {
    expect(typeInto('007', 'General').value).toBe(7);
    expect(typeInto('2022-09-01', 'General')).toEqual({ value: 44805, autoFormat: 'yyyy/m/d' });
    expect(typeInto('true', 'General').value).toBe(true);
    expect(typeInto("'007", 'General').value).toBe('007');
    expect(typeInto('44030520050612123X', 'General').value).toBe('44030520050612123X');
  });

  it('formats General numbers in at most 11 characters', () => {
    expect(generalText(440305200506121000)).toBe('4.40305E+17');
    expect(generalText(12345678901)).toBe('12345678901');
    expect(generalText(123456789012)).toBe('1.23457E+11');
    expect(generalText(0.1 + 0.2)).toBe('0.3');
    expect(generalText(-5)).toBe('-5');
  });
});

describe('proxy objects like Excel', () => {
  it('throws PropertyNotLoaded when a property is read before load + sync', async () => {
    s.addSheet('S', [[1, 2]]);
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A1:B1');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      r.load('address');
      await ctx.sync();
      expect(r.address).toBe('S!A1:B1');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      r.load('values');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(r.values).toEqual([[1, 2]]);
    });
  });

  it('queues writes until sync', async () => {
    s.addSheet('S', [[1]]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1').values = [[2]];
      expect(s.cell('S', 'A1').value).toBe(1);
      await ctx.sync();
      expect(s.cell('S', 'A1').value).toBe(2);
    });
  });

  it('surfaces ItemNotFound at sync and answers OrNullObject with isNullObject', async () => {
    s.addSheet('S', [[1]]);
    await Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      ctx.workbook.worksheets.getItem('Nope');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
  });

  it('rejects a request over 5 MB and a response over 5 MB', async () => {
    s.addSheet('S', [['x']]);
    const big = Array.from({ length: 60_000 }, () => ['a'.repeat(100)]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1:A60000').values = big;
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    });
    expect(s.cell('S', 'A2').value).toBeNull();
    s.userPaste('S', 'A1', Array.from({ length: 30_000 }, () => ['b'.repeat(200)]));
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A1:A30000').load('values');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
      expect(() => r.values).toThrow();
    });
    expect(s.stats.records.filter((r) => r.failed).map((r) => r.requestBytes > 5 * 1024 * 1024 || r.responseBytes > 5 * 1024 * 1024)).toEqual([true, true]);
    expect(s.stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  });

  it('refuses APIs newer than the host (ApiNotFound) and honours isSetSupported', async () => {
    s.setMaxApi('1.7');
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.7')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.9')).toBe(false);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.10')).toBe(false);
    s.addSheet('S', [[1]]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRanges('A1,B2').format.fill.color = '#FF0000';
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
    });
    s.setMaxApi('1.18');
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.10')).toBe(true);
  });

  it('fails a RangeAreas address longer than ~8,200 characters', async () => {
    s.addSheet('S', [[1]]);
    const address = Array.from({ length: 1_500 }, (_, i) => `A${i * 2 + 1}`).join(',');
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRanges(address).format.fill.color = '#FF0000';
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    });
  });

  it('reports no fill as #FFFFFF, mixed fills as null, and pattern None on 1.9+', async () => {
    s.addSheet('S', [[1, 2]]);
    s.userFill('S', 'B1', '#00FF00');
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      const a = ws.getRange('A1').format.fill.load('color,pattern');
      const ab = ws.getRange('A1:B1').format.fill.load('color');
      const props = ws.getRange('A1:B1').getCellProperties({ format: { fill: { color: true, pattern: true } } });
      await ctx.sync();
      expect(a.color).toBe('#FFFFFF');
      expect(a.pattern).toBe('None');
      expect(ab.color).toBeNull();
      expect(props.value[0]?.map((p) => p.format?.fill)).toEqual([
        { color: '#FFFFFF', pattern: 'None' },
        { color: '#00FF00', pattern: 'Solid' },
      ]);
    });
  });

  it('counts syncs and measures request and response bytes', async () => {
    s.addSheet('S', [[1]]);
    s.resetStats();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1').load('values');
      await ctx.sync();
      await ctx.sync(); // nothing queued: no round trip
    });
    expect(s.stats.syncs).toBe(1);
    expect(s.stats.records[0]?.requestBytes).toBeGreaterThan(0);
    expect(s.stats.records[0]?.responseBytes).toBeGreaterThan(0);
  });
});

describe('events like Excel', () => {
  it('fires onChanged for user edits and add-in writes, with triggerSource on 1.14+', async () => {
    s.addSheet('S', [[1]]);
    const seen: Excel.WorksheetChangedEventArgs[] = [];
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').onChanged.add(async (e) => void seen.push(e));
      await ctx.sync();
    });
    s.userEdit('S', 'B2', '440305200506121234');
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('C3').values = [['x']];
      await ctx.sync();
    });
    s.userInsertRows('S', 2, 3);
    await s.eventsDelivered();
    expect(seen.map((e) => [e.address, e.changeType, e.triggerSource])).toEqual([
      ['B2', 'RangeEdited', 'Unknown'],
      ['C3', 'RangeEdited', 'ThisLocalAddin'],
      ['2:4', 'RowInserted', 'Unknown'],
    ]);
    expect(seen[0]?.details).toMatchObject({ valueAfter: 440305200506121000, valueTypeAfter: 'Double' });
    expect(s.cell('S', 'C6').value).toBe('x');
  });

  it('has no triggerSource before 1.14 and drops registrations on reload', async () => {
    s.setMaxApi('1.7');
    s.addSheet('S', [[1]]);
    const seen: Excel.WorksheetChangedEventArgs[] = [];
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').onChanged.add(async (e) => void seen.push(e));
      await ctx.sync();
    });
    s.userEdit('S', 'A1', 2);
    await s.eventsDelivered();
    expect(seen[0]?.triggerSource).toBeUndefined();
    s.reload();
    s.userEdit('S', 'A1', 3);
    await s.eventsDelivered();
    expect(seen).toHaveLength(1);
  });
});
