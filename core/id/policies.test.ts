/** The policies of issue #15: cohort window, dropped digits, permit prefixes, 71xxxx, nationality codes, history. */
import { describe, expect, it } from 'vitest';
import { checkIdNumber } from './check-id-number';
import { idChecksumChar } from './checksum';
import { idMessages } from './messages';
import type { IdCheckOptions } from './types';

const withCheck = (first17: string) => first17 + idChecksumChar(first17);
/** A 2019 中职 entrant's window (entry ages 12–30). */
const COHORT: IdCheckOptions = { today: '2022-06-01', minAge: 14, maxAge: 60, birthYears: { min: 1989, max: 2007 } };
const codes = (value: string, options: IdCheckOptions = COHORT) =>
  checkIdNumber({ value }, options).findings.map((f) => `${f.code}:${f.severity}`);

describe('cohort window', () => {
  it("warns on a birth year the sheet's cohort cannot have (a parent's number), instead of id-age", () => {
    const parent = withCheck('45010319760512123');
    expect(codes(parent)).toEqual(['id-birth-cohort:warning']);
    expect(checkIdNumber({ value: parent }, COHORT).valid).toBe(true);
    expect(codes(withCheck('45010320040512123'))).toEqual([]);
    // Without a cohort (e.g. a bare check) nothing changes.
    expect(codes(parent, { today: '2022-06-01' })).toEqual([]);
  });

  it('reads a 15-digit number born outside the cohort as an 18-digit one with digits dropped: an error, no fix', () => {
    // 450103 2004 0512 123 X with "20" and the check character dropped reads as born 1904.
    const r = checkIdNumber({ value: '450103040512123' }, COHORT);
    expect(r.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(['id-digits-dropped:error']);
    expect(r.findings[0]?.fix).toBeUndefined();
    expect(r.valid).toBe(false);
    // Inside the window it is still a legacy number with its upgrade.
    expect(codes('450103900512123')).toEqual(['id-legacy-15:warning']);
  });
});

describe('residence permits and Taiwan', () => {
  it('accepts exactly 810000/820000/830000 and rejects any other 8x prefix', () => {
    for (const p of ['810000', '820000', '830000']) expect(codes(withCheck(`${p}20040512123`))).toEqual([]);
    expect(codes(withCheck('81000120040512123'))).toEqual(['id-permit-prefix:error']);
    expect(codes(withCheck('83010020040512123'))).toEqual(['id-permit-prefix:error']);
    expect(codes(withCheck('85000020040512123'))).toEqual(['id-permit-prefix:error']);
    const r = checkIdNumber({ value: withCheck('82123420040512123') }, COHORT);
    expect(r.findings[0]?.params).toEqual({ code: '821234', expected: '820000' });
    expect(r.kind).toBe('citizen');
  });

  it('warns on 71xxxx, which GB/T 2260 gives Taiwan but no identity number carries', () => {
    expect(codes(withCheck('71000020040512123'))).toEqual(['id-region-taiwan:warning']);
    expect(codes(withCheck('71010220040512123'))).toEqual(['id-region-taiwan:warning']);
  });
});

describe('2023 foreigner permanent residence ID', () => {
  it("checks the nationality code against GB/T 2659.1's table", () => {
    const codes = (value: string) => checkIdNumber({ value }, { today: '2025-06-01' }).findings.map((f) => `${f.code}:${f.severity}`);
    expect(codes('932682198501010017')).toEqual([]); // official sample: 682 Saudi Arabia
    expect(codes('911124198108030024')).toEqual([]); // official sample: 124 Canada
    expect(codes(withCheck('93199919850101001'))).toEqual(['id-nationality-unknown:error']);
    expect(codes(withCheck('93115619850101001'))).toEqual(['id-nationality-unknown:error']); // 156 is China
  });
});

describe('historic address codes', () => {
  it('knows short-lived real codes the yearly lists miss', () => {
    const opts = { today: '2022-06-01' };
    for (const area of ['140120', '441282', '342401']) expect(codes(withCheck(`${area}19830512123`), opts)).toEqual([]);
  });
});

describe('messages', () => {
  it('renders every new code in both languages with its params', () => {
    const params = { birthDate: '1976-05-12', minYear: 1989, maxYear: 2007, birthYear: 1904, code: '821234', expected: '820000', length: 15 };
    for (const code of ['id-birth-cohort', 'id-digits-dropped', 'id-permit-prefix', 'id-region-taiwan', 'id-nationality-unknown']) {
      const zh = idMessages['zh-CN'][code]?.(params) ?? '';
      const en = idMessages.en[code]?.(params) ?? '';
      expect(zh).not.toMatch(/undefined/);
      expect(en).not.toMatch(/undefined/);
      expect(zh.length).toBeGreaterThan(20);
    }
    expect(idMessages['zh-CN']['id-birth-cohort']?.(params)).toContain('1989–2007');
  });
});
