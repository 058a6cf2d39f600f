import { describe, expect, it } from 'vitest';
import type { Cell, CellValue } from './grid/cell';
import { createValidationSession } from './session';
import { ATT2_META, att2Row, filledSheet, rng, workbook } from './templates/testing';
import { validate } from './validate';

const TODAY = '2022-05-01';

function build() {
  // the last number (…113) lies outside the 起止号 附件3 declares for 计算机应用
  const cs = Array.from({ length: 12 }, (_, i) => att2Row(i, { certificateNumber: String(2022000101 + i + (i === 11 ? 1 : 0)) }));
  const nurse = Array.from({ length: 6 }, (_, i) => att2Row(20 + i));
  return workbook(
    filledSheet('att2', { name: '计算机', meta: ATT2_META, rows: cs, blankTail: 3 }),
    filledSheet('att2', { name: '护理', meta: { ...ATT2_META, major: '护理' }, rows: nurse }),
    filledSheet('att3', {
      name: '附件3',
      meta: { schoolName: ATT2_META.schoolName },
      rows: [
        { graduateTotal: 18, major: '计算机应用', enrollmentDate: '2019-09', schoolLength: '3年', teachingForm: '全日制', graduates: 12, certificateRange: '2022000101-2022000112' },
        { major: '护理', enrollmentDate: '2019-09', schoolLength: '3年', teachingForm: '全日制', graduates: 6, certificateRange: '2022000113-2022000118' },
      ],
    }),
    filledSheet('att4', {
      name: '附件4',
      meta: { schoolName: ATT2_META.schoolName },
      rows: [
        { name: cs[3]?.name ?? null, idNumber: cs[3]?.idNumber ?? null, major: '计算机应用', grade: '2019级', schoolLength: '3年', before: '在校', after: '休学', changeType: '休学' },
        // 复学 into a later cohort (does not graduate in 2022) and unreadable before/after
        { name: cs[5]?.name ?? null, idNumber: cs[5]?.idNumber ?? null, major: '计算机应用', grade: '2020级', schoolLength: '3年', before: '病假', after: '3班', changeType: '复学' },
        // 转专业: listed on the new major's sheet; then one still on the old major's sheet; then one on none
        { name: nurse[0]?.name ?? null, idNumber: nurse[0]?.idNumber ?? null, major: '护理', grade: '2019级', schoolLength: '3年', before: '计算机应用', after: '护理', changeType: '转专业' },
        { name: cs[7]?.name ?? null, idNumber: cs[7]?.idNumber ?? null, major: '护理', grade: '2019级', schoolLength: '3年', before: '计算机应用', after: '护理', changeType: '转专业' },
        { name: '覃海', idNumber: att2Row(40).idNumber ?? null, major: '护理', grade: '2019级', schoolLength: '3年', before: '会计', after: '护理', changeType: '转专业' },
      ],
    }),
  );
}

const VALUES: CellValue[] = [
  null, '', '张 三', '王芳', '男', '女', 'M', 59, 88, '优秀', '不及格', '2022000105', '2022000101', 'abc', 1, 2, 7, '填表人：', '专业名称：护理',
  // 附件3 ranges, 附件4 转专业 / 休学 / 复学 / 年级
  '2022000120', '2022000113', '2022000101-2022000110', '转专业', '休学', '复学', '留级', '转出', '计算机应用', '护理', '会计', '在校', '2020级', '2019级', '2年',
];

