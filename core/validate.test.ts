import { describe, expect, it } from 'vitest';
import type { Cell, CellValue, SheetGrid } from './grid/cell';
import { ATT2_META, att2Row, filledSheet, rng, workbook } from './templates/testing';
import { issueMessage } from './messages/render';
import { validate } from './validate';

const TODAY = '2022-05-01';

const GARBAGE: CellValue[] = [
  '', ' ', '\u3000', '\n', '姓 名', '身份证\n号码', '序号', '公共基础课', '填表人：', '学制：', '专业名称：', '附件2', 'x'.repeat(5000),
  '１２３', '4.40305E+17', 'NaN', '-', '—', '2022000101-', '男', '女', '不及格', '异动类型', '转出', '😀', '\u200b', '·',
  0, -1, 1e308, -1e-308, Number.NaN, Number.POSITIVE_INFINITY, 440305200401011200, 3.5, true, false, null,
];

function garbageSheet(random: () => number, name: string): SheetGrid {
  const rows: (Cell | null | undefined)[][] = [];
  const nRows = Math.floor(random() * 40);
  for (let r = 0; r < nRows; r++) {
    const row: (Cell | null | undefined)[] = [];
    const nCols = Math.floor(random() * 14);
    for (let c = 0; c < nCols; c++) {
      const p = random();
      if (p < 0.2) row.push(undefined);
      else if (p < 0.3) row.push(null);
      else {
        const types = ['string', 'number', 'date', 'error', 'empty', undefined] as const;
        const cell: Cell = { value: GARBAGE[Math.floor(random() * GARBAGE.length)] ?? null };
        const t = types[Math.floor(random() * types.length)];
        if (t) cell.type = t;
        row.push(cell);
      }
    }
    rows.push(row);
  }
  return { name, rows };
}

describe('validate', () => {
  it('never throws on garbage and never fails internally', () => {
    const random = rng(42);
    for (let k = 0; k < 300; k++) {
      const sheets = [garbageSheet(random, 'a'), garbageSheet(random, 'b')];
      // Half the time, garbage goes into real templates.
      if (k % 2 === 0) {
        const s = filledSheet('att2', { meta: ATT2_META, rows: [att2Row(0), att2Row(1)] });
        const g = garbageSheet(random, 'g');
        g.rows.forEach((row, r) => (s.rows[10 + r] = row));
        sheets.push(s);
      }
      const report = validate(workbook(...sheets), { today: TODAY });
      expect(report.issues.some((i) => i.code === 'internal-error')).toBe(false);
      for (const i of report.issues) expect(issueMessage(i)).toBeTruthy();
    }
  });

  it('handles empty and malformed workbooks', () => {
    expect(validate({ sheets: [] })).toMatchObject({ valid: true, packId: null, issues: [] });
    expect(validate({} as never).valid).toBe(true);
    const r = validate(workbook({ name: 'Sheet1', rows: [] }));
    expect(r.issues.map((i) => [i.sheet, i.address, i.code])).toEqual([['Sheet1', 'A1', 'no-template']]);
    const odd = validate(workbook({ name: 'x', rows: [[{ value: '序号' }], null as never, [undefined as never]] }));
    expect([odd.valid, odd.issues.map((i) => i.code)]).toEqual([false, ['no-template']]);
  });

  it('sorts issues by sheet order, row, column and fills stats', () => {
    const a = filledSheet('att2', { name: 'A', meta: ATT2_META, rows: [att2Row(0, { internship: 10, name: '张3' }), att2Row(1, { gender: 'x' })] });
    const b = filledSheet('att2', { name: 'B', meta: { ...ATT2_META, major: '护理' }, rows: [att2Row(2, { publicCourses: 'abc' })] });
    const r = validate(workbook(a, b), { today: TODAY });
    expect(r.issues.map((i) => [i.sheet, i.address, i.code])).toEqual([
      ['A', 'B11', 'name-format'],
      ['A', 'H11', 'grade-failing'],
      ['A', 'C12', 'gender-invalid'],
      ['B', 'E11', 'grade-invalid'],
    ]);
    expect(r.stats).toEqual({
      sheets: 2,
      recognizedSheets: 2,
      rows: 3,
      cells: 27,
      errors: 4,
      warnings: 0,
      fixable: 0,
      byCode: { 'name-format': 1, 'grade-failing': 1, 'gender-invalid': 1, 'grade-invalid': 1 },
    });
    expect(r.valid).toBe(false);
  });

  it('carries code and params, rendered in the reader’s locale at the edge', () => {
    const a = filledSheet('att2', { meta: ATT2_META, rows: [att2Row(0, { gender: '?' })] });
    const first = validate(workbook(a), { today: TODAY }).issues[0];
    expect(first && 'message' in first).toBe(false);
    expect(issueMessage(first ?? { code: '', params: {} }, 'en')).toBe('Gender "?" is invalid: 男 or 女 only.');
  });

  it('uses a forced pack', () => {
    const a = filledSheet('att2', { meta: ATT2_META, rows: [att2Row(0)] });
    expect(validate(workbook(a), { packId: 'hb-pg-2018' }).sheets[0]?.kindId).toBeNull();
  });
});
