/**
 * The port contract's harness on REAL Univer (the web workbook's spreadsheet), headless in Node: the same
 * model plugins the page loads (sheets, number formats, notes; no render or UI layer), driven through
 * Univer's own commands. The clerk's actions are the commands Univer's UI executes for them: typing commits
 * `sheet.command.set-range-values` (whose mutation types the text: digits become numbers, an ID that would
 * lose digits stays text, a text-formatted cell keeps text), fills are `setBackground`, rows are
 * `insertRows` / `deleteRows`. "Reload" saves the workbook's snapshot, disposes Univer and opens the
 * snapshot in a new instance: whatever the port remembers must live in the model.
 */
import { createUniver, LocaleType, type FUniver, type IWorkbookData } from '@univerjs/presets';
import { UniverDocsPlugin } from '@univerjs/docs';
import { UniverFormulaEnginePlugin } from '@univerjs/engine-formula';
import { UniverSheetsPlugin } from '@univerjs/sheets';
import { UniverSheetsNumfmtPlugin } from '@univerjs/sheets-numfmt';
import { UniverSheetsNotePlugin } from '@univerjs/sheets-note';
import { UniverDataValidationPlugin } from '@univerjs/data-validation';
import { UniverSheetsDataValidationPlugin } from '@univerjs/sheets-data-validation';
import '@univerjs/sheets/lib/facade';
import '@univerjs/sheets-numfmt/lib/facade';
import '@univerjs/sheets-note/lib/facade';
import '@univerjs/sheets-data-validation/lib/facade';
import { columnLetters, parseA1 } from '../../core/grid/address';
import { createUniverPort } from '../../web/workbook/univer-port';
import type { PortHarness, Scalar } from './port-contract';

type FWorkbook = NonNullable<ReturnType<FUniver['getActiveWorkbook']>>;
type FWorksheet = NonNullable<ReturnType<FWorkbook['getSheetByName']>>;
interface RawCell {
  v?: string | number | boolean | null;
  t?: number | null;
  s?: unknown;
}

function boot(): { api: FUniver; dispose(): void } {
  const { univer, univerAPI } = createUniver({
    locale: LocaleType.ZH_CN,
    locales: { [LocaleType.ZH_CN]: {} },
    plugins: [UniverDocsPlugin, UniverFormulaEnginePlugin, UniverSheetsPlugin, UniverSheetsNumfmtPlugin, UniverSheetsNotePlugin, UniverDataValidationPlugin, UniverSheetsDataValidationPlugin],
  } as never);
  return { api: univerAPI, dispose: () => univer.dispose() };
}

const hex = (rgb: unknown): string | null => {
  if (typeof rgb !== 'string') return null;
  const h = rgb.replace('#', '').toUpperCase();
  return `#${h.length === 3 ? [...h].map((c) => c + c).join('') : h}`;
};

