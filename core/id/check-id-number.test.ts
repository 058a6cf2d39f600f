import { describe, expect, it } from 'vitest';
import type { Cell } from '../grid/cell';
import { checkIdNumber } from './check-id-number';
import type { IdCheckOptions } from './types';

const TODAY: IdCheckOptions = { today: '2025-06-01' };

function check(value: Cell['value'], options: IdCheckOptions = TODAY, type?: Cell['type']) {
  return checkIdNumber(type === undefined ? { value } : { value, type }, options);
}
/** [code, severity] pairs: the report, flattened the way tests read best. */
function codes(value: Cell['value'], options: IdCheckOptions = TODAY, type?: Cell['type']) {
  return check(value, options, type).findings.map((f) => [f.code, f.severity]);
}

describe('checkIdNumber: valid numbers', () => {
  it('verifies the examples of GB 11643-1999', () => {
    expect(check('11010519491231002X')).toEqual({
      normalized: '11010519491231002X',
      kind: 'citizen',
      birthDate: '1949-12-31',
      gender: 'female',
      findings: [],
      valid: true,
    });
    expect(check('440524188001010014')).toMatchObject({
      valid: true,
      kind: 'citizen',
      birthDate: '1880-01-01',
      gender: 'male',
      findings: [],
    });
  });

  it('reads gender from the 17th digit (odd = male)', () => {
    expect(check('110105200402290020').gender).toBe('female');
    expect(check('450103200707070016').gender).toBe('male');
  });

  it('accepts Feb 29 in leap years (2000, 2004)', () => {
    expect(check('110105200002290013')).toMatchObject({ valid: true, birthDate: '2000-02-29', findings: [] });
    expect(check('110105200402290020')).toMatchObject({ valid: true, birthDate: '2004-02-29', findings: [] });
  });

  it('accepts abolished county codes (342401, abolished 1999, on a 2001 birth)', () => {
    expect(check('342401200103150023')).toMatchObject({ valid: true, kind: 'citizen', findings: [] });
  });

  it('accepts a birth date equal to today', () => {
    expect(check('110105202506010096')).toMatchObject({ valid: true, findings: [] });
  });

  it('accepts HK, Macao and Taiwan residence permits (810000 / 820000 / 830000)', () => {
    expect(check('810000199001010051')).toMatchObject({ valid: true, kind: 'permit-hk', findings: [] });
    expect(check('820000199001010061')).toMatchObject({ valid: true, kind: 'permit-mo', findings: [] });
    expect(check('830000199001010071')).toMatchObject({ valid: true, kind: 'permit-tw', findings: [] });
  });

  it('accepts the official foreigner permanent residence ID samples (2023 format)', () => {
    expect(check('932682198501010017')).toEqual({
      normalized: '932682198501010017',
      kind: 'foreigner-2023',
      birthDate: '1985-01-01',
      gender: 'male',
      findings: [],
      valid: true,
    });
    expect(check('911124198108030024')).toMatchObject({
      valid: true,
      kind: 'foreigner-2023',
      birthDate: '1981-08-03',
      gender: 'female',
    });
  });

  it('accepts a text ID that genuinely ends in 000 (its check character fits)', () => {
    expect(check('440305200506141000')).toMatchObject({ valid: true, findings: [] });
  });

  it('defaults today to the real date', () => {
    expect(checkIdNumber({ value: '11010519491231002X' }).valid).toBe(true);
    expect(checkIdNumber({ value: '110105209901010011' }).findings.map((f) => f.code)).toContain('id-birth-date');
  });
});

