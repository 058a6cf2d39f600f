/**
 * Marks a report's issues in the clerk's own workbook: a fill on each problem cell (red = error, yellow =
 * warning; the worst severity wins) and a note holding the messages. Everything else — values, formats,
 * merges, other notes — is kept, so the clerk fixes the file they already have.
 */
import type ExcelJS from 'exceljs';
import { parseA1, toA1 } from '../../core/grid/address';
import type { IssueWithMessage as Issue, Severity } from '../../core/issues/issue';

/** Excel's own "Bad" and "Neutral" cell-style colours. */
export const ERROR_FILL = 'FFFFC7CE';
export const WARNING_FILL = 'FFFFEB9C';
/** Heads the part of a note written by Yanyin, so a second run replaces it instead of stacking up. */
export const NOTE_HEADING = '【验印检查】';

export interface AnnotateOptions {
  locale?: 'zh-CN' | 'en';
  /** Names the student an issue is about ("序号 12 张三 · 身份证号码"); the note leads with it. */
  student?: (issue: Issue) => string | null;
}

export interface AnnotateResult {
  /** Cells marked. */
  cells: number;
  /** Issues whose sheet or cell could not be found in the workbook (not placed). */
  unplaced: Issue[];
}

/** Mutates `workbook` in place. The caller renders the messages in the wanted language (`withMessage`). */
export function annotateWorkbook(
  workbook: ExcelJS.Workbook,
  issues: readonly Issue[],
  options: AnnotateOptions = {},
): AnnotateResult {
  const locale = options.locale ?? 'zh-CN';
  const byCell = new Map<
    string,
    { worksheet: ExcelJS.Worksheet; row: number; column: number; issues: Issue[] }
  >();
  const unplaced: Issue[] = [];

  for (const issue of issues) {
    // A sheet that is not a template is left alone: no red A1 with a note on a blank or unrelated sheet.
    if (issue.code === 'no-template') continue;
    const worksheet = workbook.getWorksheet(issue.sheet);
    const at = cellPosition(issue);
    if (!worksheet || !at) {
      unplaced.push(issue);
      continue;
    }
    const key = `${worksheet.id}!${at.row}:${at.column}`;
    const entry = byCell.get(key) ?? { worksheet, ...at, issues: [] };
    entry.issues.push(issue);
    byCell.set(key, entry);
  }

  for (const { worksheet, row, column, issues: cellIssues } of byCell.values()) {
    // A merged area shows the master cell's fill and note; mark that one.
    const cell = worksheet.getCell(row, column).master;
    const worst: Severity = cellIssues.some((i) => i.severity === 'error') ? 'error' : 'warning';
    // Copy the style: exceljs may share one style object between cells loaded from a file.
    cell.style = {
      ...cell.style,
      fill: {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: worst === 'error' ? ERROR_FILL : WARNING_FILL },
      },
    };
    cell.note = composeNote(noteText(cell.note), cellIssues, locale, options.student);
  }

  return { cells: byCell.size, unplaced };
}

function cellPosition(issue: Issue): { row: number; column: number } | null {
  if (issue.row >= 1 && issue.column >= 1) return { row: issue.row, column: issue.column };
  const parsed = issue.address ? parseA1(issue.address) : null;
  return parsed && parsed.row >= 1 && parsed.column >= 1 ? parsed : null;
}

function noteText(note: ExcelJS.Cell['note'] | undefined): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

/** The clerk's own note stays on top; our part replaces any earlier Yanyin part. */
export function composeNote(
  existing: string,
  issues: readonly Issue[],
  locale: 'zh-CN' | 'en',
  student?: (issue: Issue) => string | null,
): string {
  const own = existing.split(NOTE_HEADING)[0]?.trimEnd() ?? '';
  const en = locale === 'en';
  const labels = en ? { error: 'Error', warning: 'Warning' } : { error: '错误', warning: '警告' };
  const fixText = (v: string) => (en ? ` (suggested: ${v})` : `（建议改为：${v}）`);
  const sorted = [...issues].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  const lines = sorted.map((i) => {
    const fix = i.fix !== undefined && i.fix !== null ? fixText(String(i.fix)) : '';
    return `• [${labels[i.severity]}] ${i.message}${fix}`;
  });
  const who = student && issues[0] ? student(issues[0]) : null;
  const ours = [who ? `${NOTE_HEADING}${who}` : NOTE_HEADING, ...lines].join('\n');
  return own ? `${own}\n\n${ours}` : ours;
}

/** A1 address of an issue's cell, for reports. */
export function issueAddress(issue: Issue): string {
  return issue.address || toA1(issue.row, issue.column);
}
