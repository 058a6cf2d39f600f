/** Student labels for the CLI report and the annotated copy (clerks work from name lists, not cells). */
import type { WorkbookGrid } from '../../core/grid/cell';
import type { Issue, Locale } from '../../core/issues/issue';
import { studentLabel, studentRef } from '../../core/issues/student';
import type { ValidationReport } from '../../core/report';

/** "序号 12 张三 · 身份证号码" (and "⇄ 序号 33 李四" for a duplicate), or null outside data rows. */
export function studentNamer(
  report: Pick<ValidationReport, 'sheets'>,
  grid: WorkbookGrid,
  locale: Locale,
): (issue: Issue) => string | null {
  const sheets = new Map(grid.sheets.map((s) => [s.name, s]));
  const cell = (sheet: string, row: number, column: number) => sheets.get(sheet)?.rows[row - 1]?.[column - 1] ?? null;
  return (issue) => {
    const ref = studentRef(issue, report.sheets, cell);
    if (!ref) return null;
    let label = studentLabel(ref, issue.row, locale);
    if (ref.column) label += ` · ${ref.column}`;
    if (ref.other) label += ` ⇄ ${studentLabel(ref.other, ref.other.row, locale)}`;
    return label;
  };
}