describe('checkIdNumber: invalid numbers', () => {
  it('reports an empty cell', () => {
    expect(codes(null)).toEqual([['id-empty', 'error']]);
    expect(codes('')).toEqual([['id-empty', 'error']]);
    expect(codes(' \u3000\u00A0 ')).toEqual([['id-empty', 'error']]);
    expect(checkIdNumber(undefined).findings).toEqual([{ code: 'id-empty', severity: 'error', params: {} }]);
    expect(checkIdNumber(null).valid).toBe(false);
  });

  it('reports a wrong length or wrong characters', () => {
    expect(check('1101051949123100').findings).toEqual([
      { code: 'id-format', severity: 'error', params: { reason: 'length', length: 16 } },
    ]);
    expect(check('11010519491231002Y').findings).toEqual([
      { code: 'id-format', severity: 'error', params: { reason: 'chars', length: 18, char: 'Y' } },
    ]);
    expect(check('1101051949123100X2').findings).toEqual([
      { code: 'id-format', severity: 'error', params: { reason: 'x-position', length: 18 } },
    ]);
    expect(check(true).findings).toEqual([{ code: 'id-format', severity: 'error', params: { reason: 'type', length: 0 } }]);
    expect(codes(12345)).toEqual([['id-format', 'error']]);
    expect(check('张三')).toMatchObject({ valid: false, kind: null, normalized: null });
  });

  it('reports a wrong check character with the expected one and no fix', () => {
    const r = check('110105194912310021');
    expect(r.valid).toBe(false);
    expect(r.findings).toEqual([{ code: 'id-checksum', severity: 'error', params: { expected: 'X', actual: '1' } }]);
    expect(r.findings[0]).not.toHaveProperty('fix');
  });

  it('rejects Feb 29 in non-leap years and days a month does not have', () => {
    expect(check('110105200102290037').findings).toEqual([
      { code: 'id-birth-date', severity: 'error', params: { reason: 'not-a-date', date: '2001-02-29' } },
    ]);
    expect(codes('110105190002290041')).toEqual([['id-birth-date', 'error']]); // 1900 is not a leap year
    expect(check('110105200102310050').findings[0]?.params).toEqual({ reason: 'not-a-date', date: '2001-02-31' });
    expect(check('110105200104310070').findings[0]?.params).toEqual({ reason: 'not-a-date', date: '2001-04-31' });
    expect(check('110105200104300067').valid).toBe(true);
    expect(check('110105200102290037').birthDate).toBeNull();
  });

  it('rejects a birth date after today', () => {
    expect(check('110105202506020083').findings).toEqual([
      { code: 'id-birth-date', severity: 'error', params: { reason: 'future', date: '2025-06-02', today: '2025-06-01' } },
    ]);
  });

  it('warns about an unknown county in a known province, naming the province', () => {
    const r = check('110199200501010039');
    expect(r.valid).toBe(true);
    expect(r.findings).toEqual([
      { code: 'id-region-unknown', severity: 'warning', params: { level: 'county', code: '110199', province: '北京市' } },
    ]);
  });

  it('rejects an unknown province', () => {
    const r = check('10010120050101004X');
    expect(r.valid).toBe(false);
    expect(r.findings).toEqual([
      { code: 'id-region-unknown', severity: 'error', params: { level: 'province', code: '100101' } },
    ]);
  });

  it('rejects a foreigner card with an unknown province of the issuing office', () => {
    // 9 + 99 + 682 + 19850101 + 001 + check
    const r = check('999682198501010011');
    expect(r.findings.map((f) => [f.code, f.severity, f.params.level])).toContainEqual([
      'id-region-unknown',
      'error',
      'province',
    ]);
  });

  it('warns outside the plausible age range', () => {
    expect(check('440524188001010014', { ...TODAY, minAge: 14, maxAge: 60 }).findings).toEqual([
      { code: 'id-age', severity: 'warning', params: { age: 145, birthDate: '1880-01-01', minAge: 14, maxAge: 60 } },
    ]);
    // Born 2020-06-01 → 5 on 2025-06-01.
    const young = '11010520200601001';
    expect(codes(young + checkChar(young), { ...TODAY, minAge: 14 })).toEqual([['id-age', 'warning']]);
    expect(check('110105200402290020', { ...TODAY, minAge: 14, maxAge: 60 }).findings).toEqual([]);
    // Exactly 21 on the birthday.
    expect(check('110105200402290020', { today: '2025-02-28', maxAge: 20 }).findings).toEqual([]);
    expect(codes('110105200402290020', { today: '2025-03-01', maxAge: 20 })).toEqual([['id-age', 'warning']]);
  });

  it('reports every problem of a badly broken number', () => {
    expect(codes('100101200102290030')).toEqual([
      ['id-checksum', 'error'],
      ['id-region-unknown', 'error'],
      ['id-birth-date', 'error'],
    ]);
  });
});

