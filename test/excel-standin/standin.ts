/**
 * The in-memory Excel stand-in: installs `Excel`, `Office` and `OfficeExtension` globals backed by a
 * workbook model, and offers a test API to build workbooks, act as the clerk (type, paste, insert and
 * delete rows, colour cells) and read back what Excel would show. No Node API: the same code is bundled
 * for browser pages by `browser-entry.ts`.
 */
import { formatArea, parseArea, splitSheet, type Rect } from './a1';
import { ClientObject, CommentCollection, normaliseColor, NoteCollection, RequestContext, setTyped } from './api';
import { Host, StandinError, type StandinConfig, type SyncStats } from './host';
import { apiValue, displayText, SheetModel, valueTypeOf, type Scalar, type ValueType } from './model';
import { moveCells, sortRows } from './clerk-moves';

export interface CellReadback {
  value: Scalar | null;
  valueType: ValueType;
  text: string;
  numberFormat: string;
  /** `#RRGGBB` or null (no fill). */
  fill: string | null;
  note: string | null;
  comment: string | null;
  bold: boolean;
}

export interface SheetInit {
  /** Number formats by 1-based column applied BEFORE the values are typed (e.g. `{ 4: '@' }`). */
  columnFormats?: Record<number, string>;
  /** 1-based row the first array row lands on (default 1). */
  startRow?: number;
}

type BatchFn<T> = (context: RequestContext) => Promise<T>;

export interface Standin {
  readonly host: Host;
  readonly config: StandinConfig;
  /** The globals, for installing elsewhere (a browser window). */
  readonly Excel: Record<string, unknown>;
  readonly Office: Record<string, unknown>;
  readonly OfficeExtension: Record<string, unknown>;
  install(target?: Record<string, unknown>): void;
  uninstall(target?: Record<string, unknown>): void;
  setMaxApi(version: string): void;

  /** Adds a sheet whose cells are TYPED as a clerk would (an 18-digit number in a General cell loses digits). */
  addSheet(name: string, rows: (Scalar | null)[][], init?: SheetInit): void;
  sheetNames(): string[];
  /** Read back one cell as Excel would show it. */
  cell(sheet: string, address: string): CellReadback;
  /** Every filled cell of the sheet: address → colour. */
  fills(sheet: string): Record<string, string>;
  notes(sheet: string): Record<string, string>;
  comments(sheet: string): Record<string, string>;
  /** Displayed texts of a rectangle (default: the used range). */
  texts(sheet: string, address?: string): string[][];
  values(sheet: string, address?: string): (Scalar | null)[][];
  merges(sheet: string): string[];
  validations(sheet: string): { address: string; rule: unknown; prompt?: unknown; errorAlert?: unknown }[];
  conditionalFormats(sheet: string): { address: string; type: string; formula?: string; fill?: string; fontColor?: string }[];
  isProtected(sheet: string): boolean;
  columnFormat(sheet: string, column: number): string | undefined;
  selection(): { sheet: string; address: string } | null;
  activeSheet(): string;
  settings(): Record<string, unknown>;

