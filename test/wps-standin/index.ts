/**
 * An in-memory stand-in for WPS 表格's JS add-in API (the ET object model), built only from what WPS
 * documents, so the WPS port can be tested where WPS cannot run. What it does on purpose, like WPS:
 *
 * - Everything is synchronous: no `sync()`, no proxies (WPS 加载项开发说明: "WPS 加载项 API … 集中在
 *   window.wps 对象下", calls return values directly; open.wps.cn, wps-addin-development-instructions).
 * - Collections are 1-based and read through `Item(n | name)` with `Count`, as in the ET/VBA model
 *   (`Application.ActiveWorkbook.Worksheets.Item(1)`).
 * - `Range.Value2` is the cell's stored value without date/currency conversion: a scalar for one cell, a
 *   2-D array (rows × columns) for several; empty cells are `undefined`. An 18-digit ID typed into a
 *   General cell is stored as a double (digits after the 15th lost), exactly as Excel.
 * - `Range.NumberFormat` is the format of a uniform range, `null` when the cells differ (VBA semantics).
 * - `Interior.Color` is a BGR long (`0xBBGGRR`); `xlNone` fill is `Interior.ColorIndex = -4142`.
 * - Comments: `Range.AddComment(text)`, `Range.Comment` (null or an object with `Text()` and `Delete()`).
 * - `Range.Validation.Add(Type, AlertStyle, Operator, Formula1)` then `InputTitle`, `InputMessage`, `ErrorTitle`,
 *   `ErrorMessage`, `ShowInput`, `ShowError`; `Add` on a range that already has a rule fails (VBA's error 1004:
 *   `Delete` first). `Range.FormatConditions.Add(Type, Operator, Formula1)` returns a condition whose
 *   `Interior.Color` / `Font.Color` (BGR) are set (solution.wps.cn "条件格式(FormatConditions)"; the ET model
 *   follows Excel VBA's Validation and FormatCondition objects).
 * - Events: `Application.ApiEvent.AddApiEventListener('SheetChange', fn(Sh, Target))`, and the add-in's
 *   own writes fire it too (WPS has no trigger source).
 * - Strict where the ET/VBA model fails (each cited where it is enforced below): `Worksheet.Delete` asks the
 *   user unless `Application.DisplayAlerts` is false, and the last sheet cannot be deleted; sheet names are
 *   unique (case-insensitive), ≤ 31 characters, without `[]:*?/\`; `Range.Select` needs its sheet active;
 *   `AddComment` takes one cell; a protected sheet refuses writes; `Range.Address()` is absolute
 *   (`$A$1`) unless asked otherwise; `Worksheets.Add` activates the new sheet.
 * - "Properties that are methods in some builds": with `methodProperties: true`, `Value2`, `NumberFormat`
 *   and `Name` must be called (`r.Value2()`), as older WPS builds expose them (prior art:
 *   tmustier/pi-for-excel `src/host/wps/jsapi.ts`, see shared/notes/real-hosts.md). `Address` is always a
 *   method, as in VBA (it takes RowAbsolute/ColumnAbsolute arguments).
 */
import { columnLetters, parseA1 } from '../../core/grid/address';

type Scalar = string | number | boolean | undefined;

interface StoredCell {
  value: Scalar;
  format: string;
  color: number | null;
  comment: string | null;
}

export interface WpsStandinOptions {
  methodProperties?: boolean;
}

export interface SheetChangeListener {
  (sheet: WpsWorksheet, target: WpsRange): void;
}

export class WpsStandin {
  readonly sheets: WpsWorksheet[] = [];
  readonly listeners = new Set<SheetChangeListener>();
  /** The workbook's custom document properties, in order (saved with the file). */
  readonly documentProperties: { name: string; value: unknown }[] = [];
  selection: { sheet: string; address: string } | null = null;
  /** The sheet `Activate()` last showed (the first sheet until then). */
  active: string | null = null;
  /** `Application.DisplayAlerts`: true by default, as in Excel VBA. */
  displayAlerts = true;
  /** Confirmation dialogs WPS would have shown (and the clerk would have had to answer). */
  readonly dialogs: string[] = [];
  calls = 0;
  constructor(readonly options: WpsStandinOptions = {}) {}