describe('checkIdNumber: 15-digit legacy numbers', () => {
  it('upgrades a text one (insert 19, append the check character)', () => {
    const r = check('110105491231002');
    expect(r).toMatchObject({
      valid: true,
      kind: 'legacy-15',
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
    });
    expect(r.findings).toEqual([
      { code: 'id-legacy-15', severity: 'warning', params: { upgraded: '11010519491231002X' }, fix: '11010519491231002X' },
    ]);
  });

  it('upgrades one stored as an exact number', () => {
    const r = check(110105491231002);
    expect(r.findings).toEqual([
      { code: 'id-legacy-15', severity: 'warning', params: { upgraded: '11010519491231002X' }, fix: '11010519491231002X' },
    ]);
    expect(check(440524800101001, TODAY, 'number').findings[0]?.fix).toBe('440524198001010013');
  });

  it('gives no fix when the legacy number is broken (bad date)', () => {
    const r = check('110105010229003');
    expect(r.findings.map((f) => [f.code, f.fix])).toEqual([
      ['id-legacy-15', undefined],
      ['id-birth-date', undefined],
    ]);
    expect(r.valid).toBe(false);
  });
});

describe('checkIdNumber: Excel damage', () => {
  const damaged = {
    code: 'id-excel-number',
    severity: 'error',
    params: { source: 'number', shown: '440305200506121000' },
  };

  it('rejects an 18-digit ID that arrived as a number, without a fix', () => {
    const r = check(440305200506121000);
    expect(r).toEqual({ normalized: null, kind: null, birthDate: null, gender: null, findings: [damaged], valid: false });
    expect(check(440305200506121000, TODAY, 'number').findings).toEqual([damaged]);
  });

  it('rejects a number cell whose reader handed over the digits as text', () => {
    expect(check('440305200506121000', TODAY, 'number').findings).toEqual([damaged]);
    expect(check('440305200506121237', TODAY, 'number').findings).toEqual([damaged]);
  });

  it('rejects 16 and 17-digit numbers too (digits after the 15th are gone)', () => {
    expect(check(1101051949123100).findings).toEqual([
      { code: 'id-excel-number', severity: 'error', params: { source: 'number', shown: '1101051949123100' } },
    ]);
  });

  it('keeps a number-stored ID that happens to be intact, with a fix to text', () => {
    const r = check(440305200506141000);
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe('440305200506141000');
    expect(r.findings).toEqual([
      { code: 'id-number-cell', severity: 'warning', params: { cleaned: '440305200506141000' }, fix: '440305200506141000' },
    ]);
  });

  it('rejects a text ID with a 000 tail that fails the checksum', () => {
    expect(check('440305200506121000').findings).toEqual([
      { code: 'id-excel-number', severity: 'error', params: { source: 'zero-tail', shown: '440305200506121000' } },
    ]);
  });

  it('rejects scientific-notation text', () => {
    expect(check('4.40305E+17')).toMatchObject({
      valid: false,
      normalized: null,
      findings: [{ code: 'id-excel-number', severity: 'error', params: { source: 'scientific', shown: '4.40305E+17' } }],
    });
    expect(codes(' 4.40305e+17')).toEqual([['id-excel-number', 'error']]);
    expect(codes('4.40305200506121E+17')).toEqual([['id-excel-number', 'error']]);
  });
});

