import type { Issue, Locale } from '../../core/issues/issue';
import { studentLabel, studentRef } from '../../core/issues/student';
import type { ValidationReport } from '../../core/report';
import type { TemplatePackSpec } from '../../core/templates/types';
import { toA1 } from '../../core/grid/address';
import { issueKey } from './issue-diff';
import type { LiveSession } from './engine';
import type {
  DamagedIdColumn,
  IssueFilters,
  IssueGroup,
  IssueView,
  SheetSummary,
  TemplateChoice,
} from './pane-state';

/**
 * Structural findings about sheets that are not templates (`no-template`): a blank or unrelated
 * workbook is a start, not an error. They are neither listed nor painted (no red A1 with a note).
 */
export function listable(issues: readonly Issue[]): Issue[] {
  return issues.some((i) => i.code === 'no-template') ? issues.filter((i) => i.code !== 'no-template') : [...issues];
}

/** Names the student (序号 + 姓名) and the column of every issue in a data row. */
export function withStudents(
  issues: readonly Issue[],
  report: Pick<ValidationReport, 'sheets'>,
  session: Pick<LiveSession, 'cell'>,
): IssueView[] {
  const cell = (sheet: string, row: number, column: number) => session.cell(sheet, row, column);
  return issues.map((i) => ({ ...i, student: studentRef(i, report.sheets, cell) }));
}

/**
 * One group per student (sheet + row) that has issues, in sheet and row order; issues outside data rows
 * (headers, totals) form one group per kind as before.
 */
export function groupByStudent(
  issues: readonly IssueView[],
  sheetOrder: readonly string[],
  locale: Locale,
  serverKeys: ReadonlySet<string> = new Set(),
): IssueGroup[] {
  const order = new Map(sheetOrder.map((s, i) => [s, i]));
  const groups = new Map<string, IssueGroup & { sheet: string; row: number }>();
  const rest: IssueView[] = [];
  for (const issue of issues) {
    if (!issue.student) {
      rest.push(issue);
      continue;
    }
    const code = `student:${issue.sheet}:${issue.row}`;
    let g = groups.get(code);
    if (!g) {
      g = {
        code,
        title: studentLabel(issue.student, issue.row, locale),
        severity: issue.severity,
        count: 0,
        fixable: 0,
        server: 0,
        issues: [],
        sheet: issue.sheet,
        row: issue.row,
      };
      groups.set(code, g);
    }
    g.count++;
    if (issue.fix !== undefined) g.fixable++;
    if (serverKeys.has(issueKey(issue))) g.server++;
    if (issue.severity === 'error') g.severity = 'error';
    g.issues.push(issue);
  }
  const students = [...groups.values()].sort(
    (a, b) => (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0) || a.row - b.row,
  );
  for (const g of students) g.issues.sort((a, b) => a.column - b.column);
  return [
    ...students.map(({ sheet: _s, row: _r, ...g }) => g),
    ...groupIssues(rest, sheetOrder, serverKeys),
  ];
}

/** Per-sheet recognition and counts, in the workbook's sheet order. */
export function summarizeSheets(
  report: ValidationReport,
  packs: readonly TemplatePackSpec[],
): SheetSummary[] {
  return report.sheets.map((recognition) => {
    const pack = packs.find((p) => p.id === recognition.packId);
    const kind = pack?.sheetKinds.find((k) => k.id === recognition.kindId);
    let errors = 0;
    let warnings = 0;
    for (const i of report.issues) {
      if (i.sheet !== recognition.sheet) continue;
      if (i.severity === 'error') errors++;
      else warnings++;
    }
    return {
      sheet: recognition.sheet,
      recognition,
      packName: pack?.name ?? null,
      kindTitle: kind?.shortName ?? kind?.title ?? null,
      errors,
      warnings,
    };
  });
}

export function filterIssues<T extends Issue>(issues: readonly T[], filters: IssueFilters): T[] {
  return issues.filter(
    (i) =>
      (filters.sheet === null || i.sheet === filters.sheet) &&
      (filters.severity === 'all' || i.severity === filters.severity),
  );
}

/**
 * Issues grouped by code: errors first, then the biggest groups; inside a group, sheet order then row.
 * `serverKeys`: keys of the issues only the bureau's server reported (counted per group).
 */
export function groupIssues(
  issues: readonly IssueView[],
  sheetOrder: readonly string[],
  serverKeys: ReadonlySet<string> = new Set(),
): IssueGroup[] {
  const byCode = new Map<string, IssueGroup>();
  for (const issue of issues) {
    let g = byCode.get(issue.code);
    if (!g) {
      g = { code: issue.code, severity: issue.severity, count: 0, fixable: 0, server: 0, issues: [] };
      byCode.set(issue.code, g);
    }
    g.count++;
    if (issue.fix !== undefined) g.fixable++;
    if (serverKeys.size > 0 && serverKeys.has(issueKey(issue))) g.server++;
    if (issue.severity === 'error') g.severity = 'error';
    g.issues.push(issue);
  }
  const order = new Map(sheetOrder.map((s, i) => [s, i]));
  const groups = [...byCode.values()];
  for (const g of groups) {
    g.issues.sort(
      (a, b) => (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0) || a.row - b.row || a.column - b.column,
    );
  }
  return groups.sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      b.count - a.count ||
      a.code.localeCompare(b.code),
  );
}

/**
 * ID columns holding numbers instead of text. Excel kept only 15 significant digits of those: no fix can
 * bring the rest back, so the pane offers "set the column to text" and asks for re-entry.
 */
export function findDamagedIdColumns(
  report: ValidationReport,
  packs: readonly TemplatePackSpec[],
  session: Pick<LiveSession, 'cell'>,
  textColumnsSet: ReadonlySet<string>,
): DamagedIdColumn[] {
  const out: DamagedIdColumn[] = [];
  for (const rec of report.sheets) {
    if (!rec.kindId || rec.firstDataRow === null || rec.lastDataRow === null) continue;
    const kind = packs.find((p) => p.id === rec.packId)?.sheetKinds.find((k) => k.id === rec.kindId);
    if (!kind) continue;
    const idKeys = new Set(kind.columns.filter((c) => c.type === 'id-number').map((c) => c.key));
    for (const col of rec.columns) {
      if (!idKeys.has(col.key)) continue;
      const cells: string[] = [];
      for (let row = rec.firstDataRow; row <= rec.lastDataRow; row++) {
        const cell = session.cell(rec.sheet, row, col.column);
        if (cell && (cell.type === 'number' || typeof cell.value === 'number'))
          cells.push(toA1(row, col.column));
      }
      if (cells.length > 0) {
        out.push({
          sheet: rec.sheet,
          column: col.column,
          header: col.header,
          cells,
          textFormatSet: textColumnsSet.has(`${rec.sheet}!${col.column}`),
        });
      }
    }
  }
  return out;
}

export function templateChoices(packs: readonly TemplatePackSpec[]): TemplateChoice[] {
  return packs.map((p) => ({
    packId: p.id,
    packName: p.name,
    kinds: p.sheetKinds.map((k) => ({
      kindId: k.id,
      attachment: k.attachment,
      title: k.shortName || k.title,
    })),
  }));
}
