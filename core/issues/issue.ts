import type { CellValue } from '../grid/cell';

export type Severity = 'error' | 'warning';
export type IssueParams = Record<string, string | number>;

/** A problem found without a location yet (e.g. by the ID checker); the caller places it in a cell. */
export interface Finding {
  code: string;
  severity: Severity;
  params: IssueParams;
  /** The corrected cell value, when the fix is safe to apply in one click. */
  fix?: CellValue;
}

/**
 * An issue is data: a stable kebab-case `code`, its params and its place. It carries no text: each edge (pane,
 * CLI, HTTP response) renders the message in its reader's locale with `issueMessage` (core/messages/render.ts).
 */
export interface Issue extends Finding {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  /** 1-based sheet column. */
  column: number;
  /** A1 address of the cell, e.g. `D7`. */
  address: string;
}

/** An issue as files and the HTTP contract carry it: its message rendered at that edge (`withMessage`). */
export type IssueWithMessage = Issue & { message: string };

export type Locale = 'zh-CN' | 'en';
