import type { CellValue } from './grid/cell';
import type { Issue } from './issues/issue';

/** What the detector understood a sheet to be. A sheet that is no template has kindId null. */
export interface SheetRecognition {
  sheet: string;
  packId: string | null;
  kindId: string | null;
  attachment: string | null;
  /** 1-based row of the (first) header row; null when not recognised. */
  headerRow: number | null;
  /** 1-based rows holding data (footer and blank tail excluded); empty when none. */
  firstDataRow: number | null;
  lastDataRow: number | null;
  /** The column mapping: each recognised column key → 1-based sheet column and the header text found. */
  columns: { key: string; column: number; header: string }[];
  /** Keys of required columns not found (each also reported as `header-missing`). */
  missing: string[];
  /** Meta values read from `label：value` lines (专业名称, 学制 …), by meta key. */
  meta: Record<string, CellValue>;
}

export interface ValidationStats {
  sheets: number;
  recognizedSheets: number;
  /** Data rows validated. */
  rows: number;
  /** Cells examined. */
  cells: number;
  errors: number;
  warnings: number;
  fixable: number;
  byCode: Record<string, number>;
}

export interface ValidationReport {
  /** True when there is no error (warnings allowed). */
  valid: boolean;
  packId: string | null;
  stats: ValidationStats;
  issues: Issue[];
  sheets: SheetRecognition[];
}

/** The school's allocated certificate numbers, when known (server, or fetched by the add-in). */
export interface AllocatedRange {
  /** Major (专业名称) the range belongs to, or null for a school-wide range. */
  major: string | null;
  /** Serials as strings of the series' width, e.g. `2022000101`. */
  start: string;
  end: string;
}

export interface ValidateOptions {
  /** Force a pack instead of detecting it. */
  packId?: string;
  /** ISO date the check runs on (birth dates in the future, lock dates). Defaults to today. */
  today?: string;
  allocatedRanges?: AllocatedRange[];
}
