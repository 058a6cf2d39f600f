import type { IssueDefinitions } from '../../core/issues/define';
import type { Issue, Locale, Severity } from '../../core/issues/issue';
import type { StudentRef } from '../../core/issues/student';
import type { SheetRecognition, ValidationReport } from '../../core/report';
import type { HostCapabilities } from '../excel/port';

/** Long work the pane shows a progress bar for. */
export type TaskKind =
  'read' | 'validate' | 'highlight' | 'fix' | 'text-format' | 'insert-template' | 'live' | 'select';

export interface BusyState {
  task: TaskKind;
  /** null while the total is unknown (indeterminate bar). */
  done: number | null;
  total: number | null;
}

export interface PaneError {
  id: number;
  task: TaskKind;
  message: string;
}

export interface PaneNotice {
  id: number;
  kind: 'fixed' | 'text-format' | 'template-inserted' | 'read-capped';
  /** Count of cells fixed, name of the sheet inserted … rendered by the UI in its language. */
  count?: number;
  sheet?: string;
}

export interface IssueFilters {
  /** null: all sheets. */
  sheet: string | null;
  severity: Severity | 'all';
  /** List by kind of problem (default) or by student (one card per student with all their issues). */
  groupBy: 'kind' | 'student';
}

/** An issue with the student (序号 + 姓名) and column in words it is about, when it is in a data row. */
export type IssueView = Issue & { student: StudentRef | null };

export interface SheetSummary {
  sheet: string;
  recognition: SheetRecognition;
  packName: string | null;
  kindTitle: string | null;
  errors: number;
  warnings: number;
}

export interface IssueGroup {
  /** The issue code; `student:<sheet>:<row>` for a by-student group. */
  code: string;
  /** Set for by-student groups (the student's label); kind groups take their title from the code. */
  title?: string;
  /** `error` when any issue of the group is an error. */
  severity: Severity;
  count: number;
  fixable: number;
  /** How many of the group's issues only the bureau's server reported (see `PaneState.serverIssues`). */
  server: number;
  issues: IssueView[];
}

/** An ID column that holds numbers: digits after the 15th are gone and must be typed again. */
export interface DamagedIdColumn {
  sheet: string;
  column: number;
  header: string;
  /** A1 addresses of the cells that hold a number. */
  cells: string[];
  /** The column has already been set to text (`@`); the clerk still has to re-enter the numbers. */
  textFormatSet: boolean;
}

export interface TemplateChoice {
  packId: string;
  packName: string;
  kinds: { kindId: string; attachment: string; title: string }[];
}

export interface PaneState {
  locale: Locale;
  /**
   * The issue definitions of the report's pack. Issues carry code and params only; the list renders each
   * visible one's message with these (core's `issueMessage`), in `locale`.
   */
  packIssues: IssueDefinitions | undefined;
  /** `idle` before the first read; `ready` once a report exists. */
  phase: 'idle' | 'working' | 'ready';
  busy: BusyState | null;
  /** Live validation is subscribed to the workbook's changes. */
  live: boolean;
  report: ValidationReport | null;
  /** When the report was last refreshed (ms since epoch). */
  validatedAt: number | null;
  summaries: SheetSummary[];
  filters: IssueFilters;
  groups: IssueGroup[];
  /**
   * Issues the bureau's server reported on the last submit that the pane's own checks do not find (e.g.
   * `id-duplicate-other-school`). They are listed and highlighted with the others until the clerk changes
   * their cell or the next submit answers with a new set.
   */
  serverIssues: Issue[];
  /**
   * Errors the server found on the last submit and how many of them are still listed: the verdict goes
   * stale as soon as the clerk fixes cells, and the pane says so instead of repeating the old count.
   */
  serverVerdict: { errors: number; warnings: number; remaining: number } | null;
  /** Issue shown as selected in the list (its key). */
  selectedKey: string | null;
  /** Cells a fix left alone because the clerk changed them after validation. */
  stale: { sheet: string; address: string }[];
  damagedIdColumns: DamagedIdColumn[];
  templates: TemplateChoice[];
  capabilities: HostCapabilities | null;
  errors: PaneError[];
  notices: PaneNotice[];
}
