import type { CellValue, SheetGrid, WorkbookGrid } from '../../core/grid/cell';
import type { Issue } from '../../core/issues/issue';

/**
 * Everything the task pane needs from Excel. `addin/excel/` implements it with `Excel.run` (the only code
 * that does); the pane's controller and React components see only this interface and plain data.
 */
export interface Progress {
  done: number;
  total: number;
}

export interface CellFix {
  sheet: string;
  address: string;
  /** The value the cell held when it was validated; a cell that changed since is left alone. */
  expected: CellValue;
  value: CellValue;
}

export interface FixOutcome {
  applied: number;
  /** Cells skipped because the clerk changed them after validation. */
  stale: { sheet: string; address: string }[];
}

export interface SheetChange {
  sheet: string;
  /** A1 range address of what changed, e.g. `B7` or `A10:H12`. */
  address: string;
  changeType: 'RangeEdited' | 'RowInserted' | 'RowDeleted' | 'ColumnInserted' | 'ColumnDeleted' | 'CellInserted' | 'CellDeleted' | 'Unknown';
}

export interface HostCapabilities {
  /** ExcelApi 1.10 comments or 1.18 notes: messages can sit on the cell. */
  notes: boolean;
  /** ExcelApi 1.9 RangeAreas / setCellProperties: batched formats. */
  batchedFormats: boolean;
  /** ExcelApi 1.14 triggerSource: the add-in's own edits can be told apart. */
  triggerSource: boolean;
  /** ExcelApi 1.8 data validation: dropdowns in inserted templates. */
  dataValidation: boolean;
}

export interface ExcelPort {
  capabilities(): HostCapabilities;
  /** Reads every sheet's used range in chunks (values, valueTypes, numberFormat) into core's grid. */
  readWorkbook(onProgress?: (p: Progress) => void): Promise<WorkbookGrid>;
  /** Reads 1-based rows [fromRow, toRow] of one sheet (for live re-validation). */
  readRows(sheet: string, fromRow: number, toRow: number): Promise<SheetGrid>;
  /**
   * Makes the sheet's highlights match `issues`: fills (red error / yellow warning) and notes where
   * supported, removing only highlights the add-in made earlier (remembered across reloads).
   */
  showIssues(issues: Issue[], onProgress?: (p: Progress) => void): Promise<void>;
  /** Updates highlights of the given rows only (live path). */
  showIssuesForRows(sheet: string, fromRow: number, toRow: number, issues: Issue[]): Promise<void>;
  clearHighlights(): Promise<void>;
  selectCell(sheet: string, address: string): Promise<void>;
  applyFixes(fixes: CellFix[]): Promise<FixOutcome>;
  /** Sets whole columns to text format (`@`) so Excel stops damaging ID numbers. */
  setColumnsToText(sheet: string, columns: number[]): Promise<void>;
  /** Writes a blank official template of the pack's sheet kind into a new sheet; returns its name. */
  insertTemplate(packId: string, kindId: string): Promise<string>;
  /** Writes values into cells (certificate numbers fetched from the server). */
  writeValues(sheet: string, cells: { address: string; value: CellValue }[]): Promise<void>;
  /** Creates (or replaces) a sheet from a plain grid, e.g. a submission opened read-only by a reviewer. */
  writeSheet(name: string, rows: CellValue[][], options?: { protect?: boolean }): Promise<void>;
  /** Subscribes to user edits (the add-in's own edits are filtered out); returns the unsubscribe. */
  onChanged(handler: (changes: SheetChange[]) => void): Promise<() => Promise<void>>;
}
