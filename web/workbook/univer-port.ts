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
import { HIGHLIGHT_COLORS, isHighlightColor, NOTE_MARK } from '../../addin/excel/ledger';
import { toCell } from '../../addin/excel/grid-read';
import type { CellFix, ExcelPort, FixOutcome, HostCapabilities, Progress, SheetChange } from '../../addin/excel/port';
import { planTemplate, templateSheetName, uniqueSheetName } from '../../addin/excel/template-plan';
import { fromPlan, fromUniverRule, toUniverRule, type ListValidation } from './xlsx-validations';

type FWorkbook = NonNullable<ReturnType<FUniver['getActiveWorkbook']>>;
type FWorksheet = NonNullable<ReturnType<FWorkbook['getSheetByName']>>;

/** Fills like the Excel port's (light red error, light yellow warning). */
export const FILL = HIGHLIGHT_COLORS;
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

/** What each highlighted cell stores in the model (`custom.yanyin`): it moves with the cell and is saved with the workbook. */
interface StoredMark {
  severity: 'error' | 'warning';
  /** The cell's background before the port painted it, restored when the mark goes. */
  before: string | null;
}
const MARK_KEY = 'yanyin';

/** A stored mark read back from a cell; anything malformed is not one (stored data is never trusted blindly). */
function storedMark(cell: unknown): StoredMark | null {
  const m = (cell as { custom?: Record<string, unknown> } | null | undefined)?.custom?.[MARK_KEY] as Partial<StoredMark> | undefined;
  if (!m || (m.severity !== 'error' && m.severity !== 'warning')) return null;
  return { severity: m.severity, before: typeof m.before === 'string' && !isHighlightColor(m.before) ? m.before : null };
}

interface Mark extends StoredMark {
  /** The note's text without the mark (shown while the cell is near the rows on screen); '' = not known. */
  message: string;
}

/** Mutations that move cells in ways the port does not follow row by row: its marks are read again. */
const MOVES_CELLS = /insert-col|remove-col|move-rows|move-cols|move-range|reorder-range|set-worksheet-name|remove-sheet|insert-sheet/;

const sameColor = (a: string | null | undefined, b: string): boolean => (a ?? '').replace('#', '').toUpperCase() === b.replace('#', '').toUpperCase();

/** One sheet's marks: row → column → mark (1-based), so a repaint of a few rows touches only those. */
type SheetMarks = Map<number, Map<number, Mark>>;

export interface UniverPort extends ExcelPort {
  /** The port's highlights of one sheet (A1 → severity): what the tests read from the component's model. */
  marks(sheet: string): Map<string, 'error' | 'warning'>;
  /** The sheet's dropdowns as Univer's model holds them (saved into the downloaded file). */
  listValidations(sheet: string): ListValidation[];
}

/** What the data-validation facade adds to a worksheet (present when the page loads Univer's plugin). */
interface DvWorksheet {
  getDataValidations?(): { rule: Parameters<typeof fromUniverRule>[0] }[];
}