  /** The global `Application` WPS gives an ET add-in. */
  get application(): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the object literal below has getters of its own `this`
    const standin = this;
    const workbook = {
      get Worksheets() {
        return {
          get Count() {
            return standin.sheets.length;
          },
          Item(key: number | string) {
            standin.calls++;
            const ws = typeof key === 'number' ? standin.sheets[key - 1] : standin.sheets.find((s) => s.name === key);
            if (!ws) throw new Error(`Worksheets.Item(${String(key)}): 下标越界`);
            return ws.api();
          },
          // Worksheets.Add (airsheet.wps.cn Worksheets/方法/Add; learn.microsoft.com excel.sheets.add): the new
          // sheet gets a free default name and becomes the active sheet.
          Add(_before?: unknown, after?: { __sheet?: WpsWorksheet }) {
            let n = standin.sheets.length + 1;
            while (standin.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n++;
            const ws = new WpsWorksheet(standin, `Sheet${n}`);
            const at = after?.__sheet ? standin.sheets.indexOf(after.__sheet) + 1 : standin.sheets.length;
            standin.sheets.splice(at, 0, ws);
            standin.active = ws.name;
            return ws.api();
          },
        };
      },
    };
    Object.defineProperty(workbook, 'CustomDocumentProperties', { get: () => this.customDocumentProperties(), enumerable: true });
    const application: Record<string, unknown> = {
      ActiveWorkbook: workbook,
      ApiEvent: {
        AddApiEventListener(name: string, fn: SheetChangeListener) {
          if (name === 'SheetChange') standin.listeners.add(fn);
        },
        RemoveApiEventListener(name: string, fn: SheetChangeListener) {
          if (name === 'SheetChange') standin.listeners.delete(fn);
        },
      },
    };
    Object.defineProperty(application, 'DisplayAlerts', {
      get: () => standin.displayAlerts,
      set: (v: boolean) => void (standin.displayAlerts = v),
      enumerable: true,
    });
    return application;
  }

  /**
   * `Workbook.CustomDocumentProperties` (airsheet.wps.cn, Workbook/属性/CustomDocumentProperties): `Count`,
   * `Item(name | index)` (1-based), `Add(Name, LinkToContent, Type, Value)`; a string property holds at most
   * 255 characters. As in Office's DocumentProperties.Add, a name that exists is refused, and `Item` of an
   * unknown name fails (learn.microsoft.com, office.documentproperties.add / .item).
   */
  customDocumentProperties(): unknown {
    const list = this.documentProperties;
    const m = this.options.methodProperties === true;
    const item = (p: { name: string; value: unknown }) => {
      const o: Record<string, unknown> = { Delete: () => void list.splice(list.indexOf(p), 1) };
      if (m) {
        o.Name = () => p.name;
        o.Value = () => p.value;
      } else {
        Object.defineProperty(o, 'Name', { get: () => p.name, enumerable: true });
        Object.defineProperty(o, 'Value', { get: () => p.value, set: (v: unknown) => void (p.value = v), enumerable: true });
      }
      return o;
    };
    return {
      get Count() {
        return list.length;
      },
      Item(key: number | string) {
        const p = typeof key === 'number' ? list[key - 1] : list.find((x) => x.name === key);
        if (!p) throw new Error(`CustomDocumentProperties.Item(${String(key)}): 无效的参数`);
        return item(p);
      },
      Add(name: string, _linkToContent: boolean, type: number, value: unknown) {
        if (list.some((x) => x.name === name)) throw new Error(`CustomDocumentProperties.Add: 属性「${name}」已存在`);
        if (type === 4 && String(value).length > 255) throw new Error('CustomDocumentProperties.Add: 字符串属性不能超过 255 个字符');
        const p = { name, value };
        list.push(p);
        return item(p);
      },
    };
  }

  addSheet(name: string, rows: Scalar[][], formats: Record<number, string> = {}): WpsWorksheet {
    const ws = new WpsWorksheet(this, name);
    rows.forEach((row, r) =>
      row.forEach((value, c) => {
        const cell = ws.cell(r + 1, c + 1, true);
        cell.format = formats[c + 1] ?? 'General';
        cell.value = storeTyped(value, cell.format);
      }),
    );
    for (const [col, fmt] of Object.entries(formats)) ws.columnFormats.set(Number(col), fmt);
    this.sheets.push(ws);
    return ws;
  }

  sheet(name: string): WpsWorksheet {
    const ws = this.sheets.find((s) => s.name === name);
    if (!ws) throw new Error(`no sheet ${name}`);
    return ws;
  }

  /** The clerk types into a cell: stored as WPS would parse it, then SheetChange fires. */
  userEdit(sheet: string, address: string, typed: Scalar): void {
    const ws = this.sheet(sheet);
    const p = parseA1(address);
    if (!p) throw new Error(address);
    const cell = ws.cell(p.row, p.column, true);
    cell.value = storeTyped(typed, cell.format);
    this.fire(ws, address);
  }

