import type { Cell, SheetGrid, WorkbookGrid } from '../../core/grid/cell';
import type { ValidateOptions, ValidationReport } from '../../core/report';
import type { TemplatePackSpec } from '../../core/templates/types';

/**
 * What the controller needs from the core. `core-engine.ts` wires it to `core/` in this thread (Node tests,
 * hosts without workers), `worker-engine.ts` runs the same session in a Web Worker; tests may pass a small
 * fake. Keeping this seam narrow is what lets the controller run in Node without Excel and without the
 * real rules.
 */
export interface ValidationEngine {
  packs(): readonly TemplatePackSpec[];
  /** Starts a live session on a freshly read workbook; resolves once the first report is ready. */
  createSession(workbook: WorkbookGrid, options: ValidateOptions): Promise<LiveSession>;
}

/**
 * Incremental validation of one workbook. Every mutation resolves to the new report; the controller diffs
 * reports itself to find which rows' highlights changed, so the session need not say. The controller runs
 * one mutation at a time (it awaits each), so the sync getters always describe the last settled state.
 */
export interface LiveSession {
  /** The report of the last settled mutation (or of the session's start). */
  report(): ValidationReport;
  /** The cell as last seen (the `expected` value of a fix). */
  cell(sheet: string, row: number, column: number): Cell | undefined;
  /** Number of rows the session holds for the sheet (0 when unknown). */
  rowCount(sheet: string): number;
  /** Replaces rows [fromRow, fromRow + rows.length - 1] of the sheet with freshly read cells. */
  replaceRows(sheet: string, fromRow: number, rows: SheetGrid['rows']): Promise<ValidationReport>;
  /** Shifts rows down: `count` empty rows appear at `atRow`. */
  insertRows(sheet: string, atRow: number, count: number): Promise<ValidationReport>;
  /** Removes `count` rows starting at `atRow`; rows below move up. */
  deleteRows(sheet: string, atRow: number, count: number): Promise<ValidationReport>;
  /** Replaces (or adds) a whole sheet. */
  replaceSheet(grid: SheetGrid): Promise<ValidationReport>;
}

/**
 * A session that keeps a mirror of the workbook and re-runs a whole-workbook `validate` after each change.
 * Correct by construction (cross-sheet rules see everything); used when the core offers no incremental
 * session and as the reference the incremental one is tested against.
 */
export function createMirrorSession(
  workbook: WorkbookGrid,
  options: ValidateOptions,
  validate: (workbook: WorkbookGrid, options: ValidateOptions) => ValidationReport,
): LiveSession {
  const sheets: SheetGrid[] = workbook.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]) }));
  let current = validate({ sheets }, options);
  const find = (name: string): SheetGrid => {
    let sheet = sheets.find((s) => s.name === name);
    if (!sheet) {
      sheet = { name, rows: [] };
      sheets.push(sheet);
    }
    return sheet;
  };
  const rerun = (): Promise<ValidationReport> => {
    try {
      current = validate({ sheets }, options);
      return Promise.resolve(current);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return {
    report: () => current,
    cell: (sheet, row, column) =>
      sheets.find((s) => s.name === sheet)?.rows[row - 1]?.[column - 1] ?? undefined,
    rowCount: (sheet) => sheets.find((s) => s.name === sheet)?.rows.length ?? 0,
    replaceRows(sheet, fromRow, rows) {
      const grid = find(sheet);
      while (grid.rows.length < fromRow - 1) grid.rows.push([]);
      rows.forEach((row, i) => {
        grid.rows[fromRow - 1 + i] = [...row];
      });
      trimTail(grid);
      return rerun();
    },
    insertRows(sheet, atRow, count) {
      const grid = find(sheet);
      if (atRow - 1 < grid.rows.length)
        grid.rows.splice(atRow - 1, 0, ...Array.from({ length: count }, () => []));
      return rerun();
    },
    deleteRows(sheet, atRow, count) {
      const grid = find(sheet);
      grid.rows.splice(atRow - 1, count);
      return rerun();
    },
    replaceSheet(next) {
      const i = sheets.findIndex((s) => s.name === next.name);
      const copy = { name: next.name, rows: next.rows.map((r) => [...r]) };
      if (i >= 0) sheets[i] = copy;
      else sheets.push(copy);
      return rerun();
    },
  };
}

function trimTail(grid: SheetGrid): void {
  while (grid.rows.length > 0) {
    const last = grid.rows[grid.rows.length - 1];
    if (last && last.some((c) => c && c.value !== null && c.value !== '')) return;
    grid.rows.pop();
  }
}
