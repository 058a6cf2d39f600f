/**
 * ExcelPort on WPS 表格's JS add-in API (the ET object model: `Application.ActiveWorkbook.Worksheets`,
 * `Range.Value2`, `Interior.Color`, comments, the `SheetChange` event). The only code that touches WPS.
 * Thin: reads go through the add-in's own `toCell` (a double stays a number, so a damaged ID is caught),
 * every rule and decision stays in the controller and core.
 *
 * WPS's calls are synchronous, so the port tells its own writes from the clerk's by a flag held while it
 * writes (WPS fires SheetChange for API writes too, and has no trigger source). Some builds expose
 * properties as methods (`Value2()`), so every read and write goes through `prop` / `setProp`.
 */
import type { Cell, CellValue, SheetGrid, WorkbookGrid } from '../../core/grid/cell';
import { columnLetters, parseA1 } from '../../core/grid/address';
import type { Issue, Locale } from '../../core/issues/issue';
import { issueMessage } from '../../core/messages/render';
import { getPack, getSheetKind } from '../../core/templates/registry';
import { excelWouldReinterpret } from '../excel/cells';
import { toCell } from '../excel/grid-read';
import type { CellFix, ExcelPort, FixOutcome, HostCapabilities, Progress, SheetChange } from '../excel/port';
import { planTemplate, templateSheetName, uniqueSheetName, type TemplatePlan } from '../excel/template-plan';

/* The slice of the ET object model the port uses (WPS documents it in VBA terms). */
interface EtRange {
  Row: number;
  Column: number;
  Rows: { Count: number };
  Columns: { Count: number };
  Address(rowAbsolute?: boolean, columnAbsolute?: boolean): string;
  Interior: { Color: number; ColorIndex: number };
  Comment: { Text(): string; Delete(): void } | null;
  AddComment(text: string): unknown;
  Select(): unknown;
  Merge(): unknown;
  Validation: EtValidation;
  FormatConditions: { Add(type: number, operator: unknown, formula1: string): { Interior: { Color: number }; Font: { Color: number } } };
}
/** Excel VBA's Validation object, which ET follows. */
interface EtValidation {
  Add(type: number, alertStyle: number, operator: number, formula1: string): unknown;
  InputTitle: string;
  InputMessage: string;
  ErrorTitle: string;
  ErrorMessage: string;
  ShowInput: boolean;
  ShowError: boolean;
}
interface EtWorksheet {
  Name: string;
  Range(address: string): EtRange;
  UsedRange: EtRange;
  Activate(): unknown;
  Delete(): boolean | undefined;
  Protect(): unknown;
}
/** Office's DocumentProperties collection, which ET's workbook has (string values ≤ 255 characters). */
interface EtDocumentProperties {
  Count: number;
  Item(key: number | string): { Name: string; Value: unknown; Delete(): void };
  Add(name: string, linkToContent: boolean, type: number, value: unknown): unknown;
}
interface EtApplication {
  DisplayAlerts: boolean;
  ActiveWorkbook: {
    Worksheets: { Count: number; Item(key: number | string): EtWorksheet; Add(before?: unknown, after?: unknown): EtWorksheet };
    CustomDocumentProperties: EtDocumentProperties;
  };
  ApiEvent: {
    AddApiEventListener(name: string, fn: (sheet: EtWorksheet, target: EtRange) => void): void;
    RemoveApiEventListener(name: string, fn: (sheet: EtWorksheet, target: EtRange) => void): void;
  };
}

/** `obj.name`, or `obj.name()` on builds where the property is a method. */
export function prop<T>(obj: object, name: string): T {
  const v = (obj as Record<string, unknown>)[name];
  return (typeof v === 'function' ? (v as () => T).call(obj) : v) as T;
}

export function setProp(obj: object, name: string, value: unknown): void {
  const v = (obj as Record<string, unknown>)[name];
  if (typeof v === 'function') (v as (x: unknown) => void).call(obj, value);
  else (obj as Record<string, unknown>)[name] = value;
}

