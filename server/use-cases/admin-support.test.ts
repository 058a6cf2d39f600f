import { describe, expect, it } from 'vitest';
import { generateOneTimePassword, parseDueDate, passwordStrongEnough } from './admin-support';
import { campaignPackFor, campaignSeriesFor } from './campaign-pack';

describe('dates typed by people', () => {
  it('a bare date is the end of that day in Beijing; ISO date-times are taken as given; nonsense is null', () => {
    expect(parseDueDate('2023-04-22')?.toISOString()).toBe('2023-04-22T15:59:59.999Z');
    expect(parseDueDate('2023年4月22日')?.toISOString()).toBe('2023-04-22T15:59:59.999Z');
    expect(parseDueDate('2023-06-30T12:00:00+08:00')?.toISOString()).toBe('2023-06-30T04:00:00.000Z');
    for (const bad of ['2023-02-30', '2023-13-01', '明天', '', '2023-06-30T12:00']) expect(parseDueDate(bad)).toBeNull();
  });
});

describe('one-time passwords', () => {
  it('are 12 characters without look-alikes and pass the password rule', () => {
    for (let i = 0; i < 50; i++) {
      const p = generateOneTimePassword();
      expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{12}$/);
      expect(passwordStrongEnough(p)).toBe(true);
    }
    expect(passwordStrongEnough('abcdefgh')).toBe(false);
    expect(passwordStrongEnough('1234567a')).toBe(true);
  });
});

describe('campaign packs and series', () => {
  it('a family or a pack id runs the family at the campaign year, and the series prefix carries the year', () => {
    expect(campaignPackFor('gx-zz', 2023)?.id).toBe('gx-zz-2023');
    expect(campaignPackFor('gx-zz-2022', 2024)?.id).toBe('gx-zz-2024');
    expect(campaignPackFor('no-such-pack', 2023)).toBeUndefined();
    expect(campaignSeriesFor('gx-zz', 2023)).toEqual({ prefix: '桂教中专毕字（2023）', serialWidth: 6, maxSerial: 999_999 });
    expect(campaignSeriesFor('hb-pg', 2019)).toBeNull();
  });
});