  /** The clerk inserts whole rows: cells move down, SheetChange fires with the new rows' address. */
  userInsertRows(sheet: string, row: number, count: number): void {
    const ws = this.sheet(sheet);
    ws.rows.splice(row - 1, 0, ...Array.from({ length: count }, (): (StoredCell | undefined)[] => []));
    this.fire(ws, `${row}:${row + count - 1}`);
  }

  /** The task pane is closed and opened again: its page (and its event listeners) are gone, the workbook stays. */
  reload(): void {
    this.listeners.clear();
  }

  /** The clerk deletes whole rows: cells move up, SheetChange fires with the rows' address. */
  userDeleteRows(sheet: string, row: number, count: number): void {
    const ws = this.sheet(sheet);
    ws.rows.splice(row - 1, count);
    this.fire(ws, `${row}:${row + count - 1}`);
  }

  fire(ws: WpsWorksheet, address: string): void {
    for (const l of [...this.listeners]) l(ws.api() as unknown as WpsWorksheet, ws.range(address).api() as unknown as WpsRange);
  }
}

/** What a typed or written value becomes in a cell with this format (text format keeps strings). */
function storeTyped(value: Scalar, format: string): Scalar {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || format === '@') return value;
  const t = value.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return Number(Number(t).toPrecision(15));
  return value;
}

export interface WpsValidation {
  address: string;
  type: number;
  alertStyle: number;
  formula1: string;
  inputTitle?: string;
  inputMessage?: string;
  errorTitle?: string;
  errorMessage?: string;
  showInput?: boolean;
  showError?: boolean;
}

export interface WpsFormatCondition {
  address: string;
  type: number;
  formula1: string;
  interiorColor?: number;
  fontColor?: number;
}

export class WpsWorksheet {
  rows: (StoredCell | undefined)[][] = [];
  validations: WpsValidation[] = [];
  formatConditions: WpsFormatCondition[] = [];
  columnFormats = new Map<number, string>();
  merges: string[] = [];
  protectedSheet = false;
  constructor(
    readonly standin: WpsStandin,
    public name: string,
  ) {}

  cell(row: number, column: number, create = false): StoredCell {
    let r = this.rows[row - 1];
    if (!r) {
      r = [];
      if (create) this.rows[row - 1] = r;
    }
    let c = r[column - 1];
    if (!c) {
      c = { value: undefined, format: this.columnFormats.get(column) ?? 'General', color: null, comment: null };
      if (create) r[column - 1] = c;
    }
    return c;
  }

  range(address: string): WpsRange {
    const [a = '', b] = address.replace(/\$/g, '').split(':');
    const rowsOnly = /^\d+$/.test(a);
    const p = rowsOnly ? { row: Number(a), column: 1 } : parseA1(a);
    const q = b ? (rowsOnly ? { row: Number(b), column: 16_384 } : parseA1(b)) : p;
    if (!p || !q) throw new Error(`Range("${address}"): 无效的引用`);
    return new WpsRange(this, p.row, p.column, q.row, q.column);
  }

  usedRange(): WpsRange {
    let lastRow = 0;
    let lastCol = 0;
    this.rows.forEach((r, i) =>
      r?.forEach((c, j) => {
        if (c && (c.value !== undefined || c.format !== 'General')) {
          lastRow = Math.max(lastRow, i + 1);
          lastCol = Math.max(lastCol, j + 1);
        }
      }),
    );
    return new WpsRange(this, 1, 1, Math.max(1, lastRow), Math.max(1, lastCol));
  }

