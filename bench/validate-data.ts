/** The large 附件2 the validation benches check (bench/validate.bench.ts, bench/memory.bench.ts). */
import type { Cell, CellValue, WorkbookGrid } from '../core/grid/cell';
import { gxZz2022 } from '../core/packs/gx-zz';
import { blankSheet } from '../core/templates/blank';
import { getSheetKind } from '../core/templates/registry';
import { ATT2_META, att2Row, filledSheet, makeId } from '../core/templates/testing';

/**
 * `rows` students with unique valid IDs and four planted errors (gender, grade, name, a duplicate ID).
 * Laid out as filledSheet lays out the official template, but built row by row, as a reader hands rows
 * over: the bench's own scaffolding (a record per student, then the grid) must not colour the memory
 * figures.
 */
export function bigAtt2(rows: number): WorkbookGrid {
  const kind = getSheetKind(gxZz2022, 'att2');
  if (!kind) throw new Error('gx-zz-2022 has no att2');
  // The layout (title, meta lines, header, footer) of a one-row sheet; the data rows go in between.
  const layout = blankSheet(gxZz2022, kind, { rows: 1 });
  const frame = filledSheet('att2', { name: '计算机', meta: ATT2_META, rows: [att2Row(0)] });
  const first = layout.firstDataRow - 1;
  const width = frame.rows[first]?.length ?? 0;
  const serialColumn = layout.columns.serial;
  const columns = Object.entries(layout.columns);
  const idOf = (i: number): string => {
    // Unique, valid IDs: vary birth date (2003–2005) and the 3-digit sequence.
    const year = 2003 + (i % 3);
    const day = String((Math.floor(i / 3) % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 84) % 12) + 1).padStart(2, '0');
    return makeId(`${year}${month}${day}`, Math.floor(i / 1008) % 1000);
  };
  const data: (Cell | null)[][] = new Array<(Cell | null)[]>(rows);
  for (let i = 0; i < rows; i++) {
    const male = (Math.floor(i / 1008) % 1000) % 2 === 1;
    const student = att2Row(i, { idNumber: idOf(i), gender: male ? '男' : '女', certificateNumber: String(2022000001 + i) });
    // planted errors
    if (i === 10) student.gender = male ? '女' : '男'; // gender-id-mismatch
    if (i === 500) student.publicCourses = 45; // grade-failing
    if (i === 2000) student.name = '张 三'; // name-spaces
    if (i === 30000) student.idNumber = idOf(100); // id-duplicate ×2
    const row = new Array<Cell | null>(width).fill(null);
    if (serialColumn) row[serialColumn - 1] = { value: i + 1 };
    for (const [key, column] of columns) {
      const value: CellValue | undefined = student[key];
      if (value !== undefined && value !== null) row[column - 1] = { value };
    }
    data[i] = row;
  }
  const sheet = { name: frame.name, rows: [...frame.rows.slice(0, first), ...data, ...frame.rows.slice(first + 1)] };
  return { sheets: [sheet] };
}
