import type { WorkbookGrid } from './grid/cell';
import type { Issue } from './issues/issue';
import type { ValidationReport } from './report';
import { createEngine, type EngineOptions } from './validate-engine';

export type { EngineOptions as ValidateOptionsEx } from './validate-engine';

/**
 * Validates a workbook: detects the pack (or uses options.packId) and each sheet's kind, runs every rule
 * of the pack, and returns the report — issues sorted by sheet order, row, column. Bad data never throws;
 * should the checker itself fail, the report carries one `internal-error` issue and is not valid.
 */
export function validate(workbook: WorkbookGrid, options: EngineOptions = {}): ValidationReport {
  try {
    return createEngine(workbook, options).report();
  } catch {
    return failedReport(workbook);
  }
}

export function failedReport(workbook: WorkbookGrid): ValidationReport {
  const sheet = Array.isArray(workbook?.sheets) && typeof workbook.sheets[0]?.name === 'string' ? workbook.sheets[0].name : '';
  const issue: Issue = {
    code: 'internal-error',
    severity: 'error',
    sheet,
    row: 1,
    column: 1,
    address: 'A1',
    params: {},
  };
  return {
    valid: false,
    packId: null,
    stats: { sheets: 0, recognizedSheets: 0, rows: 0, cells: 0, errors: 1, warnings: 0, fixable: 0, byCode: { 'internal-error': 1 } },
    issues: [issue],
    sheets: [],
  };
}
