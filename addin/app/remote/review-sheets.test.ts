import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../core/grid/cell';
import { detect } from '../../../core/templates/detect';
import { safeSheetName, spotCheckGrid, submissionGrid } from './review-sheets';
import type { SubmissionView } from './schemas';

const view: SubmissionView = {
  submission: {
    id: 's1',
    version: 4,
    status: 'SUBMITTED',
    campaignId: 'c1',
    school: { id: 'o1', name: '南宁市第一职业技术学校' },
    submittedAt: '2022-04-20T00:00:00.000Z',
    updatedAt: '2022-04-20T00:00:00.000Z',
    rowCount: 2,
  },
  report: {
    valid: true,
    stats: { sheets: 1, recognizedSheets: 1, rows: 2, cells: 18, errors: 0, warnings: 1, fixable: 0, byCode: { 'grade-failing': 1 } },
    issues: [{ code: 'grade-failing', severity: 'warning', sheet: '附件2', row: 12, column: 6, address: 'F12', message: '成绩不及格', params: {} }],
  },
  events: [],
};

const rows = {
  items: [
    { sheet: '附件2', kind: 'att2', row: 12, fields: { serial: 2, name: '王芳', gender: '女', idNumber: '450102200401021020', publicCourses: 55, skillCourses: '良好', conduct: '合格', internship: '优秀' } },
    { sheet: '附件2', kind: 'att2', row: 11, fields: { serial: 1, name: '张伟', gender: '男', idNumber: '450102200401011017', publicCourses: 60, skillCourses: '良好', conduct: '合格', internship: '优秀' } },
    { sheet: '附件3', kind: 'att3', row: 7, fields: { graduateTotal: 2, major: '计算机应用', graduates: 2 } },
  ],
};

const asGrid = (rows: CellValue[][]) => ({ sheets: [{ name: 'R', rows: rows.map((r) => r.map((v) => (v === null ? null : { value: v }))) }] });

describe('read-only sheets for reviewers', () => {
  it('lists the submitted rows per sheet in template column order, then the issues', () => {
    const grid = submissionGrid(view, 'gx-zz-2022', rows);
    const text = grid.map((r) => r.join('|'));
    const at = text.findIndex((t) => t.startsWith('【原行号】|【序号】|【姓名】|【性别】|【身份证号码】'));
    expect(at).toBeGreaterThan(0);
    expect(grid[at + 1]).toEqual([11, 1, '张伟', '男', '450102200401011017', 60, '良好', '合格', '优秀', null]);
    expect(grid[at + 2]?.[2]).toBe('王芳');
    expect(text.some((t) => t.startsWith('7|2|计算机应用'))).toBe(true);
    expect(text).toContain('附件2|F12|序号 2 王芳|警告|成绩不及格');
  });

  it('is never taken for a template by the detector (the pane would validate and paint a protected sheet)', () => {
    expect(detect(asGrid(submissionGrid(view, 'gx-zz-2022', rows))).sheets[0]?.kindId).toBeNull();
    expect(detect(asGrid(spotCheckGrid([]))).sheets[0]?.kindId).toBeNull();
  });

  it('makes safe, unique sheet names', () => {
    expect(safeSheetName('审阅-南宁市第一职业技术学校[分校]/二部')).toBe('审阅-南宁市第一职业技术学校_分校__二部');
    expect(safeSheetName('x'.repeat(40))).toHaveLength(31);
    expect(safeSheetName('抽查样本', ['抽查样本'])).toBe('抽查样本(2)');
  });
});