  api(): Record<string, unknown> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the object literal below has getters of its own `this`
    const ws = this;
    const m = ws.standin.options.methodProperties === true;
    const name = m ? (v?: string) => (v === undefined ? ws.name : ws.rename(v)) : undefined;
    const o: Record<string, unknown> = {
      __sheet: ws,
      Range: (address: string) => {
        ws.standin.calls++;
        return ws.range(address).api();
      },
      get UsedRange() {
        return ws.usedRange().api();
      },
      Activate: () => {
        ws.standin.active = ws.name;
      },
      // Worksheet.Delete shows a confirmation dialog unless Application.DisplayAlerts is false, and returns
      // false if it is cancelled (learn.microsoft.com excel.worksheet.delete, which ET follows); a workbook
      // keeps at least one sheet (VBA error 1004). Here the dialog is recorded and answered "cancel".
      Delete: () => {
        if (ws.standin.sheets.length === 1) throw new Error('Worksheet.Delete: 工作簿中至少要含有一张可视工作表');
        if (ws.standin.displayAlerts) {
          ws.standin.dialogs.push(`删除工作表「${ws.name}」？`);
          return false;
        }
        ws.standin.sheets.splice(ws.standin.sheets.indexOf(ws), 1);
        if (ws.standin.active === ws.name) ws.standin.active = ws.standin.sheets[0]?.name ?? null;
        return true;
      },
      Protect: () => {
        ws.protectedSheet = true;
      },
    };
    Object.defineProperty(o, 'Name', {
      get: () => name ?? ws.name,
      set: (v: string) => ws.rename(v),
      enumerable: true,
    });
    return o;
  }

  /**
   * Worksheet.Name: at most 31 characters, none of `[]:*?/\`, not empty, and unique in the workbook ignoring
   * case — WPS and Excel refuse the rename otherwise (learn.microsoft.com excel.worksheet.name; VBA error 1004).
   */
  rename(v: string): void {
    const taken = this.standin.sheets.some((s) => s !== this && s.name.toLowerCase() === v.toLowerCase());
    if (!v || v.length > 31 || /[[\]:*?/\\]/.test(v) || taken) throw new Error(`Worksheet.Name = "${v}": 工作表名称无效或已被使用`);
    if (this.standin.active === this.name) this.standin.active = v;
    this.name = v;
  }

  /** A protected sheet refuses changes to its cells (Worksheet.Protect; VBA error 1004). */
  assertWritable(): void {
    if (this.protectedSheet) throw new Error(`工作表「${this.name}」受保护，无法更改`);
  }
}

const toBgr = (c: number | null): number | null => c;

export class WpsRange {
  constructor(
    readonly ws: WpsWorksheet,
    readonly top: number,
    readonly left: number,
    readonly bottom: number,
    readonly right: number,
  ) {}

  private each(fn: (cell: StoredCell, r: number, c: number) => void, create = true): void {
    const right = Math.min(this.right, this.ws.rows.reduce((n, r) => Math.max(n, r?.length ?? 0), this.left));
    const cols = this.right === 16_384 ? right : this.right;
    for (let r = this.top; r <= this.bottom; r++) for (let c = this.left; c <= cols; c++) fn(this.ws.cell(r, c, create), r, c);
  }

  address(rowAbsolute = false, columnAbsolute = false): string {
    const r = rowAbsolute ? '$' : '';
    const c = columnAbsolute ? '$' : '';
    if (this.left === 1 && this.right === 16_384) return `${r}${this.top}:${r}${this.bottom}`;
    const a = `${c}${columnLetters(this.left)}${r}${this.top}`;
    const b = `${c}${columnLetters(this.right)}${r}${this.bottom}`;
    return a === b ? a : `${a}:${b}`;
  }

  getValue2(): unknown {
    if (this.top === this.bottom && this.left === this.right) return this.ws.cell(this.top, this.left).value;
    const out: Scalar[][] = [];
    for (let r = this.top; r <= this.bottom; r++) {
      const row: Scalar[] = [];
      for (let c = this.left; c <= this.right; c++) row.push(this.ws.cell(r, c).value);
      out.push(row);
    }
    return out;
  }

  setValue2(v: unknown): void {
    this.ws.assertWritable();
    const rows = Array.isArray(v) ? (v as Scalar[][]) : null;
    this.each((cell, r, c) => {
      const value = rows ? rows[r - this.top]?.[c - this.left] : (v as Scalar);
      cell.value = storeTyped(value, cell.format);
    });
    // WPS raises SheetChange for writes made through the API too.
    this.ws.standin.fire(this.ws, this.address());
  }

  setNumberFormat(v: string): void {
    this.ws.assertWritable();
    this.each((c) => (c.format = v));
  }

  getNumberFormat(): string | null {
    const seen = new Set<string>();
    for (let r = this.top; r <= this.bottom; r++) for (let c = this.left; c <= this.right; c++) seen.add(this.ws.cell(r, c).format);
    return seen.size === 1 ? ([...seen][0] ?? null) : null;
  }

