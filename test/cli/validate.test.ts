/**
 * The real CLI, as a child process, on files made by `yanyin template gx-zz-2022` and filled like a clerk
 * would: a clean workbook passes (exit 0); each planted mistake, one at a time, is reported with the right
 * code at the right cell; --annotate marks that cell in a copy.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IssueWithMessage as Issue } from '../../core/issues/issue';
import { makeId, makeIdEndingInX, toFullWidth, withWrongCheck } from '../helpers/ids';
import { STUDENTS, fillGoodGx, gxLayout, type GxLayout } from '../helpers/xlsx-gx';
import { addressOf, fillRow, loadXlsx, runCli, saveXlsx, tempDir } from '../helpers/xlsx';

const TODAY = '2022-06-20';
const dir = tempDir('yanyin-cli-');
const blank = join(dir, 'blank.xlsx');
const good = join(dir, 'good.xlsx');

interface JsonReport {
  file: string;
  valid: boolean;
  packId: string | null;
  stats: { errors: number; warnings: number; rows: number; recognizedSheets: number; sheets: number };
  issues: Issue[];
  sheets: { sheet: string; kindId: string | null }[];
}

function validateJson(file: string, ...extra: string[]) {
  const r = runCli(['validate', file, '--json', '--today', TODAY, ...extra]);
  let report: JsonReport | undefined;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return { ...r, report };
}

const brief = (issues: readonly Issue[]) =>
  issues.map((i) => `${i.sheet}!${i.address} ${i.severity} ${i.code}: ${i.message}`);

/** Copies good.xlsx, applies one mistake, saves it under `name`. */
async function plant(name: string, mutate: (wb: ExcelJS.Workbook, l: GxLayout) => void): Promise<string> {
  const wb = await loadXlsx(good);
  mutate(wb, gxLayout(wb));
  const path = join(dir, `${name}.xlsx`);
  await saveXlsx(wb, path);
  return path;
}

beforeAll(async () => {
  // A school submits 附件1–4; 附件5 is filled by the colleges.
  const r = runCli(['template', 'gx-zz-2022', '--kind', 'att1,att2,att3,att4', '-o', blank]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const wb = await loadXlsx(blank);
  fillGoodGx(wb);
  await saveXlsx(wb, good);
});

describe('yanyin validate: a correctly filled template', () => {
  it('passes with exit 0 and recognises every attachment', () => {
    const { status, report } = validateJson(good);
    expect(brief(report.issues.filter((i) => i.severity === 'error'))).toEqual([]);
    expect(status).toBe(0);
    expect(report.valid).toBe(true);
    expect(report.packId).toBe('gx-zz-2022');
    expect(report.sheets.map((s) => s.kindId)).toEqual(['att1', 'att2', 'att3', 'att4']);
    expect(report.stats.rows).toBeGreaterThanOrEqual(STUDENTS.length);
  });

  it('has no warnings either', () => {
    expect(brief(validateJson(good).report.issues)).toEqual([]);
  });

  it('takes a path relative to the working directory, and --pack to skip detection', () => {
    const r = runCli(['validate', 'good.xlsx', '--json', '--today', TODAY, '--pack', 'gx-zz-2022'], {
      cwd: dir,
    });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as JsonReport).packId).toBe('gx-zz-2022');
  });

  it('prints a readable Chinese report by default, English with --lang en', () => {
    const zh = runCli(['validate', good, '--today', TODAY]);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('附件2 资格审核与验印登记表');
    expect(zh.stdout).toContain('身份证号码');
    expect(zh.stdout).toContain('结论：✓ 通过');
    const en = runCli(['validate', good, '--today', TODAY, '--lang', 'en']);
    expect(en.stdout).toContain('Result: ✓ passed');
  });
});

interface Planted {
  name: string;
  mutate: (wb: ExcelJS.Workbook, l: GxLayout) => void;
  code: string;
  sheet: string;
  /** Where the issue must be (data row index on 附件2 and column key, or a literal address). */
  at: (l: GxLayout) => string;
  severity: 'error' | 'warning';
  fix?: string;
}