describe('checkIdNumber: cosmetic damage is cleaned with a fix', () => {
  const ID = '11010519491231002X';
  const cases: [string, string, string][] = [
    ['ASCII spaces', ' 110105 19491231 002X ', 'space'],
    ['NBSP', '110105\u00A019491231002X', 'space'],
    ['ideographic space U+3000', '\u3000110105 1949 1231 002X', 'space'],
    ['tab', '\t11010519491231002X', 'space'],
    ['newline', '11010519491231002X\n', 'space'],
    ['CRLF', '11010519491231002X\r\n', 'space'],
    ['zero-width space U+200B', '110105\u200B19491231002X', 'invisible'],
    ['zero-width non-joiner U+200C', '\u200C11010519491231002X', 'invisible'],
    ['zero-width joiner U+200D', '11010519491231002X\u200D', 'invisible'],
    ['BOM U+FEFF', '\uFEFF11010519491231002X', 'invisible'],
    ['hyphen-minus', '110105-19491231-002X', 'dash'],
    ['hyphen U+2010', '110105\u201019491231\u2010002X', 'dash'],
    ['en dash', '110105–19491231–002X', 'dash'],
    ['em dash', '110105—19491231—002X', 'dash'],
    ['apostrophe', "'11010519491231002X", 'quote'],
    ['right single quote', '’11010519491231002X', 'quote'],
    ['double quotes', '"11010519491231002X"', 'quote'],
    ['curly double quotes', '“11010519491231002X”', 'quote'],
    ['lowercase x', '11010519491231002x', 'lowercase'],
    ['label 身份证号：', '身份证号：11010519491231002X', 'label'],
    ['label 身份证号码:', '身份证号码:11010519491231002X', 'label'],
    ['label 公民身份号码', '公民身份号码11010519491231002X', 'label'],
  ];
  it.each(cases)('%s', (_name, raw, kind) => {
    const r = check(raw);
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe(ID);
    expect(r.findings).toEqual([
      { code: 'id-cleanup', severity: 'warning', params: { removed: kind, cleaned: ID }, fix: ID },
    ]);
  });

  it('full-width digits and X (NFKC), full-width dash and apostrophe', () => {
    expect(check('１１０１０５１９４９１２３１００２Ｘ').findings).toEqual([
      { code: 'id-cleanup', severity: 'warning', params: { removed: 'full-width', cleaned: ID }, fix: ID },
    ]);
    expect(check('110105－19491231－002X').findings[0]?.params.removed).toBe('dash');
    expect(check('＇11010519491231002X').findings[0]?.params.removed).toBe('quote');
    expect(check('１１０１０５１９４９１２３１００２ｘ').findings[0]?.params.removed).toBe('full-width,lowercase');
    // Compatibility forms NFKC folds (circled one) count as full-width too, so the fix is never silent.
    expect(check('①1010519491231002X').findings).toEqual([
      { code: 'id-cleanup', severity: 'warning', params: { removed: 'full-width', cleaned: ID }, fix: ID },
    ]);
  });

  it('several kinds at once, listed in a stable order', () => {
    expect(check(' 身份证号： 110105-1949\u200B1231-002x ').findings).toEqual([
      {
        code: 'id-cleanup',
        severity: 'warning',
        params: { removed: 'invisible,space,dash,label,lowercase', cleaned: ID },
        fix: ID,
      },
    ]);
  });

  it('still reports what is wrong after cleaning (the fix still cleans)', () => {
    expect(check(' 110105194912310021 ').findings).toEqual([
      {
        code: 'id-cleanup',
        severity: 'warning',
        params: { removed: 'space', cleaned: '110105194912310021' },
        fix: '110105194912310021',
      },
      { code: 'id-checksum', severity: 'error', params: { expected: 'X', actual: '1' } },
    ]);
    expect(codes('110105 20010229003 7')).toEqual([
      ['id-cleanup', 'warning'],
      ['id-birth-date', 'error'],
    ]);
    expect(codes("'440305200506121000")).toEqual([
      ['id-cleanup', 'warning'],
      ['id-excel-number', 'error'],
    ]);
  });

  it('cleans a legacy number, then upgrades it', () => {
    expect(check(' 110105-491231-002 ').findings.map((f) => [f.code, f.fix])).toEqual([
      ['id-cleanup', '110105491231002'],
      ['id-legacy-15', '11010519491231002X'],
    ]);
  });
});

describe('checkIdNumber: 2017 foreigner card (3 letters + 12 digits)', () => {
  it('is recognised with its own warning (no check character to verify)', () => {
    expect(check('USA310585011201')).toEqual({
      normalized: 'USA310585011201',
      kind: 'foreigner-2017',
      birthDate: null,
      gender: null,
      findings: [{ code: 'id-foreigner-2017', severity: 'warning', params: { nationality: 'USA' } }],
      valid: true,
    });
    expect(codes('usa310585011201')).toEqual([
      ['id-cleanup', 'warning'],
      ['id-foreigner-2017', 'warning'],
    ]);
  });
});

function checkChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (w[i] ?? 0);
  return '10X98765432'.charAt(sum % 11);
}
