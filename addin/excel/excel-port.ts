/**
 * The ExcelPort over the Excel JavaScript API — with the files it assembles, the only code of Yanyin that
 * calls `Excel.run`: workbook-read.ts (reading), paint.ts + highlighter.ts (fills and notes),
 * cell-writes.ts and template-write.ts (values), change-events.ts (onChanged), own-writes.ts (telling the
 * add-in's writes from the clerk's), ledger.ts (the highlight memory kept in the workbook's settings).
 *
 * Performance rules (Excel on the web: 5 MB per request and per response): reads and writes are sized by
 * the payload budget, never a sync per cell or per row.
 */
import type { CellValue } from '../../core/grid/cell';
import { runExcel } from './host';
import { applyFixes, setColumnsToText, writeSheet, writeValues } from './cell-writes';
import { subscribeChanges } from './change-events';
import { clearHighlights, showIssues, showIssuesForRows } from './paint';
import type { ExcelPort, HostCapabilities } from './port';
import { createPortState, type ExcelPortOptions } from './port-state';
import { readRows, readWorkbook } from './workbook-read';

export type { ExcelPortOptions } from './port-state';

export function createExcelPort(options: ExcelPortOptions = {}): ExcelPort {
  const state = createPortState(options);
  return {
    capabilities(): HostCapabilities {
      const f = state.features();
      return { notes: f.notes, batchedFormats: f.batchedFormats, triggerSource: f.triggerSource, dataValidation: f.dataValidation };
    },
    readWorkbook: (onProgress) => readWorkbook(state, onProgress),
    readRows: (sheet, fromRow, toRow) => readRows(state, sheet, fromRow, toRow),
    showIssues: (issues, onProgress) => showIssues(state, issues, onProgress),
    showIssuesForRows: (sheet, fromRow, toRow, issues) => showIssuesForRows(state, sheet, fromRow, toRow, issues),
    clearHighlights: () => clearHighlights(state),
    async selectCell(sheet: string, address: string): Promise<void> {
      await runExcel(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(address).select();
        await ctx.sync();
      });
    },
    applyFixes: (fixes) => applyFixes(state, fixes),
    setColumnsToText: (sheet, columns) => setColumnsToText(sheet, columns),
    // The blank templates' layout and styling load when a clerk first inserts one (the pane's first load stays small).
    insertTemplate: async (packId, kindId) => (await import('./template-write')).insertTemplate(state, packId, kindId),
    writeValues: (sheet, cells: { address: string; value: CellValue }[]) => writeValues(state, sheet, cells),
    writeSheet: (name, rows, opts) => writeSheet(state, name, rows, opts),
    onChanged: (handler) => subscribeChanges(state, handler),
  };
}