  api(): Record<string, unknown> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the object literal below has getters of its own `this`
    const range = this;
    const m = range.ws.standin.options.methodProperties === true;
    const o: Record<string, unknown> = {
      Row: range.top,
      Column: range.left,
      Rows: { Count: range.bottom - range.top + 1 },
      Columns: { Count: range.right - range.left + 1 },
      // Range.Address(RowAbsolute = true, ColumnAbsolute = true): `$A$1` unless asked otherwise
      // (learn.microsoft.com excel.range.address; airsheet.wps.cn Range/属性/Address).
      Address: (rowAbsolute = true, columnAbsolute = true) => range.address(rowAbsolute !== false, columnAbsolute !== false),
      Interior: {
        get Color() {
          return toBgr(range.ws.cell(range.top, range.left).color) ?? 0xffffff;
        },
        set Color(v: number) {
          range.ws.assertWritable();
          range.each((c) => (c.color = v));
        },
        get ColorIndex() {
          return range.ws.cell(range.top, range.left).color === null ? -4142 : 0;
        },
        set ColorIndex(v: number) {
          range.ws.assertWritable();
          if (v === -4142) range.each((c) => (c.color = null));
        },
      },
      get Comment() {
        const cell = range.ws.cell(range.top, range.left);
        if (cell.comment === null) return null;
        return { Text: () => cell.comment, Delete: () => (cell.comment = null) };
      },
      // Range.AddComment: one comment per cell, on a single cell (learn.microsoft.com excel.range.addcomment:
      // an error if the cell has a comment already; VBA error 1004 on a multi-cell range).
      AddComment: (text: string) => {
        range.ws.assertWritable();
        if (range.top !== range.bottom || range.left !== range.right) throw new Error('AddComment: 只能为单个单元格添加批注');
        const cell = range.ws.cell(range.top, range.left, true);
        if (cell.comment !== null) throw new Error('AddComment: 该单元格已有批注');
        cell.comment = text;
      },
      // Range.Select works on the active sheet only (learn.microsoft.com excel.range.select: "Select method
      // of Range class failed" otherwise): activate the sheet first.
      Select: () => {
        const active = range.ws.standin.active ?? range.ws.standin.sheets[0]?.name;
        if (active !== range.ws.name) throw new Error('Range.Select: 选择区域的工作表不是活动工作表');
        range.ws.standin.selection = { sheet: range.ws.name, address: range.address() };
      },
      Merge: () => void range.ws.merges.push(range.address()),
      get Validation() {
        const address = range.address();
        const found = (): WpsValidation => {
          const v = range.ws.validations.find((x) => x.address === address);
          if (!v) throw new Error('Validation: 该区域没有数据有效性');
          return v;
        };
        const prop = (key: keyof WpsValidation) => ({
          get: () => found()[key],
          set: (v: never) => void (found()[key] = v),
          enumerable: true,
        });
        const validation: Record<string, unknown> = {
          Add: (type: number, alertStyle: number, _operator: number, formula1: string) => {
            if (range.ws.validations.some((x) => x.address === address)) throw new Error('Validation.Add: 该区域已有数据有效性，请先 Delete');
            range.ws.validations.push({ address, type, alertStyle, formula1 });
          },
          Delete: () => void (range.ws.validations = range.ws.validations.filter((x) => x.address !== address)),
        };
        const names = { InputTitle: 'inputTitle', InputMessage: 'inputMessage', ErrorTitle: 'errorTitle', ErrorMessage: 'errorMessage', ShowInput: 'showInput', ShowError: 'showError' } as const;
        for (const [name, key] of Object.entries(names)) Object.defineProperty(validation, name, prop(key));
        return validation;
      },
      get FormatConditions() {
        return {
          Add: (type: number, _operator: unknown, formula1: string) => {
            const fc: WpsFormatCondition = { address: range.address(), type, formula1 };
            range.ws.formatConditions.push(fc);
            return {
              Interior: { set Color(v: number) { fc.interiorColor = v; } },
              Font: { set Color(v: number) { fc.fontColor = v; } },
            };
          },
        };
      },
    };
    if (m) {
      o.Value2 = (v?: unknown) => (v === undefined ? range.getValue2() : range.setValue2(v));
      o.NumberFormat = (v?: string) => (v === undefined ? range.getNumberFormat() : range.setNumberFormat(v));
    } else {
      Object.defineProperty(o, 'Value2', { get: () => range.getValue2(), set: (v) => range.setValue2(v), enumerable: true });
      Object.defineProperty(o, 'NumberFormat', {
        get: () => range.getNumberFormat(),
        set: (v: string) => range.setNumberFormat(v),
        enumerable: true,
      });
    }
    return o;
  }
}

export function bgr(hex: string): number {
  const n = parseInt(hex.replace('#', ''), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}
