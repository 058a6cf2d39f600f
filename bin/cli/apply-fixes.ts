/**
 * `validate --fix`: the fixes the pane's "全部修正" applies (every issue that carries a `fix`), written
 * into a copy of the workbook. Issues without a fix — a damaged ID, a failing grade — are never touched:
 * only the clerk can say what the value should be.
 */
import type ExcelJS from 'exceljs';
import type { CellValue, WorkbookGrid } from '../../core/grid/cell';
import type { Issue } from '../../core/issues/issue';

export interface AppliedFix {
  sheet: string;
  address: string;
  code: string;
  before: CellValue;
  after: CellValue;
  issue: Issue;
}

/** Mutates `workbook`; one fix per cell (the first issue's, in report order). */
export function applyFixes(workbook: ExcelJS.Workbook, grid: WorkbookGrid, issues: readonly Issue[]): AppliedFix[] {
  const done = new Set<string>();
  const applied: AppliedFix[] = [];
  for (const issue of issues) {
    if (issue.fix === undefined || issue.row < 1 || issue.column < 1) continue;
    const key = `${issue.sheet}\u0000${issue.row}\u0000${issue.column}`;
    if (done.has(key)) continue;
    const worksheet = workbook.getWorksheet(issue.sheet);
    if (!worksheet) continue;
    done.add(key);
    const before = grid.sheets.find((s) => s.name === issue.sheet)?.rows[issue.row - 1]?.[issue.column - 1]?.value ?? null;
    worksheet.getCell(issue.row, issue.column).master.value = issue.fix;
    applied.push({ sheet: issue.sheet, address: issue.address, code: issue.code, before, after: issue.fix, issue });
  }
  return applied;
}