export function univerHarness(): PortHarness & { api(): FUniver } {
  let instance = boot();
  const book = (): FWorkbook => {
    const wb = instance.api.getActiveWorkbook();
    if (!wb) throw new Error('no workbook yet');
    return wb;
  };
  const sheet = (name: string): FWorksheet => {
    const ws = book().getSheetByName(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    return ws;
  };
  const pos = (address: string): { row: number; column: number } => {
    const p = parseA1(address);
    if (!p) throw new Error(`bad address ${address}`);
    return p;
  };
  const raw = (ws: FWorksheet, row: number, column: number): RawCell | null => ws.getSheet().getCellRaw(row - 1, column - 1) as RawCell | null;
  const styleOf = (c: RawCell | null) => book().getWorkbook().getStyles().getStyleByCell(c as never);
  const valueOf = (c: RawCell | null): Scalar => {
    const v = c?.v;
    if (v === undefined || v === null || v === '') return null;
    if (c?.t === 3) return v === true || v === 1 || v === 'TRUE';
    return v;
  };
  /** What the clerk's typing commits: the typed text (or number) into one cell. */
  const type = (ws: FWorksheet, row: number, column: number, typed: Scalar): void => {
    const v = typed === null ? null : typeof typed === 'boolean' ? (typed ? 'TRUE' : 'FALSE') : typed;
    instance.api.syncExecuteCommand('sheet.command.set-range-values', {
      unitId: book().getId(),
      subUnitId: ws.getSheetId(),
      range: { startRow: row - 1, endRow: row - 1, startColumn: column - 1, endColumn: column - 1 },
      value: { v },
    });
  };
  const everyCell = <T>(ws: FWorksheet, pick: (c: RawCell, row: number, column: number) => T | null): Record<string, T> => {
    const out: Record<string, T> = {};
    ws.getSheet()
      .getCellMatrix()
      .forValue((r, c, cell) => {
        const v = pick(cell as RawCell, r + 1, c + 1);
        if (v !== null) out[`${columnLetters(c + 1)}${r + 1}`] = v;
      });
    return out;
  };
  const read = (name: string, address: string): Scalar[][] => {
    const [a = '', b = a] = address.split(':');
    const p = pos(a);
    const q = pos(b);
    const ws = sheet(name);
    const out: Scalar[][] = [];
    for (let r = p.row; r <= q.row; r++) {
      const row: Scalar[] = [];
      for (let c = p.column; c <= q.column; c++) row.push(valueOf(raw(ws, r, c)));
      out.push(row);
    }
    return out;
  };

  return {
    api: () => instance.api,
    port: () => createUniverPort(instance.api, { notes: true }),
    messagesOnCells: true,
    dataValidation: true,
    keepsLongDigits: true,
    addSheet(name, rows, formats) {
      const existing = instance.api.getActiveWorkbook();
      const width = Math.max(26, ...rows.map((r) => r.length + 5));
      const height = Math.max(1000, rows.length + 200);
      let ws: FWorksheet;
      if (!existing) {
        const id = 'sheet-1';
        const data = { id: 'wb-test', name: 'test.xlsx', sheetOrder: [id], sheets: { [id]: { id, name, rowCount: height, columnCount: width, cellData: {} } } };
        ws = instance.api.createWorkbook(data as unknown as IWorkbookData).getSheetByName(name) as FWorksheet;
      } else ws = existing.insertSheet(name);
      for (const [column, format] of Object.entries(formats ?? {})) {
        const col = columnLetters(Number(column));
        ws.getRange(`${col}1:${col}${Math.max(rows.length, 1)}`).setNumberFormat(format);
      }
      rows.forEach((row, r) => row.forEach((v, c) => v !== null && type(ws, r + 1, c + 1, v)));
    },
    userEdit: (name, address, typed) => {
      const p = pos(address);
      type(sheet(name), p.row, p.column, typed);
    },
    userFill: (name, address, color) => void sheet(name).getRange(address).setBackground(color),
    userMessage: (name, address, text) => void sheet(name).getRange(address).createOrUpdateNote({ note: text, width: 160, height: 60 } as never),
    userInsertRows: (name, row, count) => void sheet(name).insertRows(row - 1, count),
    userDeleteRows: (name, row, count) => void sheet(name).deleteRows(row - 1, count),
    cell(name, address) {
      const ws = sheet(name);
      const p = pos(address);
      const c = raw(ws, p.row, p.column);
      const style = styleOf(c);
      return {
        value: valueOf(c),
        numberFormat: style?.n?.pattern || 'General',
        fill: hex(style?.bg?.rgb),
        message: ws.getRange(address).getNote()?.note ?? null,
      };
    },
    fills: (name) => everyCell(sheet(name), (c) => hex(styleOf(c)?.bg?.rgb)),
    messages(name) {
      const out: Record<string, string> = {};
      for (const n of sheet(name).getNotes()) out[`${columnLetters(n.col + 1)}${n.row + 1}`] = n.note;
      return out;
    },
    values: read,
    texts: (name, rows, columns) => read(name, `A1:${columnLetters(columns)}${rows}`).map((r) => r.map((v) => (v === null ? '' : String(v)))),
    merges: (name) => sheet(name).getMergedRanges().map((r) => r.getA1Notation()),
    // Univer's model as its facade reads it; a list's options are stored as JSON (its list editor's format).
    listValidations: (name) =>
      sheet(name)
        .getDataValidations()
        .filter((dv) => dv.rule.type === 'list')
        .flatMap((dv) => dv.getRanges().map((r) => ({ address: r.getA1Notation(), source: (JSON.parse(dv.rule.formula1 ?? '[]') as string[]).join(',') }))),
    sheetNames: () => book().getSheets().map((s) => s.getSheetName()),
    activeSheet: () => book().getActiveSheet().getSheetName(),
    selection() {
      const range = book().getActiveRange();
      return range ? { sheet: book().getActiveSheet().getSheetName(), address: range.getA1Notation() } : null;
    },
    isProtected: (name) => sheet(name).getWorksheetPermission().isProtected(),
    reload() {
      const snapshot = book().save();
      instance.dispose();
      instance = boot();
      instance.api.createWorkbook(snapshot);
    },
    settled: async () => undefined, // Univer executes commands synchronously
    dispose: () => instance.dispose(),
  };
}
