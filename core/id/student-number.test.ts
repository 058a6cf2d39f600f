import { describe, expect, it } from 'vitest';
import { checkStudentNumber } from './student-number';

const TODAY = { today: '2025-06-01' };
const codes = (value: string | number | null, id: string | null = null) =>
  checkStudentNumber({ value }, id, TODAY).map((f) => [f.code, f.severity]);

describe('checkStudentNumber', () => {
  it('accepts G + the row’s ID number', () => {
    expect(checkStudentNumber({ value: 'G440106200707071235' }, '440106200707071235', TODAY)).toEqual([]);
    expect(checkStudentNumber({ value: 'G11010519491231002X' }, '11010519491231002X', TODAY)).toEqual([]);
    expect(checkStudentNumber({ value: 'G440106200707071235' }, null, TODAY)).toEqual([]);
  });

  it('warns (not rejects) when the G number holds another ID (the ID may have changed later)', () => {
    expect(checkStudentNumber({ value: 'G440106200707071235' }, '110105200002290013', TODAY)).toEqual([
      {
        code: 'xjh-id-mismatch',
        severity: 'warning',
        params: { embedded: '440106200707071235', idNumber: '110105200002290013' },
      },
    ]);
  });

  it('checks the check character of G and J numbers', () => {
    expect(checkStudentNumber({ value: 'G440106200707071236' }, null, TODAY)).toEqual([
      { code: 'xjh-checksum', severity: 'error', params: { expected: '5', actual: '6', kind: 'G' } },
    ]);
    expect(codes('J450103200808080010')).toEqual([]);
    expect(codes('J450103200808080029')).toEqual([]);
    expect(checkStudentNumber({ value: 'J450103200808080011' }, null, TODAY)).toEqual([
      { code: 'xjh-checksum', severity: 'error', params: { expected: '0', actual: '1', kind: 'J' } },
    ]);
  });

  it('accepts L (temporary) numbers without a check character, but checks the birth date', () => {
    expect(codes('L450103200808081234')).toEqual([]);
    expect(checkStudentNumber({ value: 'L450103200102291234' }, null, TODAY)).toEqual([
      { code: 'xjh-birth-date', severity: 'error', params: { reason: 'not-a-date', date: '2001-02-29' } },
    ]);
    expect(codes('L45010320080808123X')).toEqual([['xjh-format', 'error']]);
  });

  it('rejects a future birth date', () => {
    expect(checkStudentNumber({ value: 'L450103202512311234' }, null, TODAY)).toEqual([
      { code: 'xjh-birth-date', severity: 'error', params: { reason: 'future', date: '2025-12-31', today: '2025-06-01' } },
    ]);
  });

  it('reports empty and malformed values', () => {
    expect(codes(null)).toEqual([['xjh-empty', 'error']]);
    expect(codes('  ')).toEqual([['xjh-empty', 'error']]);
    expect(checkStudentNumber({ value: 'G44010620070707123' }, null, TODAY)).toEqual([
      { code: 'xjh-format', severity: 'error', params: { reason: 'length', length: 18 } },
    ]);
    expect(checkStudentNumber({ value: 'K440106200707071235' }, null, TODAY)).toEqual([
      { code: 'xjh-format', severity: 'error', params: { reason: 'prefix', length: 19, prefix: 'K' } },
    ]);
    expect(checkStudentNumber({ value: 'G4401062007070X1235' }, null, TODAY)).toEqual([
      { code: 'xjh-format', severity: 'error', params: { reason: 'chars', length: 19, char: 'X' } },
    ]);
    expect(codes(440106200707071000)).toEqual([['xjh-format', 'error']]);
  });

  it('cleans spaces, symbols, labels, full-width characters and lowercase, with the fix', () => {
    expect(checkStudentNumber({ value: ' g4401 0620-0707 071235\u200B' }, null, TODAY)).toEqual([
      {
        code: 'xjh-cleanup',
        severity: 'warning',
        params: { removed: 'invisible,space,dash,lowercase', cleaned: 'G440106200707071235' },
        fix: 'G440106200707071235',
      },
    ]);
    expect(checkStudentNumber({ value: '学籍号：Ｇ440106200707071235' }, null, TODAY)[0]?.fix).toBe('G440106200707071235');
    expect(codes(' G440106200707071236 ')).toEqual([
      ['xjh-cleanup', 'warning'],
      ['xjh-checksum', 'error'],
    ]);
  });
});