const XL_VALIDATE_LIST = 3;
const XL_VALIDATE_CUSTOM = 7;
const XL_BETWEEN = 1;
const XL_EXPRESSION = 2;
const ALERT_STYLE = { Stop: 1, Warning: 2, Information: 3 } as const;

/**
 * The plan's dropdowns and custom checks (the ID columns' 18 characters / check character / uniqueness) as ET
 * data validation, and its red marks as expression conditional formats: constants of Excel VBA's XlDVType,
 * XlDVAlertStyle and XlFormatConditionType, which ET shares.
 */
function writeChecks(ws: EtWorksheet, plan: TemplatePlan): void {
  for (const v of plan.validations) {
    const rule = v.rule as { custom?: { formula: string }; list?: { source: string } };
    const add = rule.custom ? ([XL_VALIDATE_CUSTOM, rule.custom.formula] as const) : rule.list ? ([XL_VALIDATE_LIST, rule.list.source] as const) : null;
    if (!add) continue;
    const dv = ws.Range(v.address).Validation;
    dv.Add(add[0], ALERT_STYLE[v.errorAlert?.style ?? 'Stop'], XL_BETWEEN, add[1]);
    if (v.prompt) {
      setProp(dv, 'ShowInput', v.prompt.showPrompt);
      setProp(dv, 'InputTitle', v.prompt.title);
      setProp(dv, 'InputMessage', v.prompt.message);
    }
    if (v.errorAlert) {
      setProp(dv, 'ShowError', v.errorAlert.showAlert);
      setProp(dv, 'ErrorTitle', v.errorAlert.title);
      setProp(dv, 'ErrorMessage', v.errorAlert.message);
    }
  }
  for (const cf of plan.conditionalFormats) {
    const condition = ws.Range(cf.address).FormatConditions.Add(XL_EXPRESSION, undefined, cf.formula);
    condition.Interior.Color = bgrOf(cf.fill);
    condition.Font.Color = bgrOf(cf.fontColor);
  }
}

