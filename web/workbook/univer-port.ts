/**
 * ExcelPort on Univer's facade API (`FUniver`): the web workbook's only code that touches the spreadsheet
 * component. Thin like the Excel port: it reads cells into core's grid (through the add-in's own `toCell`,
 * so a number is a number and an `@` column is text), paints fills and notes, writes values and reports the
 * clerk's edits. Every decision stays in the controller and `core`.
 *
 * Univer's model is synchronous (facade calls execute commands at once), so the port knows its own writes
 * by a flag held while it writes, where Excel needs triggerSource.
 */
import type { FUniver } from '@univerjs/presets';
import type { Cell, CellValue, SheetGrid, WorkbookGrid } from '../../core/grid/cell';
import { columnLetters } from '../../core/grid/address';
import type { Issue, Locale } from '../../core/issues/issue';
import { issueMessage } from '../../core/messages/render';
import { getPack, getSheetKind } from '../../core/templates/registry';
import { excelWouldReinterpret } from '../../addin/excel/cells';
import { toCell } from '../../addin/excel/grid-read';
import type { CellFix, ExcelPort, FixOutcome, HostCapabilities, Progress, SheetChange } from '../../addin/excel/port';
import { planTemplate, templateSheetName, uniqueSheetName } from '../../addin/excel/template-plan';

type FWorkbook = NonNullable<ReturnType<FUniver['getActiveWorkbook']>>;
type FWorksheet = NonNullable<ReturnType<FWorkbook['getSheetByName']>>;

/** Fills like the Excel port's (light red error, light yellow warning). */
export const FILL = { error: '#FFC7CE', warning: '#FFEB9C' } as const;
const READ_CHUNK = 2_000;
/** Our notes' ids start with this: the clerk's own notes are never touched. */
const NOTE_PREFIX = 'yanyin-';
/**
 * Notes are kept only for highlighted cells in and near the rows on screen (refreshed as the sheet
 * scrolls). Univer 0.25's note model finds a cell's note by scanning every note of the sheet, once per
 * cell drawn, and watches each note's range on every mutation: with a note on each of 20,000 highlighted
 * cells, every frame and every edit cost seconds. A clerk reads a note by hovering a cell in view, and
 * the pane lists every message anyway.
 */
const NOTE_ROWS_ABOVE = 20;
const NOTE_ROWS_BELOW = 80;
const NOTE_LIMIT = 400;

/** Univer's CellValueType: 1 string, 2 number, 3 boolean, 4 force-string (text format). */
const VALUE_TYPE: Record<number, string> = { 1: 'String', 2: 'Double', 3: 'Boolean', 4: 'String' };

interface Mark {
  severity: 'error' | 'warning';
  /** The cell's background before the port painted it, restored when the mark goes. */
  before: string | null;
  /** The note's text (shown while the cell is near the rows on screen). */
  message: string;
}

/** One sheet's marks: row → column → mark (1-based), so a repaint of a few rows touches only those. */
type SheetMarks = Map<number, Map<number, Mark>>;

export interface UniverPort extends ExcelPort {
  /** The port's highlights of one sheet (A1 → severity): what the tests read from the component's model. */
  marks(sheet: string): Map<string, 'error' | 'warning'>;
}

