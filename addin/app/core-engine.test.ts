import { describe, expect, it } from 'vitest';
import { validate } from '../../core';
import type { Cell, WorkbookGrid } from '../../core/grid/cell';
import { filledAtt2, rows } from '../../test/e2e/pane/fixtures';
import { withWrongCheck, makeId } from '../../test/helpers/ids';
import { createCoreEngine } from './core-engine';
import { createMirrorSession, type LiveSession } from './engine';

const cell = (v: string | number | boolean | null): Cell | null =>
  v === null
    ? null
    : { value: v, type: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string' };

function workbook(): WorkbookGrid {
  const f = filledAtt2();
  return { sheets: [{ name: f.name, rows: f.rows.map((r) => r.map(cell)) }] };
}

const keys = (s: LiveSession): string[] =>
  s
    .report()
    .issues.map((i) => `${i.address}:${i.code}`)
    .sort();
const options = { today: '2022-04-20' };

describe('core engine adapter', () => {
  it('recognises the filled 附件2 and finds the planted mistakes', async () => {
    const s = await createCoreEngine().createSession(workbook(), options);
    const rec = s.report().sheets[0];
    expect(rec?.kindId).toBe('att2');
    expect(rec?.firstDataRow).toBe(rows.first);
    expect(rec?.lastDataRow).toBe(rows.last);
    const codes = keys(s);
    expect(codes).toContain(`D${rows.spaced}:id-cleanup`);
    expect(codes).toContain(`D${rows.wrongCheck}:id-checksum`);
    expect(codes.some((c) => c.endsWith('gender-id-mismatch'))).toBe(true);
    expect(codes.some((c) => c.endsWith('grade-failing'))).toBe(true);
    expect(s.cell(filledAtt2().name, rows.first, 2)?.value).toBe('韦小宝');
  });

  it('gives the same issues as a full validate after edits, inserts, deletes and sheet replacement', async () => {
    const live = await createCoreEngine().createSession(workbook(), options);
    const mirror = createMirrorSession(workbook(), options, validate);
    const name = filledAtt2().name;
    const steps: ((s: LiveSession) => unknown)[] = [
      (s) =>
        s.replaceRows(name, rows.last, [
          [cell(6), cell('李四'), cell('女'), cell(withWrongCheck(makeId({ gender: 'female', index: 5 })))],
        ]),
      (s) => s.insertRows(name, rows.first + 1, 2),
      (s) =>
        s.replaceRows(name, rows.first + 1, [
          [
            cell(2),
            cell('新生'),
            cell('男'),
            cell(makeId({ gender: 'male', index: 9 })),
            cell(80),
            cell(80),
            cell('良好'),
            cell('合格'),
          ],
        ]),
      (s) => s.deleteRows(name, rows.first + 2, 1),
      (s) => s.replaceSheet({ name: '说明', rows: [[cell('说明')]] }),
    ];
    for (const step of steps) {
      await step(live);
      await step(mirror);
      expect(keys(live)).toEqual(keys(mirror));
    }
    expect(live.rowCount('说明')).toBe(1);
  });
});