/** `#RRGGBB` → the BGR long `Interior.Color` takes. */
export function bgrOf(hex: string): number {
  const n = parseInt(hex.replace('#', ''), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

const FILL = { error: bgrOf('#FFC7CE'), warning: bgrOf('#FFEB9C') } as const;
/** Same mark as the Excel port's notes: comments starting with it are the add-in's. */
const NOTE_MARK = '【验印】';
const XL_NONE = -4142;
const READ_CHUNK = 2_000;

type Scalar = string | number | boolean | undefined | null;

type Mark = { severity: 'error' | 'warning'; before: number | null };

/**
 * The port's memory of what it painted, kept in the workbook (like the Excel port's settings ledger) so a
 * reopened pane removes exactly its own highlights and puts back the clerk's fills. ET has no add-in
 * settings: custom document properties hold it, in pieces, since a string property holds at most 255
 * characters (airsheet.wps.cn, Workbook.CustomDocumentProperties). Per sheet name, cells grouped by
 * (severity, previous fill) as vertical runs: `e|-|D12:D14,F9;w|65280|C15`.
 */
const LEDGER_PREFIX = 'yanyin.highlights.';
const PIECE = 255;
const MSO_PROPERTY_TYPE_STRING = 4;

export function encodeMarks(marks: Map<string, Mark>): string {
  const groups = new Map<string, { row: number; column: number }[]>();
  for (const [address, m] of marks) {
    const p = parseA1(address);
    if (!p) continue;
    const key = `${m.severity === 'error' ? 'e' : 'w'}|${m.before ?? '-'}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups]
    .map(([key, cells]) => {
      cells.sort((a, b) => a.column - b.column || a.row - b.row);
      const runs: string[] = [];
      for (let i = 0; i < cells.length; ) {
        const first = cells[i] as { row: number; column: number };
        let j = i;
        while (j + 1 < cells.length && cells[j + 1]?.column === first.column && cells[j + 1]?.row === (cells[j]?.row ?? 0) + 1) j++;
        const last = cells[j] as { row: number };
        const a = `${columnLetters(first.column)}${first.row}`;
        runs.push(last.row === first.row ? a : `${a}:${columnLetters(first.column)}${last.row}`);
        i = j + 1;
      }
      return `${key}|${runs.join(',')}`;
    })
    .join(';');
}

export function decodeMarks(text: string): Map<string, Mark> {
  const out = new Map<string, Mark>();
  for (const group of text.split(';')) {
    const [sev, before, runs] = group.split('|');
    if (!runs) continue;
    const mark: Mark = { severity: sev === 'e' ? 'error' : 'warning', before: before === '-' || before === undefined ? null : Number(before) };
    for (const run of runs.split(',')) {
      const [a = '', b = a] = run.split(':');
      const p = parseA1(a);
      const q = parseA1(b);
      if (!p || !q) continue;
      for (let r = p.row; r <= q.row; r++) out.set(`${columnLetters(p.column)}${r}`, { ...mark });
    }
  }
  return out;
}

function valueType(v: Scalar): string {
  if (v === undefined || v === null || v === '') return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return 'String';
}

export function createWpsPort(app: () => EtApplication, options: { locale?: Locale } = {}): ExcelPort & { marks(sheet: string): Map<string, 'error' | 'warning'> } {
  const marks = new Map<string, Map<string, Mark>>();
  let own = 0;
  const owned = <T>(fn: () => T): T => {
    own++;
    try {
      return fn();
    } finally {
      own--;
    }
  };
  const sheets = () => app().ActiveWorkbook.Worksheets;
  const sheetNames = (): string[] => {
    const ws = sheets();
    return Array.from({ length: ws.Count }, (_, i) => prop<string>(ws.Item(i + 1), 'Name'));
  };
  const sheet = (name: string): EtWorksheet => sheets().Item(name);

  const grid2 = (v: unknown): Scalar[][] => (Array.isArray(v) ? (v as Scalar[][]) : [[v as Scalar]]);

  /** Rows [from, to] of the used columns; number formats per column, per cell only where a column mixes. */
  const readBlock = (ws: EtWorksheet, from: number, to: number, lastCol: number): (Cell | null)[][] => {
    const last = columnLetters(lastCol);
    const values = grid2(prop(ws.Range(`A${from}:${last}${to}`), 'Value2'));
    const formats: (string | null)[] = [];
    for (let c = 1; c <= lastCol; c++) formats.push(prop<string | null>(ws.Range(`${columnLetters(c)}${from}:${columnLetters(c)}${to}`), 'NumberFormat'));
    return values.map((row, i) => {
      const cells = row.map((v, j) => {
        const nf = formats[j] ?? prop<string>(ws.Range(`${columnLetters(j + 1)}${from + i}`), 'NumberFormat');
        return toCell(v === undefined ? null : v, valueType(v), nf);
      });
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      return cells;
    });
  };

  const usedSize = (ws: EtWorksheet): { rows: number; cols: number } => {
    const u = ws.UsedRange;
    return { rows: u.Row + u.Rows.Count - 1, cols: u.Column + u.Columns.Count - 1 };
  };

  const readSheet = (ws: EtWorksheet, from: number, to: number): (Cell | null)[][] => {
    const { cols } = usedSize(ws);
    const out: (Cell | null)[][] = [];
    for (let r = 1; r < from; r++) out.push([]);
    for (let a = from; a <= to; a += READ_CHUNK) out.push(...readBlock(ws, a, Math.min(to, a + READ_CHUNK - 1), cols));
    while (out.length > 0 && (out[out.length - 1] ?? []).length === 0) out.pop();
    return out;
  };

  const properties = () => app().ActiveWorkbook.CustomDocumentProperties;
  /** The ledger's pieces of one sheet, in order (`yanyin.highlights.<sheet>.<n>`). */
  const ledgerPieces = (s: string): { name: string; value: string; item: { Delete(): void } }[] => {
    const props = properties();
    const prefix = `${LEDGER_PREFIX}${s}.`;
    const out: { name: string; value: string; item: { Delete(): void }; n: number }[] = [];
    for (let i = 1; i <= props.Count; i++) {
      const item = props.Item(i);
      const name = prop<string>(item, 'Name');
      // Only `<prefix><digits>`: a sheet named `附件2.1` has pieces of its own.
      const rest = name.startsWith(prefix) ? name.slice(prefix.length) : '';
      if (/^\d+$/.test(rest)) out.push({ name, value: String(prop(item, 'Value')), item, n: Number(rest) });
    }
    return out.sort((a, b) => a.n - b.n);
  };
  const saveMarks = (s: string): void => {
    for (const piece of ledgerPieces(s)) piece.item.Delete();
    const text = encodeMarks(marks.get(s) ?? new Map());
    for (let i = 0; i * PIECE < text.length; i++)
      properties().Add(`${LEDGER_PREFIX}${s}.${i}`, false, MSO_PROPERTY_TYPE_STRING, text.slice(i * PIECE, (i + 1) * PIECE));
  };
  /** Sheets whose ledger the port knows from the workbook (every sheet, once asked). */
  const ledgerSheets = (): string[] => {
    const props = properties();
    const names = new Set<string>();
    for (let i = 1; i <= props.Count; i++) {
      const name = prop<string>(props.Item(i), 'Name');
      if (name.startsWith(LEDGER_PREFIX)) names.add(name.slice(LEDGER_PREFIX.length, name.lastIndexOf('.')));
    }
    return [...names];
  };

  const sheetMarks = (s: string) => {
    let m = marks.get(s);
    if (!m) marks.set(s, (m = decodeMarks(ledgerPieces(s).map((p) => p.value).join(''))));
    return m;
  };
  const knownSheets = (): string[] => [...new Set([...marks.keys(), ...ledgerSheets()])];

  const unmark = (ws: EtWorksheet, s: string, address: string): void => {
    const m = sheetMarks(s);
    const mark = m.get(address);
    const r = ws.Range(address);
    // A cell the clerk recoloured since keeps the clerk's colour.
    const ours = mark !== undefined && r.Interior.ColorIndex !== XL_NONE && r.Interior.Color === FILL[mark.severity];
    if (ours && mark.before != null) r.Interior.Color = mark.before;
    else if (ours) r.Interior.ColorIndex = XL_NONE;
    const comment = r.Comment;
    if (comment && comment.Text().startsWith(NOTE_MARK)) comment.Delete();
    m.delete(address);
  };

  const paint = (ws: EtWorksheet, s: string, address: string, list: Issue[]): void => {
    const severity = list.some((i) => i.severity === 'error') ? 'error' : 'warning';
    const r = ws.Range(address);
    const old = sheetMarks(s).get(address);
    const before = old ? old.before : r.Interior.ColorIndex === XL_NONE ? null : r.Interior.Color;
    r.Interior.Color = FILL[severity];
    const text = `${NOTE_MARK}${[...new Set(list.map((i) => issueMessage(i, options.locale)))].join('\n')}`;
    const comment = r.Comment;
    if (comment?.Text() !== text) {
      // The clerk's own comment stays: the message is then only in the pane.
      if (comment && comment.Text().startsWith(NOTE_MARK)) comment.Delete();
      if (!r.Comment) r.AddComment(text);
    }
    sheetMarks(s).set(address, { severity, before });
  };

  const repaint = (s: string, inRow: (row: number) => boolean, issues: Issue[]): void => {
    if (!sheetNames().includes(s)) return;
    const ws = sheet(s);
    const wanted = new Map<string, Issue[]>();
    for (const i of issues) {
      if (i.sheet !== s || !inRow(i.row) || i.row < 1 || i.column < 1) continue;
      const a = `${columnLetters(i.column)}${i.row}`;
      wanted.set(a, [...(wanted.get(a) ?? []), i]);
    }
    const before = encodeMarks(sheetMarks(s));
    for (const a of [...sheetMarks(s).keys()]) if (inRow(parseA1(a)?.row ?? 0) && !wanted.has(a)) unmark(ws, s, a);
    for (const [a, list] of wanted) paint(ws, s, a, list);
    if (encodeMarks(sheetMarks(s)) !== before) saveMarks(s);
  };

  /** Rows inserted (count > 0) or deleted (count < 0) at `row`: the memory follows the cells. */
  const shiftMarks = (s: string, row: number, count: number): void => {
    const moved = new Map<string, Mark>();
    for (const [a, m] of sheetMarks(s)) {
      const p = parseA1(a);
      if (!p) continue;
      if (p.row < row) moved.set(a, m);
      else if (count > 0) moved.set(`${columnLetters(p.column)}${p.row + count}`, m);
      else if (p.row >= row - count) moved.set(`${columnLetters(p.column)}${p.row + count}`, m);
    }
    marks.set(s, moved);
    owned(() => saveMarks(s));
  };

  const write = (ws: EtWorksheet, address: string, value: CellValue): void => {
    const r = ws.Range(address);
    if (typeof value === 'string' && excelWouldReinterpret(value)) setProp(r, 'NumberFormat', '@');
    setProp(r, 'Value2', value === null ? '' : value);
  };

  /**
   * Worksheet.Delete asks the user to confirm unless Application.DisplayAlerts is false (and returns false if
   * cancelled): off for the delete, then back as it was.
   */
  const deleteSilently = (ws: EtWorksheet): void => {
    const alerts = prop<boolean>(app(), 'DisplayAlerts');
    setProp(app(), 'DisplayAlerts', false);
    try {
      if ((ws.Delete() as boolean | undefined) === false) throw new Error('WPS 未能删除工作表。');
    } finally {
      setProp(app(), 'DisplayAlerts', alerts);
    }
  };

  const current = (ws: EtWorksheet, address: string): CellValue => {
    const r = ws.Range(address);
    const v = prop<Scalar>(r, 'Value2');
    return toCell(v === undefined ? null : v, valueType(v), prop<string>(r, 'NumberFormat'))?.value ?? null;
  };

  return {
    capabilities(): HostCapabilities {
      // Validation.Add writes the templates' dropdowns and ID checks (writeChecks).
      return { notes: true, batchedFormats: false, triggerSource: true, dataValidation: true };
    },

    async readWorkbook(onProgress?: (p: Progress) => void): Promise<WorkbookGrid> {
      const names = sheetNames();
      const out: SheetGrid[] = [];
      names.forEach((name, i) => {
        const ws = sheet(name);
        out.push({ name, rows: readSheet(ws, 1, usedSize(ws).rows) });
        onProgress?.({ done: i + 1, total: names.length });
      });
      return { sheets: out };
    },

    async readRows(s: string, fromRow: number, toRow: number): Promise<SheetGrid> {
      const rows = readSheet(sheet(s), fromRow, toRow);
      while (rows.length < toRow) rows.push([]);
      return { name: s, rows };
    },

    async showIssues(issues: Issue[], onProgress?: (p: Progress) => void): Promise<void> {
      owned(() => {
        for (const s of new Set([...knownSheets(), ...issues.map((i) => i.sheet)])) repaint(s, () => true, issues);
      });
      onProgress?.({ done: issues.length, total: issues.length });
    },

    async showIssuesForRows(s: string, fromRow: number, toRow: number, issues: Issue[]): Promise<void> {
      owned(() => repaint(s, (r) => r >= fromRow && r <= toRow, issues));
    },

    async clearHighlights(): Promise<void> {
      owned(() => {
        for (const s of knownSheets()) repaint(s, () => true, []);
      });
    },

    async selectCell(s: string, address: string): Promise<void> {
      const ws = sheet(s);
      ws.Activate();
      ws.Range(address).Select();
    },

    async applyFixes(fixes: CellFix[]): Promise<FixOutcome> {
      const stale: FixOutcome['stale'] = [];
      let applied = 0;
      owned(() => {
        for (const f of fixes) {
          const ws = sheet(f.sheet);
          if (current(ws, f.address) !== f.expected) stale.push({ sheet: f.sheet, address: f.address });
          else {
            write(ws, f.address, f.value);
            applied++;
          }
        }
      });
      return { applied, stale };
    },

    async setColumnsToText(s: string, columns: number[]): Promise<void> {
      const ws = sheet(s);
      const last = Math.max(1, usedSize(ws).rows);
      owned(() => {
        for (const c of columns) setProp(ws.Range(`${columnLetters(c)}1:${columnLetters(c)}${last}`), 'NumberFormat', '@');
      });
    },

    async insertTemplate(packId: string, kindId: string): Promise<string> {
      const pack = getPack(packId);
      if (!pack) throw new Error(`未知的模板包「${packId}」。`);
      const kind = getSheetKind(pack, kindId);
      if (!kind) throw new Error(`模板包「${pack.name}」中没有「${kindId}」。`);
      const plan = planTemplate(pack, kind, uniqueSheetName(templateSheetName(kind), sheetNames()));
      owned(() => {
        const wsList = sheets();
        const ws = wsList.Add(undefined, wsList.Item(wsList.Count));
        setProp(ws, 'Name', plan.sheetName);
        for (const area of plan.textRanges) setProp(ws.Range(area), 'NumberFormat', '@');
        const width = Math.max(1, ...plan.values.map((r) => r.length));
        const rows = plan.values.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
        setProp(ws.Range(`A1:${columnLetters(width)}${rows.length}`), 'Value2', rows);
        for (const area of plan.merges) ws.Range(area).Merge();
        writeChecks(ws, plan);
        ws.Activate();
      });
      return plan.sheetName;
    },

    async writeValues(s: string, cells: { address: string; value: CellValue }[]): Promise<void> {
      const ws = sheet(s);
      owned(() => {
        for (const c of cells) write(ws, c.address, c.value);
      });
    },

    async writeSheet(name: string, rows: CellValue[][], options?: { protect?: boolean }): Promise<void> {
      owned(() => {
        // The new sheet first: a workbook cannot lose its last sheet, and the old one holds the name until gone.
        const old = sheetNames().includes(name) ? sheet(name) : null;
        const wsList = sheets();
        const ws = wsList.Add(undefined, wsList.Item(wsList.Count));
        if (old) deleteSilently(old);
        marks.set(name, new Map());
        saveMarks(name);
        setProp(ws, 'Name', name);
        rows.forEach((row, r) => row.forEach((v, c) => v !== null && v !== '' && write(ws, `${columnLetters(c + 1)}${r + 1}`, v)));
        if (options?.protect) ws.Protect();
      });
    },

    async onChanged(handler: (changes: SheetChange[]) => void): Promise<() => Promise<void>> {
      // SheetChange names whole rows when rows are inserted or deleted but not which: the used range's
      // height, known from the event before, tells (it grows on insert, shrinks on delete).
      const heights = new Map(sheetNames().map((n) => [n, usedSize(sheet(n)).rows]));
      const listener = (sh: EtWorksheet, target: EtRange): void => {
        const name = prop<string>(sh, 'Name');
        const height = usedSize(sh).rows;
        const grew = height - (heights.get(name) ?? height);
        heights.set(name, height);
        if (own > 0) return;
        const address = target.Address(false, false).replace(/\$/g, '');
        const rows = /^(\d+):(\d+)$/.exec(address);
        let changeType: SheetChange['changeType'] = 'RangeEdited';
        if (rows) {
          const count = Number(rows[2]) - Number(rows[1]) + 1;
          changeType = grew === count ? 'RowInserted' : grew === -count ? 'RowDeleted' : 'Unknown';
          if (changeType !== 'Unknown') shiftMarks(name, Number(rows[1]), changeType === 'RowInserted' ? count : -count);
        }
        handler([{ sheet: name, address, changeType }]);
      };
      app().ApiEvent.AddApiEventListener('SheetChange', listener);
      return async () => app().ApiEvent.RemoveApiEventListener('SheetChange', listener);
    },

    marks(s: string) {
      return new Map([...(marks.get(s) ?? new Map())].map(([a, m]) => [a, m.severity]));
    },
  };
}