export function createUniverPort(api: FUniver, options: { notes: boolean; locale?: Locale }): UniverPort {
  const marks = new Map<string, SheetMarks>();
  let own = 0;
  let noteSeq = 0;
  let dvSeq = 0;
  /** Univer's data-validation plugin (and its facade) is loaded: dropdowns can be written and read. */
  const dropdowns = typeof (api as unknown as { newDataValidation?: unknown }).newDataValidation === 'function';

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

  /**
   * The sheet's marks, read once from the model (the cells' stored marks, the port's notes for their
   * messages) and then kept up to date by the port's own writes and the row moves it follows. Dropped when
   * another workbook is opened or the clerk moves cells in a way it does not follow: the next use reads
   * them again from the cells, where they travelled.
   */
  let marksUnit: string | null = null;
  const sheetMarks = (ws: FWorksheet): SheetMarks => {
    const unitId = book().getId();
    if (marksUnit !== unitId) {
      marks.clear();
      marksUnit = unitId;
    }
    const name = ws.getSheetName();
    let m = marks.get(name);
    if (!m) marks.set(name, (m = readMarks(ws)));
    return m;
  };

  const readMarks = (ws: FWorksheet): SheetMarks => {
    const messages = new Map<string, string>();
    if (options.notes) {
      for (const n of ws.getNotes()) {
        if (n.id?.startsWith(NOTE_PREFIX) && n.note.startsWith(NOTE_MARK)) messages.set(`${n.row + 1}:${n.col + 1}`, n.note.slice(NOTE_MARK.length));
      }
    }
    const m: SheetMarks = new Map();
    ws.getSheet()
      .getCellMatrix()
      .forValue((r, c, cell) => {
        const stored = storedMark(cell);
        if (!stored) return;
        let cols = m.get(r + 1);
        if (!cols) m.set(r + 1, (cols = new Map()));
        cols.set(c + 1, { ...stored, message: messages.get(`${r + 1}:${c + 1}`) ?? '' });
      });
    return m;
  };

  /** The cell's background as Univer's model holds it (no facade range per cell: 20,000 of them add up). */
  const backgroundAt = (ws: FWorksheet, styles: Styles, row: number, column: number): string | null => {
    const raw = ws.getSheet().getCellRaw(row - 1, column - 1);
    return styles.get(raw?.s)?.bg?.rgb ?? null;
  };

  /**
   * One repaint = one `set-range-values` mutation for all its cells: each cell's fill and its stored mark
   * together. Executed as a mutation (not a command): highlights are not the clerk's edits, so they stay
   * off the undo stack, and one mutation for thousands of cells costs one re-render instead of thousands
   * (a 20,000-row first paint). Cells already right are not written. A mark goes like Excel's highlight:
   * the fill it replaced comes back only while the cell still shows the port's colour (a clerk who
   * recoloured the cell keeps the colour). Notes follow in `syncNotes`.
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
    const m = sheetMarks(ws);
    const styles = stylesNow();
    const model = ws.getSheet();
    const cellValue: Record<number, Record<number, { s?: { bg: { rgb: string } | null }; custom?: Record<string, unknown> | null }>> = {};
    let writes = 0;
    const write = (row: number, column: number, bg: string | null | undefined, stored: StoredMark | null): void => {
      // `custom` is replaced whole: keep whatever else a cell stores there (nothing of ours does today).
      const had = model.getCellRaw(row - 1, column - 1)?.custom as Record<string, unknown> | undefined;
      let custom: Record<string, unknown> | null = stored ? { [MARK_KEY]: stored } : null;
      if (had && Object.keys(had).some((k) => k !== MARK_KEY)) {
        const { [MARK_KEY]: _old, ...rest } = had;
        custom = { ...rest, ...(custom ?? {}) };
      }
      const cell: (typeof cellValue)[number][number] = { custom };
      if (bg !== undefined) cell.s = { bg: bg ? { rgb: bg } : null };
      (cellValue[row - 1] ??= {})[column - 1] = cell;
      writes++;
    };
    const rows = toRow - fromRow + 1 < m.size ? rangeOf(fromRow, toRow) : [...m.keys()];
    for (const row of rows) {
      const cols = m.get(row);
      if (!cols || row < fromRow || row > toRow) continue;
      for (const [column, mark] of cols) {
        if (wanted.get(row)?.has(column)) continue;
        const showsOurs = sameColor(backgroundAt(ws, styles, row, column), FILL[mark.severity]);
        write(row, column, showsOurs ? mark.before : undefined, null);
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
        const current = backgroundAt(ws, styles, row, column);
        let before = old ? old.before : current;
        if (before && /^#?(FFC7CE|FFEB9C|fff|ffffff)$/i.test(before)) before = null;
        const message = [...new Set(list.map((i) => issueMessage(i, options.locale)))].join('\n');
        marked.set(column, { severity, before, message });
        const repaintFill = !sameColor(current, FILL[severity]);
        if (repaintFill || old?.severity !== severity || old.before !== before) write(row, column, repaintFill ? FILL[severity] : undefined, { severity, before });
      }
    }
    if (writes > 0) api.syncExecuteCommand('sheet.mutation.set-range-values', { unitId: wb.getId(), subUnitId: ws.getSheetId(), cellValue });
  };

  /**
   * Makes the port's notes on `sheet` match its marks in the rows near the view: notes elsewhere go, notes
   * whose message changed are replaced. Reads the notes' positions from Univer (they move with inserted
   * and deleted rows), and leaves the clerk's own notes alone: a cell with one gets no note of the port's.
   */
  const syncNotes = (sheet: string): void => {
    if (!options.notes) return;
    const wb = api.getActiveWorkbook();
    const ws = wb?.getSheetByName(sheet);
    if (!wb || !ws) return;
    const unitId = wb.getId();
    const sheetId = ws.getSheetId();
    const m = sheetMarks(ws);
    const top = viewTop(ws);
    /** Note text per cell; null = a mark read back from the model whose note, if any, is kept as it is. */
    const wanted = new Map<string, { row: number; column: number; text: string | null }>();
    for (let row = Math.max(1, top - NOTE_ROWS_ABOVE); row <= top + NOTE_ROWS_BELOW && wanted.size < NOTE_LIMIT; row++) {
      for (const [column, mark] of m.get(row) ?? []) wanted.set(`${row}:${column}`, { row, column, text: mark.message ? `${NOTE_MARK}${mark.message}` : null });
    }
    const clerks = new Set<string>();
    const mutations: { id: string; params: Record<string, unknown> }[] = [];
    for (const note of ws.getNotes()) {
      const key = `${note.row + 1}:${note.col + 1}`;
      if (!note.id?.startsWith(NOTE_PREFIX)) {
        clerks.add(key);
        continue;
      }
      const want = wanted.get(key);
      if (want && (want.text === null || want.text === note.note)) wanted.delete(key);
      else mutations.push({ id: 'sheet.mutation.remove-note', params: { unitId, sheetId, noteId: note.id } });
    }
    for (const [key, { row, column, text }] of wanted) {
      if (text === null || clerks.has(key)) continue;
      const note = { id: `${NOTE_PREFIX}${Date.now().toString(36)}-${++noteSeq}`, row: row - 1, col: column - 1, width: 240, height: 72, note: text };
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

  /** Marks follow their cells when rows are inserted or deleted, like Univer moves the cells themselves. */
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
  /**
   * The clerk's writes that carry cell data whole — the editor commits the cell it started from, a paste
   * or an undo brings cells with their stored marks — update the marks of exactly those cells.
   */
  const followCells = (sheet: string, sheetId: string, cellValue: Record<string, Record<string, object | null>>): void => {
    const m = marks.get(sheet);
    const model = api.getActiveWorkbook()?.getSheetBySheetId(sheetId)?.getSheet();
    if (!m || !model) return;
    for (const [r, cols] of Object.entries(cellValue)) {
      for (const [c, cell] of Object.entries(cols ?? {})) {
        if (cell && !('custom' in cell)) continue;
        const row = Number(r) + 1;
        const column = Number(c) + 1;
        const stored = storedMark(model.getCellRaw(row - 1, column - 1));
        let marked = m.get(row);
        if (stored) {
          if (!marked) m.set(row, (marked = new Map()));
          marked.set(column, { ...stored, message: marked.get(column)?.message ?? '' });
        } else if (marked?.delete(column) && marked.size === 0) m.delete(row);
      }
    }
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
    if (!event.id.startsWith('sheet.mutation.') || own > 0) return;
    const params = event.params as { unitId?: string; subUnitId?: string; range?: RowRange; cellValue?: Record<string, Record<string, object | null>> } | undefined;
    const wb = api.getActiveWorkbook();
    if (!wb || params?.unitId !== wb.getId()) return;
    const sheet = params.subUnitId ? wb.getSheetBySheetId(params.subUnitId)?.getSheetName() : undefined;
    if (event.id === 'sheet.mutation.insert-row' || event.id === 'sheet.mutation.remove-rows') {
      const n = params.range ? params.range.endRow - params.range.startRow + 1 : 0;
      if (sheet && params.range) shiftMarks(sheet, params.range.startRow + 1, event.id === 'sheet.mutation.insert-row' ? n : -n);
    } else if (event.id === 'sheet.mutation.set-range-values') {
      if (sheet && params.subUnitId && params.cellValue) followCells(sheet, params.subUnitId, params.cellValue);
    } else if (MOVES_CELLS.test(event.id)) {
      if (sheet) marks.delete(sheet);
      else marks.clear();
    }
  });
  // The view's events exist only with Univer's UI (the page), not in a headless model.
  if (api.Event.Scroll) api.addEvent(api.Event.Scroll, syncActiveNotesSoon);
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
      return { notes: options.notes, batchedFormats: true, triggerSource: true, dataValidation: dropdowns };
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
      // Every sheet: marks made before a reload are read back from the cells of any of them.
      const names = new Set([...book().getSheets().map((ws) => ws.getSheetName()), ...issues.map((i) => i.sheet)]);
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
      const names = book().getSheets().map((ws) => ws.getSheetName());
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
        // The Excel port's dropdowns (性别, 异动类型…): one rule per list, as Univer's own menu adds it.
        if (dropdowns)
          for (const v of plan.validations) {
            const list = fromPlan(v);
            const rule = list && toUniverRule(list, `yanyin-dv-${Date.now().toString(36)}-${++dvSeq}`);
            if (rule) api.syncExecuteCommand('sheet.command.addDataValidation', { unitId: wb.getId(), subUnitId: ws.getSheetId(), rule });
          }
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
      const ws = owned(() => {
        const old = wb.getSheetByName(name);
        // The new sheet comes first: Univer keeps at least one sheet, and the replaced one may be the only one.
        const taken = wb.getSheets().map((s) => s.getSheetName());
        const fresh = wb.insertSheet(old ? uniqueSheetName(name, taken) : name);
        if (old) {
          wb.deleteSheet(old);
          fresh.setName(name);
        }
        marks.delete(name);
        rows.forEach((row, r) =>
          row.forEach((value, c) => {
            if (value !== null && value !== '') setValue(fresh, `${columnLetters(c + 1)}${r + 1}`, value);
          }),
        );
        wb.setActiveSheet(fresh);
        return fresh;
      });
      if (opts?.protect) await ws.getWorksheetPermission().protect();
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

    listValidations(sheet: string): ListValidation[] {
      const ws = api.getActiveWorkbook()?.getSheetByName(sheet) as (FWorksheet & DvWorksheet) | null | undefined;
      return (ws?.getDataValidations?.() ?? []).flatMap((dv) => fromUniverRule(dv.rule) ?? []);
    },

    marks(sheet: string): Map<string, 'error' | 'warning'> {
      const out = new Map<string, 'error' | 'warning'>();
      const ws = api.getActiveWorkbook()?.getSheetByName(sheet);
      for (const [row, cols] of ws ? sheetMarks(ws) : []) for (const [column, mark] of cols) out.set(`${columnLetters(column)}${row}`, mark.severity);
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