describe('validation session', () => {
  it('incremental results equal a full re-validation after every kind of edit', () => {
    const random = rng(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const session = createValidationSession(build(), { today: TODAY });
    const ids = build().sheets.flatMap((s) => s.rows.map((r) => r[3]?.value).filter((v): v is string => typeof v === 'string' && /^\d{17}/.test(v)));
    for (let step = 0; step < 150; step++) {
      const wb = session.workbook();
      const sheet = pick(wb.sheets);
      const n = sheet.rows.length;
      const op = random();
      const row = 1 + Math.floor(random() * (n + 2));
      const randomRow = (): (Cell | null)[] => {
        const base = sheet.rows[Math.min(n, Math.max(1, row)) - 1] ?? [];
        const copy = base.map((c) => (c ? { ...c } : null));
        const col = Math.floor(random() * 10);
        const v = random() < 0.2 ? pick(ids) : pick(VALUES);
        copy[col] = v === null ? null : { value: v };
        return copy;
      };
      const previous = session.report();
      const update =
        op < 0.7
          ? session.updateRows(sheet.name, row, [randomRow()])
          : op < 0.85
            ? session.insertRows(sheet.name, row, [randomRow()])
            : session.deleteRows(sheet.name, row, 1 + Math.floor(random() * 2));
      const incremental = session.report();
      const full = validate(session.workbook(), { today: TODAY });
      expect(incremental).toEqual(full);
      // Every row whose shown issues differ is in `changed` (a repaint of the rest would show nothing new).
      const byRow = (issues: typeof full.issues): Map<string, string> => {
        const m = new Map<string, string>();
        for (const i of issues) m.set(`${i.sheet}!${i.row}`, `${m.get(`${i.sheet}!${i.row}`) ?? ''}|${JSON.stringify([i.code, i.column, i.severity, i.fix, i.params])}`);
        return m;
      };
      const a = byRow(previous.issues);
      const b = byRow(full.issues);
      for (const key of new Set([...a.keys(), ...b.keys()])) {
        if (a.get(key) === b.get(key)) continue;
        const [name, r] = key.split('!') as [string, string];
        expect(update.changed.some((c) => c.sheet === name && c.fromRow <= Number(r) && Number(r) <= c.toRow), `${key} at step ${step}`).toBe(true);
      }
    }
  });

  it('does not mutate the caller’s workbook and reports changed rows', () => {
    const wb = build();
    const before = JSON.stringify(wb);
    const session = createValidationSession(wb, { today: TODAY });
    const row = session.workbook().sheets[0]?.rows[10]?.map((c) => (c ? { ...c } : null)) ?? [];
    row[2] = { value: '未知' };
    const update = session.updateRows('计算机', 11, [row]);
    expect(JSON.stringify(wb)).toBe(before);
    expect(update.report.issues.filter((i) => i.sheet === '计算机').map((i) => [i.address, i.code])).toContainEqual(['C11', 'gender-invalid']);
    expect(update.changed).toContainEqual({ sheet: '计算机', fromRow: 11, toRow: 11 });
    const del = session.deleteRows('计算机', 12, 1);
    // 附件3 毕业人数 no longer matches, and the rows below shifted
    expect(del.changed).toContainEqual({ sheet: '附件3', fromRow: 7, toRow: 7 });
    expect(del.changed.find((c) => c.sheet === '计算机')).toMatchObject({ fromRow: 12 });
  });

  it('keeps unchanged duplicate-ID issues and reports only the rows an ID edit left or joined', () => {
    // 30 rows, IDs repeating every 10 rows: every row carries an id-duplicate issue (issue #12's shape).
    const rows = Array.from({ length: 30 }, (_, i) => att2Row(i % 10));
    const session = createValidationSession(workbook(filledSheet('att2', { name: '附件2', meta: ATT2_META, rows })), { today: TODAY });
    const before = session.report().issues.filter((i) => i.code === 'id-duplicate');
    expect(before).toHaveLength(30);
    const first = before[0]?.row ?? 0;
    // The row of student 3's second copy takes student 4's ID: it leaves group 3 and joins group 4.
    const r = first + 13;
    const edited = session.workbook().sheets[0]?.rows[r - 1]?.map((c) => (c ? { ...c } : null)) ?? [];
    edited[3] = { value: att2Row(4).idNumber ?? null };
    const update = session.updateRows('附件2', r, [edited]);
    expect(update.report).toEqual(validate(session.workbook(), { today: TODAY }));
    const groups = [3, 4].flatMap((k) => [first + k, first + 10 + k, first + 20 + k]);
    const rowsOf = (c: { fromRow: number; toRow: number }[]): number[] => c.flatMap((x) => Array.from({ length: x.toRow - x.fromRow + 1 }, (_, k) => x.fromRow + k));
    // Both groups' rows (their counts and the rows they name changed), and no other.
    expect(rowsOf(update.changed)).toEqual(groups.sort((a, b) => a - b));
    // Issues of the untouched groups are the same objects (what lets an edit's cost follow its changes).
    const after = new Set(update.report.issues);
    const untouched = before.filter((i) => !groups.includes(i.row));
    expect(untouched).toHaveLength(24);
    expect(untouched.every((i) => after.has(i))).toBe(true);
  });

  it('ignores unknown sheets and odd arguments', () => {
    const session = createValidationSession(build(), { today: TODAY });
    const r = session.report();
    expect(session.updateRows('nope', 1, []).report).toEqual(r);
    expect(session.deleteRows('计算机', -5, Number.NaN).report).toEqual(validate(session.workbook(), { today: TODAY }));
  });
});
