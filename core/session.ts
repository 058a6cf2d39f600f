/**
 * Incremental validation for the add-in's live path. The session owns a copy of the workbook's row arrays
 * (the caller's grid is never mutated); each update re-validates only the rows it touches plus the sheet and
 * workbook rules they feed (those read cached row facts and incrementally kept ID/certificate indexes).
 * Results always equal a full `validate()` of the same cells (tested).
 */
import type { Cell, SheetGrid, WorkbookGrid } from './grid/cell';
import type { Issue } from './issues/issue';
import type { ValidationReport } from './report';
import { createEngine, type ChangedRange, type Engine, type EngineOptions } from './validate-engine';
import { failedReport } from './validate';

export type { ChangedRange } from './validate-engine';

export type RowCells = (Cell | null | undefined)[];

export interface SessionUpdate {
  /** The new full report. */
  report: ValidationReport;
  /** Rows whose issues may have changed (repaint these); rows shifted by inserts/deletes are included. */
  changed: ChangedRange[];
}

export interface ValidationSession {
  report(): ValidationReport;
  /** Replaces rows `fromRow …` of a sheet with `rows` (1-based; rows[0] is fromRow). */
  updateRows(sheet: string, fromRow: number, rows: RowCells[]): SessionUpdate;
  /** Inserts `rows` before row `atRow` (rows at and below shift down). */
  insertRows(sheet: string, atRow: number, rows: RowCells[]): SessionUpdate;
  /** Deletes `count` rows starting at `fromRow` (rows below shift up). */
  deleteRows(sheet: string, fromRow: number, count: number): SessionUpdate;
  /** Starts over with another workbook (sheets added, renamed, removed). */
  reset(workbook: WorkbookGrid): SessionUpdate;
  /** The session's current cells. */
  workbook(): WorkbookGrid;
}

type Signatures = Map<number, Map<number, string>>;

function signatures(engine: Engine): Signatures {
  const out: Signatures = new Map();
  for (const [sheet, issues] of engine.otherIssues()) {
    const rows = new Map<number, string>();
    for (const i of issues) rows.set(i.row, `${rows.get(i.row) ?? ''}|${sig(i)}`);
    out.set(sheet, rows);
  }
  return out;
}

function sig(i: Issue): string {
  // The params stand for the message, which is rendered from them at the edge.
  return `${i.code}@${i.column}:${i.severity}:${JSON.stringify(i.fix ?? null)}:${JSON.stringify(i.params)}`;
}

/** Merges row numbers into contiguous ranges. */
function toRanges(sheet: string, rows: Iterable<number>): ChangedRange[] {
  const sorted = [...new Set(rows)].filter((r) => r > 0).sort((a, b) => a - b);
  const out: ChangedRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r === last.toRow + 1) last.toRow = r;
    else out.push({ sheet, fromRow: r, toRow: r });
  }
  return out;
}

export function createValidationSession(workbook: WorkbookGrid, options: EngineOptions = {}): ValidationSession {
  let engine: Engine;
  let broken = false;
  const init = (wb: WorkbookGrid): void => {
    try {
      engine = createEngine(wb, options, true);
      broken = false;
    } catch {
      broken = true;
    }
  };
  init(workbook);

  const current = (): ValidationReport => (broken ? failedReport(workbook) : engine.report());

  const whole = (): ChangedRange[] =>
    broken ? [] : engine.grids.map((g) => ({ sheet: g.name, fromRow: 1, toRow: Math.max(1, g.rows.length) }));

  function apply(
    sheetName: string,
    mutate: (grid: SheetGrid) => void,
    mapOld: (row: number) => number | null,
    dirty: (row: number) => boolean,
    touched: (grid: SheetGrid, oldLength: number) => number[],
  ): SessionUpdate {
    if (broken) return { report: current(), changed: [] };
    const index = engine.grids.findIndex((g) => g.name === sheetName);
    const grid = engine.grids[index];
    if (!grid) return { report: current(), changed: [] };
    try {
      const before = signatures(engine);
      const oldLength = grid.rows.length;
      mutate(grid);
      const outcome = engine.resync(index, mapOld, dirty);
      if (outcome === 'workbook') return { report: engine.report(), changed: whole() };
      const after = signatures(engine);
      const changed: ChangedRange[] = [];
      const rowsBySheet = new Map<number, number[]>();
      const add = (si: number, r: number): void => {
        const list = rowsBySheet.get(si);
        if (list) list.push(r);
        else rowsBySheet.set(si, [r]);
      };
      if (outcome === 'sheet') {
        for (let r = 1; r <= Math.max(oldLength, grid.rows.length, 1); r++) add(index, r);
      } else {
        for (const r of touched(grid, oldLength)) add(index, r);
      }
      for (const si of new Set([...before.keys(), ...after.keys()])) {
        const b = before.get(si) ?? new Map<number, string>();
        const a = after.get(si) ?? new Map<number, string>();
        for (const [r, s] of a) if (b.get(r) !== s) add(si, r);
        for (const r of b.keys()) if (!a.has(r)) add(si, r);
      }
      for (const [si, rows] of rowsBySheet) changed.push(...toRanges(engine.grids[si]?.name ?? '', rows));
      return { report: engine.report(), changed };
    } catch {
      init({ sheets: engine.grids });
      return { report: current(), changed: whole() };
    }
  }

  const int = (n: number, fallback: number): number => (Number.isFinite(n) ? Math.floor(n) : fallback);

  const range = (from: number, to: number): number[] => {
    const out: number[] = [];
    for (let r = from; r <= to; r++) out.push(r);
    return out;
  };

  return {
    report: current,

    updateRows(sheet, fromRow, rows) {
      const from = Math.max(1, int(fromRow, 1));
      const n = Array.isArray(rows) ? rows.length : 0;
      return apply(
        sheet,
        (grid) => {
          while (grid.rows.length < from - 1) grid.rows.push([]);
          for (let k = 0; k < n; k++) grid.rows[from - 1 + k] = Array.isArray(rows[k]) ? (rows[k] as RowCells) : [];
        },
        (r) => r,
        (r) => r >= from && r < from + n,
        () => range(from, from + n - 1),
      );
    },

    insertRows(sheet, atRow, rows) {
      const at = Math.max(1, int(atRow, 1));
      const k = Array.isArray(rows) ? rows.length : 0;
      return apply(
        sheet,
        (grid) => {
          while (grid.rows.length < at - 1) grid.rows.push([]);
          grid.rows.splice(at - 1, 0, ...rows.map((r) => (Array.isArray(r) ? r : [])));
        },
        (r) => (r >= at ? r + k : r),
        (r) => r >= at && r < at + k,
        (grid) => range(at, Math.max(at, grid.rows.length)),
      );
    },

    deleteRows(sheet, fromRow, count) {
      const from = Math.max(1, int(fromRow, 1));
      const k = Math.max(0, int(count, 0));
      return apply(
        sheet,
        (grid) => {
          grid.rows.splice(from - 1, k);
        },
        (r) => (r < from ? r : r < from + k ? null : r - k),
        () => false,
        (_grid, oldLength) => range(from, Math.max(from, oldLength)),
      );
    },

    reset(wb) {
      init(wb);
      return { report: current(), changed: whole() };
    },

    workbook() {
      return broken ? workbook : { sheets: engine.grids };
    },
  };
}
