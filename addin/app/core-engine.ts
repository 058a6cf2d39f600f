import { createValidationSession, packs, type SheetGrid, type ValidationSession } from '../../core';
import type { LiveSession, ValidationEngine } from './engine';

/**
 * The real rules in this thread: every built-in pack, and the core's incremental session for the live
 * path. The pane runs the same adapter inside `validation-worker.ts` (see worker-engine.ts); this one is
 * used directly by Node tests and as the fallback where no Worker exists.
 */
export function createCoreEngine(): ValidationEngine {
  return {
    packs: () => packs,
    createSession: async (workbook, options) => adaptSession(createValidationSession(workbook, options)),
  };
}

/** The core session behind the controller's narrower LiveSession (settles at once: it is synchronous). */
export function adaptSession(session: ValidationSession): LiveSession {
  const sheet = (name: string): SheetGrid | undefined =>
    session.workbook().sheets.find((s) => s.name === name);
  return {
    report: () => session.report(),
    cell: (name, row, column) => sheet(name)?.rows[row - 1]?.[column - 1] ?? undefined,
    rowCount: (name) => sheet(name)?.rows.length ?? 0,
    replaceRows: async (name, fromRow, rows) => session.updateRows(name, fromRow, rows).report,
    insertRows: async (name, atRow, count) =>
      session.insertRows(
        name,
        atRow,
        Array.from({ length: count }, () => []),
      ).report,
    deleteRows: async (name, atRow, count) => session.deleteRows(name, atRow, count).report,
    async replaceSheet(grid) {
      const sheets = session.workbook().sheets.slice();
      const i = sheets.findIndex((s) => s.name === grid.name);
      if (i >= 0) sheets[i] = grid;
      else sheets.push(grid);
      return session.reset({ sheets }).report;
    },
  };
}
