/**
 * The clerk's filled 附件2 as an .xlsx file, made with exceljs the way a clerk's Excel stores it: the ID
 * column text-formatted, a merged title, column widths, row formats (data rows 18 pt; the 填表人 footer
 * taller, italic and merged, so a deleted row above it must carry them up), a 性别 dropdown and an ID
 * conditional format over the data rows, and planted mistakes — 性别
 * contradicting the ID, a wrong check digit, and an ID typed into a General cell (stored as a number,
 * digits lost).
 */
import ExcelJS from 'exceljs';
import { filledSheet } from '../../../core/templates/testing';
import { ATT2_META, att2Row } from '../../../core/templates/testing';
import { getPack, getSheetKind } from '../../../core/templates/registry';
import { blankSheet } from '../../../core/templates/blank';
import { columnLetters } from '../../../core/grid/address';

export const N = 5;
export const students = Array.from({ length: N }, (_, i) => att2Row(i));

/** The footer row's format (below the last student). */
export const FOOTER = { height: 30, merge: 3 } as const;

export interface Planted {
  sheet: string;
  firstDataRow: number;
  /** The 填表人 row. */
  footerRow: number;
  columns: Record<string, number>;
}

export async function filledAtt2(): Promise<{ bytes: Buffer; planted: Planted }> {
  const pack = getPack('gx-zz-2022');
  const kind = pack && getSheetKind(pack, 'att2');
  if (!pack || !kind) throw new Error('pack gx-zz-2022/att2 missing');
  const layout = blankSheet(pack, kind, { rows: N });
  const rows = students.map((s, i) => {
    if (i === 1) return { ...s, gender: s.gender === '男' ? '女' : '男' };
    if (i === 3) return { ...s, idNumber: `${String(s.idNumber).slice(0, 17)}${String(s.idNumber).endsWith('1') ? '2' : '1'}` };
    return s;
  });
  const grid = filledSheet('att2', { name: '附件2', meta: { ...ATT2_META }, rows });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(grid.name);
  const idCol = layout.columns.idNumber ?? 0;
  grid.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell || cell.value === null) return;
      const target = ws.getCell(r + 1, c + 1);
      if (c + 1 === idCol) target.numFmt = '@';
      target.value = cell.value;
    }),
  );
  // Planted: the 3rd student's ID typed into a General cell: Excel kept a double.
  const numberIdCell = ws.getCell(layout.firstDataRow + 2, idCol);
  numberIdCell.numFmt = 'General';
  numberIdCell.value = Number(students[2]?.idNumber);
  for (const m of layout.merges) ws.mergeCells(m.row, m.column, m.row + m.rowSpan - 1, m.column + m.colSpan - 1);
  ws.getCell(1, 1).font = { bold: true };
  ws.getColumn(idCol).width = 22;
  const footerRow = layout.firstDataRow + N;
  for (let r = layout.firstDataRow; r < footerRow; r++) ws.getRow(r).height = 18;
  ws.getRow(footerRow).height = FOOTER.height;
  ws.getCell(footerRow, 1).font = { italic: true };
  ws.mergeCells(footerRow, 1, footerRow, FOOTER.merge);
  // The template's own rules over the data rows (a 性别 dropdown, an ID-length format): a deleted row must take them along.
  const genderCol = layout.columns.gender ?? 3;
  for (let r = layout.firstDataRow; r < footerRow; r++) ws.getCell(r, genderCol).dataValidation = { type: 'list', allowBlank: true, formulae: ['"男,女"'] };
  const id = columnLetters(idCol);
  ws.addConditionalFormatting({
    ref: `${id}${layout.firstDataRow}:${id}${footerRow - 1}`,
    rules: [{ type: 'expression', priority: 1, formulae: [`LEN(${id}${layout.firstDataRow})<>18`], style: { font: { color: { argb: 'FFC00000' } } } }],
  });
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes, planted: { sheet: grid.name, firstDataRow: layout.firstDataRow, footerRow, columns: layout.columns } };
}
