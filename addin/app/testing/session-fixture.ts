/**
 * The filled 附件2 the engine tests edit, as core cells, and the edits they replay on a live session
 * (core engine vs mirror, worker engine vs in-thread engine).
 */
import type { Cell, WorkbookGrid } from '../../../core/grid/cell';
import { filledAtt2, rows } from '../../../test/e2e/pane/fixtures';
import { makeId, withWrongCheck } from '../../../test/helpers/ids';
import type { LiveSession } from '../engine';

export const sessionOptions = { today: '2022-04-20' };
export const att2Name = filledAtt2().name;

export const cell = (v: string | number | boolean | null): Cell | null =>
  v === null
    ? null
    : { value: v, type: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string' };

export function att2Workbook(): WorkbookGrid {
  const f = filledAtt2();
  return { sheets: [{ name: f.name, rows: f.rows.map((r) => r.map(cell)) }] };
}

export type SessionStep = (s: LiveSession) => unknown;

/** A wrong ID typed in the last row, two rows inserted and one filled, one deleted. */
export const rowEdits: SessionStep[] = [
  (s) =>
    s.replaceRows(att2Name, rows.last, [
      [cell(6), cell('李四'), cell('女'), cell(withWrongCheck(makeId({ gender: 'female', index: 5 })))],
    ]),
  (s) => s.insertRows(att2Name, rows.first + 1, 2),
  (s) =>
    s.replaceRows(att2Name, rows.first + 1, [
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
  (s) => s.deleteRows(att2Name, rows.first + 2, 1),
];

/** Replaces (adds) a sheet that is no template. */
export const addNotesSheet: SessionStep = (s) => s.replaceSheet({ name: '说明', rows: [[cell('说明')]] });
