/** The port contract's harness on the in-memory Excel stand-in (test/excel-standin) at one API level. */
import { createExcelPort } from '../../addin/excel/excel-port';
import { compareVersions, createStandin } from '../excel-standin';
import type { PortHarness, Scalar } from './port-contract';

export function excelHarness(maxApi: string): PortHarness {
  const s = createStandin({ maxApi });
  s.install();
  const notes = maxApi === '1.18';
  return {
    // Coalescing shorter than the contract's waits: batching is the Excel port's own test.
    port: () => createExcelPort({ coalesceMs: 5 }),
    messagesOnCells: compareVersions(maxApi, '1.10') >= 0, // comments (1.10) or notes (1.18)
    dataValidation: maxApi !== '1.7',
    addSheet: (name, rows, formats) => s.addSheet(name, rows, formats ? { columnFormats: formats } : undefined),
    userEdit: (sheet, address, typed) => s.userEdit(sheet, address, typed),
    userFill: (sheet, address, hex) => s.userFill(sheet, address, hex),
    // A clerk on Microsoft 365 adds a note; on 1.10–1.17 a comment; on 1.7 either may sit in the file.
    userMessage: (sheet, address, text) => (notes ? s.userNote(sheet, address, text) : s.userComment(sheet, address, text)),
    userInsertRows: (sheet, row, count) => s.userInsertRows(sheet, row, count),
    userDeleteRows: (sheet, row, count) => s.userDeleteRows(sheet, row, count),
    cell(sheet, address) {
      const c = s.cell(sheet, address);
      // Microsoft 365 gets notes (1.18), earlier hosts comments: the other kind must stay empty.
      return { value: c.value, numberFormat: c.numberFormat, fill: c.fill, message: notes ? c.note : c.comment };
    },
    fills: (sheet) => s.fills(sheet),
    messages: (sheet) => (notes ? s.notes(sheet) : s.comments(sheet)),
    values: (sheet, address) => s.values(sheet, address) as Scalar[][],
    texts: (sheet, rows, columns) => s.texts(sheet, `A1:${String.fromCharCode(64 + columns)}${rows}`),
    merges: (sheet) => s.merges(sheet),
    listValidations: (sheet) =>
      s.validations(sheet).flatMap((v) => {
        const list = (v.rule as { list?: { source?: string } }).list;
        return list ? [{ address: v.address, source: String(list.source) }] : [];
      }),
    sheetNames: () => s.sheetNames(),
    activeSheet: () => s.activeSheet(),
    selection: () => s.selection(),
    isProtected: (sheet) => s.isProtected(sheet),
    reload: () => s.reload(),
    settled: () => s.eventsDelivered(),
    dispose: () => s.uninstall(),
  };
}
