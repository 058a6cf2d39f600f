import { describe, expect, it } from 'vitest';
import { extractRecords, graduatesForAllocation } from './extract';
import { ATT2_META, att2Row, filledSheet, workbook } from './templates/testing';
import { validate } from './validate';

describe('extractRecords', () => {
  it('returns meta and non-blank rows keyed by column key, and graduates in allocation order', () => {
    const a = filledSheet('att2', { name: 'A', meta: { ...ATT2_META, major: '护理' }, rows: [att2Row(0), att2Row(1)], blankTail: 2 });
    const b = filledSheet('att2', { name: 'B', meta: ATT2_META, rows: [att2Row(2)] });
    const c = filledSheet('att2', { name: 'C', meta: { ...ATT2_META, major: ' 护 理' }, rows: [att2Row(3)] });
    const wb = workbook(a, b, c, { name: 'notes', rows: [[{ value: 'hello' }]] });
    const records = extractRecords(wb, validate(wb, { today: '2022-05-01' }));
    expect(records.map((r) => [r.sheet, r.kindId, r.rows.map((x) => x.row)])).toEqual([
      ['A', 'att2', [11, 12]],
      ['B', 'att2', [11]],
      ['C', 'att2', [11]],
    ]);
    expect(records[0]?.meta.major).toBe('护理');
    expect(records[0]?.rows[0]?.fields).toEqual({ serial: 1, ...att2Row(0), certificateNumber: null });
    expect(graduatesForAllocation(records).map((g) => [g.sheet, g.row])).toEqual([
      ['A', 11],
      ['A', 12],
      ['C', 11],
      ['B', 11],
    ]);
  });
});