  // The clerk's actions; each fires onChanged like Excel (triggerSource 'Unknown').
  userEdit(sheet: string, address: string, value: Scalar | null | (Scalar | null)[][]): void;
  userPaste(sheet: string, topLeft: string, rows: (Scalar | null)[][]): void;
  userInsertRows(sheet: string, row: number, count?: number): void;
  userDeleteRows(sheet: string, row: number, count?: number): void;
  userFill(sheet: string, address: string, color: string | null): void;
  userNote(sheet: string, address: string, text: string): void;
  userComment(sheet: string, address: string, text: string): void;
  userFormat(sheet: string, address: string, numberFormat: string): void;
  /** The clerk selects cells: `onSelectionChanged` fires (ExcelApi 1.7 per sheet, 1.9 on the collection). */
  userSelect(sheet: string, address: string): void;
  /**
   * The clerk picks a value from a data-validation dropdown in the cell: the cell is selected, its value
   * changes, and NO onChanged fires (OfficeDev/office-js#420 on desktop, #3888 on the web).
   */
  userPick(sheet: string, address: string, value: Scalar): void;
  /**
   * The clerk sorts the rows of `address` by `column` (1-based): values, formats, fills, notes and comments
   * move with their rows. `onRowSorted` fires from ExcelApi 1.10 (office-js-docs-pr#1298), and onChanged
   * fires for the range as a multi-cell edit without details (office-js#5347).
   */
  userSort(sheet: string, address: string, column: number, descending?: boolean): void;
  /**
   * Cut/paste or drag-and-drop of `from` to the area starting at `toTopLeft`: the cells move with their
   * formats, fills, notes and comments; onChanged fires for the source and the destination, without
   * details (multi-cell edits and pastes carry none: office-js#5347, #5308).
   */
  userMove(sheet: string, from: string, toTopLeft: string): void;
  /** While true, `Excel.run({ delayForCellEdit: true })` waits (the clerk is typing in a cell). */
  setCellEditMode(on: boolean): void;

  /** Simulates closing and reopening the task pane: event registrations are dropped, the workbook stays. */
  reload(): void;
  /** Resolves once every queued onChanged event has been delivered. */
  eventsDelivered(): Promise<void>;
  readonly stats: SyncStats;
  resetStats(): void;
  /** Errors thrown by event handlers. */
  readonly handlerErrors: unknown[];
  /** URLs the add-in opened with `Office.context.ui.openBrowserWindow`, in order. */
  browserWindows(): string[];
}

function sheetOf(host: Host, name: string): SheetModel {
  const s = host.model.sheet(name);
  if (!s) throw new Error(`stand-in: no sheet named '${name}'`);
  return s;
}

function rectOf(address: string): Rect {
  const rect = parseArea(splitSheet(address).local);
  if (!rect) throw new Error(`stand-in: bad address '${address}'`);
  return rect;
}

