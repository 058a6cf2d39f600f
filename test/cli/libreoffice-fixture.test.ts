/**
 * A file saved by a real spreadsheet program (LibreOffice Calc 7.4, see
 * test/fixtures/make-libreoffice-fixture.sh): its own shared strings, styles and merges, meta values typed
 * after the label in the same cell, and the ID typed as a number stored as a double. Each planted mistake
 * must be reported with its code at its cell — and nothing else in the data rows.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import type { Issue } from '../../core/issues/issue';
import { loadXlsx, runCli, tempDir } from '../helpers/xlsx';

const FIXTURE = join(import.meta.dirname, '../fixtures/libreoffice-gx-att2.xlsx');

const PLANTED = [
  {
    address: 'D13',
    code: 'id-excel-number',
    severity: 'error',
    what: 'ID typed as a number (440305200506121000)',
  },
  { address: 'D14', code: 'id-checksum', severity: 'error', what: 'wrong check character' },
  { address: 'D15', code: 'id-cleanup', severity: 'warning', what: 'lowercase x', fix: '45010320040815106X' },
  { address: 'B16', code: 'name-spaces', severity: 'error', what: 'name padded with spaces', fix: '李明' },
  { address: 'C17', code: 'gender-id-mismatch', severity: 'error', what: '性别 女 with a male ID' },
  { address: 'E18', code: 'grade-failing', severity: 'error', what: '公共基础课 45' },
] as const;

describe('a LibreOffice-saved 附件2 with planted mistakes', () => {
  const r = runCli(['validate', FIXTURE, '--json', '--today', '2022-06-20']);
  const report = JSON.parse(r.stdout) as {
    valid: boolean;
    issues: Issue[];
    sheets: {
      sheet: string;
      kindId: string | null;
      firstDataRow: number | null;
      lastDataRow: number | null;
    }[];
  };

  it('is recognised as 附件2 with data rows 11–20, and fails (exit 1)', () => {
    expect(report.sheets).toEqual([
      expect.objectContaining({ sheet: '计算机应用', kindId: 'att2', firstDataRow: 11, lastDataRow: 20 }),
    ]);
    expect(r.status).toBe(1);
    expect(report.valid).toBe(false);
  });

  it.each(PLANTED)('$address: $what → $code', (p) => {
    const hit = report.issues.find((i) => i.address === p.address && i.code === p.code);
    expect(hit, report.issues.map((i) => `${i.address} ${i.code}`).join('\n')).toBeDefined();
    expect(hit?.severity).toBe(p.severity);
    expect(hit?.sheet).toBe('计算机应用');
    if ('fix' in p) expect(hit?.fix).toBe(p.fix);
  });

  it('reports nothing else in the data rows', () => {
    const inData = report.issues.filter((i) => i.row >= 11 && i.row <= 20);
    expect(inData.map((i) => `${i.address} ${i.code}`).sort()).toEqual(
      PLANTED.map((p) => `${p.address} ${p.code}`).sort(),
    );
  });
});

describe('--annotate on the LibreOffice file', () => {
  it('marks every planted cell (red for errors, yellow for warnings) and keeps the values', async () => {
    const out = join(tempDir('yanyin-lo-'), 'annotated.xlsx');
    const r = runCli(['validate', FIXTURE, '--annotate', out, '--today', '2022-06-20', '--json']);
    expect(r.status).toBe(1);
    const ws = (await loadXlsx(out)).worksheets[0];
    if (!ws) throw new Error('no sheet');
    for (const p of PLANTED) {
      const cell = ws.getCell(p.address);
      expect((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb, p.address).toBe(
        p.severity === 'error' ? 'FFFFC7CE' : 'FFFFEB9C',
      );
      const note =
        typeof cell.note === 'string' ? cell.note : (cell.note?.texts ?? []).map((t) => t.text).join('');
      expect(note, p.address).toContain('【验印检查】');
    }
    expect(ws.getCell('D13').value).toBe(440305200506121000);
    expect(ws.getCell('B16').value).toBe('李  明');
    expect((ws.getCell('B11').fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
  });
});