const att2Cell = (row: number, key: string) => (l: GxLayout) => addressOf(l.att2.table, row, key);
const ATT2 = '附件2 资格审核与验印登记表';
const s = (i: number) => {
  const st = STUDENTS[i];
  if (!st) throw new Error('student');
  return st;
};

const planted: Planted[] = [
  {
    name: 'wrong-checksum',
    mutate: (_wb, l) => void fillRow(l.att2.ws, l.att2.table, 2, { idNumber: withWrongCheck(s(2).id) }),
    code: 'id-checksum',
    sheet: ATT2,
    at: att2Cell(2, 'idNumber'),
    severity: 'error',
  },
  {
    name: 'id-as-number',
    mutate: (wb, l) => {
      const r = fillRow(l.att2.ws, l.att2.table, 3, { idNumber: 440305200506121000 });
      l.att2.ws.getCell(r, l.att2.table.columns.idNumber ?? 0).numFmt = 'General';
      void wb;
    },
    code: 'id-excel-number',
    sheet: ATT2,
    at: att2Cell(3, 'idNumber'),
    severity: 'error',
  },
  {
    name: 'gender-mismatch',
    mutate: (_wb, l) => void fillRow(l.att2.ws, l.att2.table, 0, { gender: '男' }),
    code: 'gender-id-mismatch',
    sheet: ATT2,
    at: att2Cell(0, 'gender'),
    severity: 'error',
  },
  {
    name: 'failing-grade',
    mutate: (_wb, l) => void fillRow(l.att2.ws, l.att2.table, 1, { skillCourses: 45 }),
    code: 'grade-failing',
    sheet: ATT2,
    at: att2Cell(1, 'skillCourses'),
    severity: 'error',
  },
  {
    name: 'duplicate-id',
    mutate: (_wb, l) => void fillRow(l.att2.ws, l.att2.table, 4, { idNumber: s(0).id, gender: s(0).gender }),
    code: 'id-duplicate',
    sheet: ATT2,
    at: att2Cell(4, 'idNumber'),
    severity: 'error',
  },
  {
    name: 'bad-serial',
    mutate: (_wb, l) => void fillRow(l.att2.ws, l.att2.table, 2, { serial: 5 }),
    code: 'serial-sequence',
    sheet: ATT2,
    at: att2Cell(2, 'serial'),
    severity: 'warning',
    fix: '3',
  },
  {
    name: 'full-width-digits',
    mutate: (_wb, l) => void fillRow(l.att2.ws, l.att2.table, 3, { idNumber: toFullWidth(s(3).id) }),
    code: 'id-cleanup',
    sheet: ATT2,
    at: att2Cell(3, 'idNumber'),
    severity: 'warning',
    fix: s(3).id,
  },
  {
    name: 'lowercase-x',
    mutate: (_wb, l) => {
      const id = makeIdEndingInX('450103', '20040815');
      fillRow(l.att2.ws, l.att2.table, 2, {
        idNumber: id.toLowerCase(),
        gender: Number(id[16]) % 2 ? '男' : '女',
      });
    },
    code: 'id-cleanup',
    sheet: ATT2,
    at: att2Cell(2, 'idNumber'),
    severity: 'warning',
    fix: makeIdEndingInX('450103', '20040815'),
  },
  {
    name: 'name-padding',
    mutate: (_wb, l) => void fillRow(l.att2.ws, l.att2.table, 1, { name: '黄  强' }),
    code: 'name-spaces',
    sheet: ATT2,
    at: att2Cell(1, 'name'),
    severity: 'error',
    fix: '黄强',
  },
  {
    name: 'att3-total-mismatch',
    mutate: (_wb, l) => void fillRow(l.att3.ws, l.att3.table, 0, { graduateTotal: STUDENTS.length + 1 }),
    code: 'total-mismatch',
    sheet: '附件3 验印审核表',
    at: (l) => addressOf(l.att3.table, 0, 'graduateTotal'),
    severity: 'error',
  },
  {
    name: 'unknown-province',
    mutate: (_wb, l) => {
      const id = makeId({ gender: 'female', index: 9, area: '990103', birth: '20040101' });
      fillRow(l.att2.ws, l.att2.table, 4, { idNumber: id });
    },
    code: 'id-region-unknown',
    sheet: ATT2,
    at: att2Cell(4, 'idNumber'),
    severity: 'error',
  },
];

