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
 * An issue is data with a stable kebab-case `code`; the message is rendered from the code and params
 * (zh-CN by default) so every layer — pane, server, CLI — speaks the same language.
 */
export interface Issue extends Finding {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  /** 1-based sheet column. */
  column: number;
  /** A1 address of the cell, e.g. `D7`. */
  address: string;
  message: string;
}

export type Locale = 'zh-CN' | 'en';