export function createStandin(config: Partial<StandinConfig> = {}): Standin {
  const host = new Host(config);
  let runs = 0;
  let cellEditMode = false;
  let editWaiters: (() => void)[] = [];

  async function run<T>(a: unknown, b?: unknown): Promise<T> {
    let batch: BatchFn<T>;
    let ctx: RequestContext | undefined;
    let delay = false;
    let merge = false;
    if (typeof a === 'function') batch = a as BatchFn<T>;
    else {
      batch = b as BatchFn<T>;
      if (a instanceof RequestContext) ctx = a;
      else if (a instanceof ClientObject) ctx = a.context;
      else if (Array.isArray(a) && a[0] instanceof ClientObject) ctx = a[0].context;
      else if (a && typeof a === 'object' && 'context' in a && (a as { context: unknown }).context instanceof RequestContext)
        ctx = (a as { context: RequestContext }).context;
      else if (a && typeof a === 'object') {
        delay = (a as { delayForCellEdit?: boolean }).delayForCellEdit === true;
        merge = (a as { mergeUndoGroup?: boolean }).mergeUndoGroup === true;
      }
    }
    if (delay && cellEditMode) await new Promise<void>((resolve) => editWaiters.push(resolve));
    runs++;
    host.stats.runs++;
    const context = ctx ?? new RequestContext(host, runs, delay);
    if (!ctx) context.mergeUndoGroup = merge;
    const result = await batch(context);
    // Excel.run syncs whatever is still queued when the batch returns.
    await context.sync();
    return result;
  }

  const Excel: Record<string, unknown> = {
    run,
    RequestContext,
    ErrorCodes: Object.fromEntries(
      [
        'PropertyNotLoaded',
        'RequestPayloadSizeLimitExceeded',
        'ResponsePayloadSizeLimitExceeded',
        'ItemNotFound',
        'ItemAlreadyExists',
        'InvalidArgument',
        'InvalidReference',
        'ApiNotFound',
        'AccessDenied',
        'InvalidOperation',
        'GeneralException',
      ].map((c) => [c.charAt(0).toLowerCase() + c.slice(1), c]),
    ),
    RangeValueType: { unknown: 'Unknown', empty: 'Empty', string: 'String', integer: 'Integer', double: 'Double', boolean: 'Boolean', error: 'Error', richValue: 'RichValue' },
    ClearApplyTo: { all: 'All', formats: 'Formats', contents: 'Contents', hyperlinks: 'Hyperlinks', removeHyperlinks: 'RemoveHyperlinks' },
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    EventTriggerSource: { unknown: 'Unknown', thisLocalAddin: 'ThisLocalAddin' },
    DataChangeType: {
      unknown: 'Unknown',
      rangeEdited: 'RangeEdited',
      rowInserted: 'RowInserted',
      rowDeleted: 'RowDeleted',
      columnInserted: 'ColumnInserted',
      columnDeleted: 'ColumnDeleted',
      cellInserted: 'CellInserted',
      cellDeleted: 'CellDeleted',
    },
    EventSource: { local: 'Local', remote: 'Remote' },
    HorizontalAlignment: { general: 'General', left: 'Left', center: 'Center', right: 'Right' },
    VerticalAlignment: { top: 'Top', center: 'Center', bottom: 'Bottom' },
    BorderIndex: { edgeTop: 'EdgeTop', edgeBottom: 'EdgeBottom', edgeLeft: 'EdgeLeft', edgeRight: 'EdgeRight', insideVertical: 'InsideVertical', insideHorizontal: 'InsideHorizontal' },
    BorderLineStyle: { none: 'None', continuous: 'Continuous' },
  };

  // Proxy classes exist only in a library that implements them (`typeof Excel.NoteCollection`).
  for (const [name, cls, version] of [
    ['NoteCollection', NoteCollection, '1.18'],
    ['CommentCollection', CommentCollection, '1.10'],
  ] as const)
    Object.defineProperty(Excel, name, { enumerable: true, get: () => (host.libraryKnows(version) ? cls : undefined) });

  const OfficeExtension: Record<string, unknown> = {
    Error: StandinError,
    ClientObject,
  };

  const documentSettings = new Map<string, unknown>();
  const browserWindows: string[] = [];
  const Office: Record<string, unknown> = {
    HostType: { Excel: 'Excel', Word: 'Word' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }> {
      const info = { host: 'Excel', platform: host.config.platform };
      callback?.(info);
      return Promise.resolve(info);
    },
    context: {
      get partitionKey(): string {
        return host.config.partitionKey;
      },
      requirements: {
        isSetSupported(name: string, version?: string | number): boolean {
          // OpenBrowserWindowApi 1.1: Excel on Windows and Mac, not Excel on the web (learn.microsoft.com,
          // "Open Browser Window API requirement sets").
          if (name === 'OpenBrowserWindowApi') return host.config.platform !== 'OfficeOnline' && (version === undefined || Number(version) <= 1.1);
          if (name !== 'ExcelApi') return false;
          return host.supports(version === undefined ? '1.1' : String(version));
        },
      },
      diagnostics: {
        host: 'Excel',
        get platform(): string {
          return host.config.platform;
        },
        version: '16.0.0.0',
      },
      officeTheme: { isDarkTheme: false, bodyBackgroundColor: '#FFFFFF' },
      displayLanguage: 'zh-CN',
      document: {
        settings: {
          get: (k: string): unknown => documentSettings.get(k) ?? null,
          set: (k: string, v: unknown): void => void documentSettings.set(k, v),
          remove: (k: string): void => void documentSettings.delete(k),
          saveAsync: (cb?: (r: { status: string }) => void): void => cb?.({ status: 'succeeded' }),
        },
      },
      ui: {
        // Office.context.ui.openBrowserWindow(url): opens the URL in the system's default browser, returns
        // nothing; where OpenBrowserWindowApi is not supported (Excel on the web) the method is not there
        // (learn.microsoft.com, office-js reference: Office.UI openBrowserWindow). The stand-in records it.
        get openBrowserWindow(): ((url: string) => void) | undefined {
          if (host.config.platform === 'OfficeOnline') return undefined;
          return (url: string): void => {
            if (!/^https?:\/\//.test(url)) throw new StandinError('InvalidArgument', 'openBrowserWindow needs an absolute http(s) URL.');
            browserWindows.push(url);
          };
        },
        displayDialogAsync: (_url: string, _o: unknown, cb?: (r: { status: string; error: { message: string } }) => void): void =>
          cb?.({ status: 'failed', error: { message: 'Dialogs are not available in the stand-in.' } }),
      },
    },
  };

  const fire = (sheet: SheetModel, rect: Rect, changeType: string, before?: ReturnType<SheetModel['get']>): void => {
    let details;
    if (rect.r1 === rect.r2 && rect.c1 === rect.c2 && changeType === 'RangeEdited') {
      const after = sheet.get(rect.r1, rect.c1);
      details = { valueAfter: apiValue(after), valueBefore: apiValue(before), valueTypeAfter: valueTypeOf(after), valueTypeBefore: valueTypeOf(before) };
    }
    host.fireChanged(sheet, rect, changeType, false, details);
    host.changed();
  };

  const readRect = (sheet: SheetModel, address?: string): Rect => (address ? rectOf(address) : (sheet.usedRect(false) ?? { r1: 1, c1: 1, r2: 1, c2: 1 }));

  const standin: Standin = {
    host,
    get config() {
      return host.config;
    },
    Excel,
    Office,
    OfficeExtension,
    install(target = globalThis as unknown as Record<string, unknown>) {
      target.Excel = Excel;
      target.Office = Office;
      target.OfficeExtension = OfficeExtension;
    },
    uninstall(target = globalThis as unknown as Record<string, unknown>) {
      delete target.Excel;
      delete target.Office;
      delete target.OfficeExtension;
    },
    setMaxApi(version) {
      host.config = { ...host.config, maxApi: version };
    },

    addSheet(name, rows, init = {}) {
      if (host.model.sheet(name)) throw new Error(`stand-in: sheet '${name}' exists`);
      const sheet = host.model.addSheet(name);
      for (const [col, nf] of Object.entries(init.columnFormats ?? {})) sheet.columnFormats.set(Number(col), nf);
      const start = init.startRow ?? 1;
      rows.forEach((row, i) => row.forEach((v, j) => setTyped(sheet, start + i, j + 1, v)));
      host.changed();
    },
    sheetNames: () => host.model.sheets.map((s) => s.name),
    cell(sheetName, address) {
      const sheet = sheetOf(host, sheetName);
      const { r1, c1 } = rectOf(address);
      const c = sheet.get(r1, c1);
      const nf = sheet.numberFormatAt(r1, c1);
      const k = SheetModel.key(r1, c1);
      return {
        value: c?.error ?? c?.value ?? null,
        valueType: valueTypeOf(c),
        text: displayText(c, nf),
        numberFormat: nf,
        fill: c?.fill ?? null,
        note: sheet.notes.get(k)?.content ?? null,
        comment: sheet.comments.get(k)?.content ?? null,
        bold: c?.font?.bold ?? false,
      };
    },
    fills(sheetName) {
      const sheet = sheetOf(host, sheetName);
      const out: Record<string, string> = {};
      for (const [k, c] of sheet.cells) {
        if (!c.fill) continue;
        const { row, column } = SheetModel.unkey(k);
        out[formatArea({ r1: row, c1: column, r2: row, c2: column })] = c.fill;
      }
      return out;
    },
    notes(sheetName) {
      const sheet = sheetOf(host, sheetName);
      const out: Record<string, string> = {};
      for (const [k, n] of sheet.notes) {
        const { row, column } = SheetModel.unkey(k);
        out[formatArea({ r1: row, c1: column, r2: row, c2: column })] = n.content;
      }
      return out;
    },
    comments(sheetName) {
      const sheet = sheetOf(host, sheetName);
      const out: Record<string, string> = {};
      for (const [k, n] of sheet.comments) {
        const { row, column } = SheetModel.unkey(k);
        out[formatArea({ r1: row, c1: column, r2: row, c2: column })] = n.content;
      }
      return out;
    },
    texts(sheetName, address) {
      const sheet = sheetOf(host, sheetName);
      const rect = readRect(sheet, address);
      const out: string[][] = [];
      for (let r = rect.r1; r <= rect.r2; r++) {
        const row: string[] = [];
        for (let c = rect.c1; c <= rect.c2; c++) row.push(displayText(sheet.get(r, c), sheet.numberFormatAt(r, c)));
        out.push(row);
      }
      return out;
    },
    values(sheetName, address) {
      const sheet = sheetOf(host, sheetName);
      const rect = readRect(sheet, address);
      const out: (Scalar | null)[][] = [];
      for (let r = rect.r1; r <= rect.r2; r++) {
        const row: (Scalar | null)[] = [];
        for (let c = rect.c1; c <= rect.c2; c++) row.push(sheet.get(r, c)?.value ?? null);
        out.push(row);
      }
      return out;
    },
    merges: (sheetName) => sheetOf(host, sheetName).merges.map(formatArea),
    validations: (sheetName) =>
      sheetOf(host, sheetName).validations.map((v) => ({ address: formatArea(v.rect), rule: v.rule, prompt: v.prompt, errorAlert: v.errorAlert })),
    conditionalFormats: (sheetName) => sheetOf(host, sheetName).conditionalFormats.map(({ rect, ...rest }) => ({ address: formatArea(rect), ...rest })),
    isProtected: (sheetName) => sheetOf(host, sheetName).protected,
    columnFormat: (sheetName, column) => sheetOf(host, sheetName).columnFormats.get(column),
    selection() {
      const sel = host.model.selection;
      const sheet = sel ? host.model.sheetById(sel.sheetId) : undefined;
      return sel && sheet ? { sheet: sheet.name, address: formatArea(sel.rect) } : null;
    },
    activeSheet: () => host.model.sheetById(host.model.activeSheetId)?.name ?? '',
    settings: () => Object.fromEntries(host.model.settings),

    userEdit(sheetName, address, value) {
      host.undoLog.push({ by: 'clerk' });
      const sheet = sheetOf(host, sheetName);
      const rect = rectOf(address);
      if (sheet.protected) throw new StandinError('AccessDenied', 'The sheet is protected.');
      const before = rect.r1 === rect.r2 && rect.c1 === rect.c2 ? { ...(sheet.get(rect.r1, rect.c1) ?? { value: null }) } : undefined;
      for (let r = rect.r1; r <= rect.r2; r++)
        for (let c = rect.c1; c <= rect.c2; c++) {
          const v = Array.isArray(value) ? (value[r - rect.r1]?.[c - rect.c1] ?? null) : value;
          setTyped(sheet, r, c, v);
        }
      fire(sheet, rect, 'RangeEdited', before);
    },
    userPaste(sheetName, topLeft, rows) {
      const sheet = sheetOf(host, sheetName);
      const { r1, c1 } = rectOf(topLeft);
      const width = Math.max(1, ...rows.map((r) => r.length));
      rows.forEach((row, i) => row.forEach((v, j) => setTyped(sheet, r1 + i, c1 + j, v)));
      fire(sheet, { r1, c1, r2: r1 + Math.max(rows.length, 1) - 1, c2: c1 + width - 1 }, 'RangeEdited');
    },
    userInsertRows(sheetName, row, count = 1) {
      const sheet = sheetOf(host, sheetName);
      sheet.shiftRows(row, count);
      fire(sheet, { r1: row, c1: 1, r2: row + count - 1, c2: 16_384 }, 'RowInserted');
    },
    userDeleteRows(sheetName, row, count = 1) {
      const sheet = sheetOf(host, sheetName);
      sheet.shiftRows(row, -count);
      fire(sheet, { r1: row, c1: 1, r2: row + count - 1, c2: 16_384 }, 'RowDeleted');
    },
    userFill(sheetName, address, color) {
      const sheet = sheetOf(host, sheetName);
      const rect = rectOf(address);
      for (let r = rect.r1; r <= rect.r2; r++)
        for (let c = rect.c1; c <= rect.c2; c++) {
          if (color) sheet.cell(r, c).fill = normaliseColor(color);
          else delete sheet.cell(r, c).fill;
        }
      host.changed();
    },
    userNote(sheetName, address, text) {
      const sheet = sheetOf(host, sheetName);
      const { r1, c1 } = rectOf(address);
      sheet.notes.set(SheetModel.key(r1, c1), { content: text, author: 'clerk' });
      host.changed();
    },
    userComment(sheetName, address, text) {
      const sheet = sheetOf(host, sheetName);
      const { r1, c1 } = rectOf(address);
      sheet.comments.set(SheetModel.key(r1, c1), { id: `{clerk-${r1}-${c1}}`, content: text, author: 'clerk', resolved: false });
      host.changed();
    },
    userFormat(sheetName, address, numberFormat) {
      const sheet = sheetOf(host, sheetName);
      const rect = rectOf(address);
      if (rect.r1 === 1 && rect.r2 === 1_048_576) for (let c = rect.c1; c <= rect.c2; c++) sheet.columnFormats.set(c, numberFormat);
      else for (let r = rect.r1; r <= rect.r2; r++) for (let c = rect.c1; c <= rect.c2; c++) sheet.cell(r, c).numberFormat = numberFormat;
      host.changed();
    },
    userSelect(sheetName, address) {
      const sheet = sheetOf(host, sheetName);
      const rect = rectOf(address);
      host.model.activeSheetId = sheet.id;
      host.model.selection = { sheetId: sheet.id, rect };
      host.fireSheetEvent('selectionChanged', sheet, rect);
    },
    userPick(sheetName, address, value) {
      const sheet = sheetOf(host, sheetName);
      const rect = rectOf(address);
      const sel = host.model.selection;
      if (!sel || sel.sheetId !== sheet.id || formatArea(sel.rect) !== formatArea(rect)) standin.userSelect(sheetName, address);
      host.undoLog.push({ by: 'clerk' });
      setTyped(sheet, rect.r1, rect.c1, value);
      host.changed();
    },
    userSort(sheetName, address, column, descending = false) {
      host.undoLog.push({ by: 'clerk' });
      const sheet = sheetOf(host, sheetName);
      const rect = rectOf(address);
      sortRows(sheet, rect, column, descending);
      if (host.supports('1.10')) host.fireSheetEvent('rowSorted', sheet, rect);
      host.fireChanged(sheet, rect, 'RangeEdited', false);
      host.changed();
    },
    userMove(sheetName, from, toTopLeft) {
      host.undoLog.push({ by: 'clerk' });
      const sheet = sheetOf(host, sheetName);
      const src = rectOf(from);
      const to = rectOf(toTopLeft);
      const dest = moveCells(sheet, src, { row: to.r1, column: to.c1 });
      host.fireChanged(sheet, src, 'RangeEdited', false);
      host.fireChanged(sheet, dest, 'RangeEdited', false);
      host.changed();
    },
    setCellEditMode(on) {
      cellEditMode = on;
      if (!on) {
        const waiters = editWaiters;
        editWaiters = [];
        for (const w of waiters) w();
      }
    },

    reload() {
      for (const r of host.registrations) r.active = false;
      host.registrations = [];
      host.generation++;
    },
    eventsDelivered: () => host.eventsDelivered(),
    get stats() {
      return host.stats;
    },
    resetStats: () => host.resetStats(),
    get handlerErrors() {
      return host.handlerErrors;
    },
    browserWindows: () => [...browserWindows],
  };
  return standin;
}