describe('yanyin validate: one planted mistake at a time', () => {
  it.each(planted)('$name → $code at the right cell', async (p) => {
    const file = await plant(p.name, p.mutate);
    const { status, stdout, stderr, report } = validateJson(file);
    const wb = await loadXlsx(file);
    const address = p.at(gxLayout(wb));
    const hit = report.issues.find((i) => i.code === p.code && i.sheet === p.sheet && i.address === address);
    expect(
      hit,
      `expected ${p.code} at ${p.sheet}!${address}; got:\n${brief(report.issues).join('\n')}`,
    ).toBeDefined();
    expect(hit?.severity).toBe(p.severity);
    if (p.fix !== undefined) expect(String(hit?.fix)).toBe(p.fix);
    expect(hit?.message.length).toBeGreaterThan(4);
    expect(status).toBe(p.severity === 'error' ? 1 : report.stats.errors > 0 ? 1 : 0);
    expect(report.valid).toBe(p.severity !== 'error');
    // --json: one JSON document on stdout and nothing else.
    expect(stdout.trim().startsWith('{') && stdout.trim().endsWith('}')).toBe(true);
    expect(stderr).toBe('');
  });
});

describe('yanyin validate --annotate', () => {
  it('fills the planted cell and notes the message, in a copy', async () => {
    const file = await plant('annotate-me', (_wb, l) => {
      fillRow(l.att2.ws, l.att2.table, 2, { idNumber: withWrongCheck(s(2).id) }); // error
      fillRow(l.att2.ws, l.att2.table, 2, { serial: 7 }); // warning
    });
    const out = join(dir, 'annotated.xlsx');
    const r = runCli(['validate', file, '--annotate', out, '--today', TODAY]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('annotated.xlsx');

    const wb = await loadXlsx(out);
    const l = gxLayout(wb);
    const idCell = l.att2.ws.getCell(addressOf(l.att2.table, 2, 'idNumber'));
    const serialCell = l.att2.ws.getCell(addressOf(l.att2.table, 2, 'serial'));
    const argb = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(argb(idCell)).toBe('FFFFC7CE');
    expect(argb(serialCell)).toBe('FFFFEB9C');
    const note = (c: ExcelJS.Cell) =>
      typeof c.note === 'string' ? c.note : (c.note?.texts ?? []).map((t) => t.text).join('');
    expect(note(idCell)).toContain('校验');
    expect(note(serialCell)).toContain('序号');
    // Values untouched; a clean cell stays clean.
    expect(idCell.value).toBe(withWrongCheck(s(2).id));
    expect(argb(l.att2.ws.getCell(addressOf(l.att2.table, 0, 'name')))).toBeUndefined();
    // The original is not modified.
    const original = await loadXlsx(file);
    const o = gxLayout(original);
    expect(o.att2.ws.getCell(addressOf(o.att2.table, 2, 'idNumber')).note).toBeFalsy();
  });
});

describe('yanyin validate: unreadable input and bad arguments → exit 2, no stack trace', () => {
  const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

  it('a missing file', () => {
    const r = runCli(['validate', join(dir, 'nope.xlsx')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('找不到文件');
    noStack(r.stderr);
  });

  it('a file that is not an .xlsx', () => {
    const txt = join(dir, 'roster.xlsx');
    writeFileSync(txt, '姓名,身份证号码\n韦丽娟,450103200405211020\n');
    const r = runCli(['validate', txt, '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('不是 Excel 工作簿');
    noStack(r.stderr);
  });

  it('a legacy .xls', () => {
    const r = runCli(['validate', join(import.meta.dirname, '../fixtures/libreoffice-gx-att2.xls')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('.xls');
    noStack(r.stderr);
  });

  it('no file, an unknown option, an unknown pack, a bad --lang', () => {
    for (const args of [
      ['validate'],
      ['validate', good, '--frobnicate'],
      ['validate', good, '--pack', 'xx-1999'],
      ['validate', good, '--lang', 'fr'],
    ]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.length).toBeGreaterThan(0);
      noStack(r.stderr);
    }
  });

  it('--annotate onto the checked file itself is refused', () => {
    const r = runCli(['validate', good, '--annotate', good]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--annotate');
  });
});