export function createUniverPort(api: FUniver, options: { notes: boolean; locale?: Locale }): UniverPort {
  const marks = new Map<string, SheetMarks>();
  let own = 0;
  let noteSeq = 0;

  const book = (): FWorkbook => {
    const wb = api.getActiveWorkbook();
    if (!wb) throw new Error('没有打开的工作簿。');
    return wb;
  };
  const sheetOf = (name: string): FWorksheet => {
    const ws = book().getSheetByName(name);
    if (!ws) throw new Error(`工作表「${name}」不存在。`);
    return ws;
  };
  /** Runs the port's own writes: change events they raise are not the clerk's. */
  const owned = <T>(fn: () => T): T => {
    own++;
    try {
      return fn();
    } finally {
      own--;
    }
  };
  type Styles = ReturnType<ReturnType<FWorkbook['getWorkbook']>['getStyles']>;
  /** Looked up once per read: each `getActiveWorkbook()` builds a new facade object. */
  const stylesNow = (): Styles => book().getWorkbook().getStyles();

  const numberFormatOf = (cell: { s?: unknown } | null | undefined, styles: Styles): string | undefined => {
    if (!cell?.s) return undefined;
    const style = styles.get(cell.s as string);
    return style?.n?.pattern || undefined;
  };

  const readCell = (cellData: unknown, styles: Styles = stylesNow()): Cell | null => {
    const data = cellData as { v?: unknown; t?: number | null; s?: unknown } | null | undefined;
    const nf = numberFormatOf(data, styles);
    const v = data?.v;
    if (v === undefined || v === null || v === '') return toCell(null, 'Empty', nf);
    const t = data?.t ?? (typeof v === 'number' ? 2 : typeof v === 'boolean' ? 3 : 1);
    // Univer keeps a boolean typed cell as 1/0 or TRUE/FALSE depending on the source.
    const value = t === 3 ? v === true || v === 1 || v === 'TRUE' : v;
    return toCell(value, VALUE_TYPE[t] ?? undefined, nf === '@' && t === 4 ? '@' : nf);
  };

  const readSheet = (ws: FWorksheet, fromRow: number, toRow: number): (Cell | null)[][] => {
    const lastCol = ws.getLastColumn() + 1;
    const out: (Cell | null)[][] = [];
    for (let r = 1; r < fromRow; r++) out.push([]);
    if (lastCol <= 0 || toRow < fromRow) return out;
    const datas = ws.getRange(fromRow - 1, 0, toRow - fromRow + 1, lastCol).getCellDatas();
    const styles = stylesNow();
    for (const row of datas) {
      const cells = row.map((c) => readCell(c, styles));
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      out.push(cells);
    }
    while (out.length > 0 && (out[out.length - 1] ?? []).length === 0) out.pop();
    return out;
  };

  const sheetMarks = (sheet: string): SheetMarks => {
    let m = marks.get(sheet);
    if (!m) marks.set(sheet, (m = new Map()));
    return m;
  };

  /** The cell's background as Univer's model holds it (no facade range per cell: 20,000 of them add up). */
  const backgroundAt = (ws: FWorksheet, styles: Styles, row: number, column: number): string | null => {
    const raw = ws.getSheet().getCellRaw(row - 1, column - 1);
    return styles.get(raw?.s)?.bg?.rgb ?? null;
  };

  /**
   * One repaint = one style mutation for all its cells, executed as a mutation (not a command):
   * highlights are not the clerk's edits, so they stay off the undo stack, and one mutation for thousands
   * of fills costs one re-render instead of thousands (a 20,000-row first paint). Cells already showing
   * the right fill are not written again. Notes follow in `syncNotes`.
   */
  const repaint = (sheet: string, fromRow: number, toRow: number, issues: Issue[]): void => {
    const wb = api.getActiveWorkbook();
    const ws = wb?.getSheetByName(sheet);
    if (!wb || !ws) return;
    const wanted = new Map<number, Map<number, Issue[]>>();
    for (const i of issues) {
      if (i.sheet !== sheet || i.row < fromRow || i.row > toRow || i.row < 1 || i.column < 1) continue;
      let cols = wanted.get(i.row);
      if (!cols) wanted.set(i.row, (cols = new Map()));
      const list = cols.get(i.column);
      if (list) list.push(i);
      else cols.set(i.column, [i]);
    }
    const m = sheetMarks(sheet);
    const styles = stylesNow();
    const cellValue: Record<number, Record<number, { s: { bg: { rgb: string } | null } }>> = {};
    let writes = 0;
    const paint = (row: number, column: number, bg: string | null): void => {
      const current = backgroundAt(ws, styles, row, column);
      if ((current ?? '').toUpperCase() === (bg ?? '').toUpperCase()) return;
      (cellValue[row - 1] ??= {})[column - 1] = { s: { bg: bg ? { rgb: bg } : null } };
      writes++;
    };
    const rows = toRow - fromRow + 1 < m.size ? rangeOf(fromRow, toRow) : [...m.keys()];
    for (const row of rows) {
      const cols = m.get(row);
      if (!cols || row < fromRow || row > toRow) continue;
      for (const [column, mark] of cols) {
        if (wanted.get(row)?.has(column)) continue;
        paint(row, column, mark.before);
        cols.delete(column);
      }
      if (cols.size === 0) m.delete(row);
    }
    for (const [row, cols] of wanted) {
      let marked = m.get(row);
      if (!marked) m.set(row, (marked = new Map()));
      for (const [column, list] of cols) {
        const severity = list.some((i) => i.severity === 'error') ? 'error' : 'warning';
        const old = marked.get(column);
        let before = old ? old.before : backgroundAt(ws, styles, row, column);
        if (before && /^#?(FFC7CE|FFEB9C|fff|ffffff)$/i.test(before)) before = null;
        paint(row, column, FILL[severity]);
        marked.set(column, { severity, before, message: [...new Set(list.map((i) => issueMessage(i, options.locale)))].join('\n') });
      }
    }
    if (writes > 0) api.syncExecuteCommand('sheet.mutation.set-range-values', { unitId: wb.getId(), subUnitId: ws.getSheetId(), cellValue });
  };

  /**
   * Makes the port's notes on `sheet` match its marks in the rows near the view: notes elsewhere go, notes
   * whose message changed are replaced. Reads the notes' positions from Univer (they move with inserted
   * and deleted rows), and leaves notes the port did not make alone.
   */
  const syncNotes = (sheet: string): void => {
    if (!options.notes) return;
    const wb = api.getActiveWorkbook();
    const ws = wb?.getSheetByName(sheet);
    if (!wb || !ws) return;
    const unitId = wb.getId();
    const sheetId = ws.getSheetId();
    const m = marks.get(sheet) ?? new Map<number, Map<number, Mark>>();
    const top = viewTop(ws);
    const wanted = new Map<string, { row: number; column: number; message: string }>();
    for (let row = Math.max(1, top - NOTE_ROWS_ABOVE); row <= top + NOTE_ROWS_BELOW && wanted.size < NOTE_LIMIT; row++) {
      for (const [column, mark] of m.get(row) ?? []) wanted.set(`${row}:${column}`, { row, column, message: mark.message });
    }
    const mutations: { id: string; params: Record<string, unknown> }[] = [];
    for (const note of ws.getNotes()) {
      if (!note.id?.startsWith(NOTE_PREFIX)) continue;
      const key = `${note.row + 1}:${note.col + 1}`;
      if (wanted.get(key)?.message === note.note) wanted.delete(key);
      else mutations.push({ id: 'sheet.mutation.remove-note', params: { unitId, sheetId, noteId: note.id } });
    }
    for (const { row, column, message } of wanted.values()) {
      const note = { id: `${NOTE_PREFIX}${++noteSeq}`, row: row - 1, col: column - 1, width: 240, height: 72, note: message };
      mutations.push({ id: 'sheet.mutation.update-note', params: { unitId, sheetId, row: row - 1, col: column - 1, note } });
    }
    if (mutations.length > 0) owned(() => mutations.forEach((n) => api.syncExecuteCommand(n.id, n.params)));
  };

  /** 1-based first row on screen (the sheet's scroll state; row 1 for a sheet not shown yet). */
  const viewTop = (ws: FWorksheet): number => {
    try {
      return (ws.getScrollState()?.sheetViewStartRow ?? 0) + 1;
    } catch {
      return 1; // no render unit for this sheet yet
    }
  };

  /** Marks follow their cells when rows are inserted or deleted, like Univer moves the cells' fills. */
  const shiftMarks = (sheet: string, atRow: number, count: number): void => {
    const m = marks.get(sheet);
    if (!m) return;
    const next: SheetMarks = new Map();
    for (const [row, cols] of m) {
      if (row < atRow) next.set(row, cols);
      else if (count > 0) next.set(row + count, cols);
      else if (row >= atRow - count) next.set(row + count, cols);
    }
    marks.set(sheet, next);
  };
  let noteTimer: ReturnType<typeof setTimeout> | null = null;
  const syncActiveNotesSoon = (): void => {
    if (noteTimer) clearTimeout(noteTimer);
    noteTimer = setTimeout(() => {
      noteTimer = null;
      const name = api.getActiveWorkbook()?.getActiveSheet()?.getSheetName();
      if (name) syncNotes(name);
    }, 120);
  };
  api.addEvent(api.Event.CommandExecuted, (event) => {
    const params = event.params as { unitId?: string; subUnitId?: string; range?: RowRange } | undefined;
    if (event.id !== 'sheet.mutation.insert-row' && event.id !== 'sheet.mutation.remove-rows') return;
    const wb = api.getActiveWorkbook();
    if (!wb || !params?.range || params.unitId !== wb.getId() || !params.subUnitId) return;
    const sheet = wb.getSheetBySheetId(params.subUnitId)?.getSheetName();
    const n = params.range.endRow - params.range.startRow + 1;
    if (sheet) shiftMarks(sheet, params.range.startRow + 1, event.id === 'sheet.mutation.insert-row' ? n : -n);
  });
  api.addEvent(api.Event.Scroll, syncActiveNotesSoon);
  api.addEvent(api.Event.ActiveSheetChanged, syncActiveNotesSoon);

  const setValue = (ws: FWorksheet, address: string, value: CellValue): void => {
    const range = ws.getRange(address);
    if (typeof value === 'string' && excelWouldReinterpret(value)) {
      // An ID written into a General cell would become a number: the cell is text first, like Excel's port.
      range.setNumberFormat('@');
      range.setValues([[{ v: value, t: 4 }]] as never);
    } else range.setValue(value === null ? '' : (value as string | number | boolean));
  };

  return {
    capabilities(): HostCapabilities {
      return { notes: options.notes, batchedFormats: true, triggerSource: true, dataValidation: false };
    },

    async readWorkbook(onProgress?: (p: Progress) => void): Promise<WorkbookGrid> {
      const sheets: SheetGrid[] = [];
      const all = book().getSheets();
      const total = all.reduce((n, ws) => n + ws.getLastRow() + 1, 0);
      let done = 0;
      for (const ws of all) {
        const last = ws.getLastRow() + 1;
        const rows: (Cell | null)[][] = [];
        for (let from = 1; from <= last; from += READ_CHUNK) {
          const to = Math.min(last, from + READ_CHUNK - 1);
          const part = readSheet(ws, from, to).slice(from - 1);
          while (rows.length < from - 1) rows.push([]);
          rows.push(...part);
          done += to - from + 1;
          onProgress?.({ done, total });
          await new Promise((r) => setTimeout(r, 0));
        }
        while (rows.length > 0 && (rows[rows.length - 1] ?? []).length === 0) rows.pop();
        sheets.push({ name: ws.getSheetName(), rows });
      }
      return { sheets };
    },

    async readRows(sheet: string, fromRow: number, toRow: number): Promise<SheetGrid> {
      const ws = sheetOf(sheet);
      const rows = readSheet(ws, fromRow, toRow);
      while (rows.length < toRow) rows.push([]);
      return { name: sheet, rows: rows.slice(0, toRow) };
    },

    async showIssues(issues: Issue[], onProgress?: (p: Progress) => void): Promise<void> {
      const names = new Set([...marks.keys(), ...issues.map((i) => i.sheet)]);
      owned(() => {
        for (const sheet of names) repaint(sheet, 1, Number.MAX_SAFE_INTEGER, issues);
      });
      for (const sheet of names) syncNotes(sheet);
      onProgress?.({ done: issues.length, total: issues.length });
    },

    async showIssuesForRows(sheet: string, fromRow: number, toRow: number, issues: Issue[]): Promise<void> {
      owned(() => repaint(sheet, fromRow, toRow, issues));
      syncNotes(sheet);
    },

    async clearHighlights(): Promise<void> {
      const names = [...marks.keys()];
      owned(() => {
        for (const sheet of names) repaint(sheet, 1, Number.MAX_SAFE_INTEGER, []);
      });
      for (const sheet of names) syncNotes(sheet);
    },

    async selectCell(sheet: string, address: string): Promise<void> {
      const ws = sheetOf(sheet);
      book().setActiveSheet(ws);
      ws.getRange(address).activate();
    },

    async applyFixes(fixes: CellFix[]): Promise<FixOutcome> {
      const stale: FixOutcome['stale'] = [];
      let applied = 0;
      owned(() => {
        for (const f of fixes) {
          const ws = book().getSheetByName(f.sheet);
          const current = ws ? readCell(ws.getRange(f.address).getCellData())?.value ?? null : null;
          if (!ws || current !== f.expected) stale.push({ sheet: f.sheet, address: f.address });
          else {
            setValue(ws, f.address, f.value);
            applied++;
          }
        }
      });
      return { applied, stale };
    },

    async setColumnsToText(sheet: string, columns: number[]): Promise<void> {
      const ws = sheetOf(sheet);
      const last = Math.max(ws.getLastRow() + 1, 1);
      owned(() => {
        for (const c of columns) {
          const col = columnLetters(c);
          const range = ws.getRange(`${col}1:${col}${last}`);
          range.setNumberFormat('@');
          // Numbers already typed stay numbers (as in Excel): the clerk retypes them; the checks say which.
        }
      });
    },

    async insertTemplate(packId: string, kindId: string): Promise<string> {
      const pack = getPack(packId);
      if (!pack) throw new Error(`未知的模板包「${packId}」。`);
      const kind = getSheetKind(pack, kindId);
      if (!kind) throw new Error(`模板包「${pack.name}」中没有「${kindId}」。`);
      const wb = book();
      const taken = wb.getSheets().map((s) => s.getSheetName());
      const plan = planTemplate(pack, kind, uniqueSheetName(templateSheetName(kind), taken));
      owned(() => {
        const width = Math.max(...plan.values.map((r) => r.length), plan.columnWidths.length, 1);
        const ws = wb.insertSheet(plan.sheetName);
        for (const area of plan.textRanges) ws.getRange(area).setNumberFormat('@');
        plan.values.forEach((row, r) => {
          row.forEach((value, c) => {
            if (value !== null) ws.getRange(r, c).setValue(value as string | number);
          });
        });
        for (const area of plan.merges) ws.getRange(area).merge();
        plan.columnWidths.forEach((w, c) => ws.setColumnWidth(c, charsToPixels(w)));
        void width;
        wb.setActiveSheet(ws);
        ws.getRange(`A${plan.firstDataRow}`).activate();
      });
      return plan.sheetName;
    },

    async writeValues(sheet: string, cells: { address: string; value: CellValue }[]): Promise<void> {
      const ws = sheetOf(sheet);
      owned(() => {
        for (const c of cells) setValue(ws, c.address, c.value);
      });
    },

    async writeSheet(name: string, rows: CellValue[][], opts?: { protect?: boolean }): Promise<void> {
      const wb = book();
      owned(() => {
        const old = wb.getSheetByName(name);
        if (old) wb.deleteSheet(old);
        marks.delete(name);
        const ws = wb.insertSheet(name);
        rows.forEach((row, r) =>
          row.forEach((value, c) => {
            if (value !== null && value !== '') setValue(ws, `${columnLetters(c + 1)}${r + 1}`, value);
          }),
        );
        void opts;
        wb.setActiveSheet(ws);
      });
    },

    async onChanged(handler: (changes: SheetChange[]) => void): Promise<() => Promise<void>> {
      // The workbook is looked up per event: opening another file replaces the unit, not the port.
      const disposable = api.addEvent(api.Event.CommandExecuted, (event) => {
        if (own > 0) return;
        const wb = api.getActiveWorkbook();
        const params = event.params as { unitId?: string; subUnitId?: string } | undefined;
        if (!wb || !params || params.unitId !== wb.getId() || !params.subUnitId) return;
        const sheet = wb.getSheetBySheetId(params.subUnitId)?.getSheetName() ?? null;
        if (!sheet) return;
        const change = changeOf(event.id, params, sheet);
        if (change) handler([change]);
      });
      return async () => disposable.dispose();
    },

    marks(sheet: string): Map<string, 'error' | 'warning'> {
      const out = new Map<string, 'error' | 'warning'>();
      for (const [row, cols] of marks.get(sheet) ?? []) for (const [column, mark] of cols) out.set(`${columnLetters(column)}${row}`, mark.severity);
      return out;
    },
  };
}

interface RowRange {
  startRow: number;
  endRow: number;
}

/** A mutation Univer executed → the Excel-shaped change the controller understands. */
export function changeOf(id: string, params: Record<string, unknown>, sheet: string): SheetChange | null {
  const rows = (r: RowRange): string => `${r.startRow + 1}:${r.endRow + 1}`;
  switch (id) {
    case 'sheet.mutation.set-range-values': {
      const matrix = params.cellValue as Record<string, Record<string, unknown>> | undefined;
      if (!matrix) return null;
      let top = Infinity;
      let bottom = -1;
      let left = Infinity;
      let right = -1;
      for (const [r, cols] of Object.entries(matrix)) {
        for (const c of Object.keys(cols ?? {})) {
          top = Math.min(top, Number(r));
          bottom = Math.max(bottom, Number(r));
          left = Math.min(left, Number(c));
          right = Math.max(right, Number(c));
        }
      }
      if (bottom < 0) return null;
      const a = `${columnLetters(left + 1)}${top + 1}`;
      const b = `${columnLetters(right + 1)}${bottom + 1}`;
      return { sheet, address: a === b ? a : `${a}:${b}`, changeType: 'RangeEdited' };
    }
    case 'sheet.mutation.insert-row':
      return { sheet, address: rows(params.range as RowRange), changeType: 'RowInserted' };
    case 'sheet.mutation.remove-rows':
      return { sheet, address: rows(params.range as RowRange), changeType: 'RowDeleted' };
    case 'sheet.mutation.insert-col':
    case 'sheet.mutation.remove-col':
    case 'sheet.mutation.move-rows':
    case 'sheet.mutation.move-range':
    case 'sheet.mutation.reorder-range':
      return { sheet, address: 'A1', changeType: 'Unknown' };
    default:
      return null;
  }
}

function rangeOf(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Excel's column width in characters → Univer's pixels (Calibri 11: 7 px a character plus padding). */
export function charsToPixels(chars: number): number {
  return Math.round(chars * 7 + 5);
}
