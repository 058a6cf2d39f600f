/**
 * The subset of the Excel JavaScript API that Yanyin's adapter uses, over the stand-in's model, behaving
 * like Excel where it matters: proxy objects whose properties must be `load()`ed and synced before they
 * are read (else `PropertyNotLoaded`), writes queued until `sync()`, ItemNotFound / ApiNotFound surfacing
 * at sync, request and response sizes measured per sync with the 5 MB limit of Excel on the web.
 */
import { cellCount, formatArea, intersect, MAX_COLUMNS, MAX_ROWS, parseArea, quoteSheet, splitSheet, type Rect } from './a1';
import { Host, jsonBytes, StandinError, type ChangedEventArgs, type EventKind, type Registration, type SheetEventArgs } from './host';
import {
  apiValue,
  displayText,
  newId,
  SheetModel,
  typeInto,
  valueTypeOf,
  type CellState,
  type ConditionalFormatState,
  type FontState,
  type Scalar,
} from './model';

type Loaded = Map<string, unknown>;

interface SyncScratch {
  responseBytes: number;
  commits: (() => void)[];
  /** Changes made by this sync, for onChanged. */
  changes: { sheet: SheetModel; rect: Rect; changeType: string; before?: CellState | undefined; formatOnly?: boolean }[];
}

interface Op {
  bytes: number;
  run(scratch: SyncScratch): void;
}

export class RequestContext {
  readonly host: Host;
  readonly workbook: Workbook;
  /** Present for API compatibility; object tracking is implicit here. */
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  readonly runNumber: number;
  private ops: Op[] = [];
  private requestBytes = 0;
  /** Accepted for compatibility with Excel.RunOptions. */
  readonly delayForCellEdit: boolean;

  /** `Excel.run({ mergeUndoGroup: true })` (ExcelApi 1.20). */
  mergeUndoGroup = false;

  constructor(host: Host, runNumber: number, delayForCellEdit = false) {
    this.host = host;
    this.runNumber = runNumber;
    this.delayForCellEdit = delayForCellEdit;
    this.workbook = new Workbook(this);
  }

  /** @internal Queues one action; `payload` is what would travel to Excel (measured as JSON). */
  _queue(payload: unknown, run: (s: SyncScratch) => void): void {
    const bytes = jsonBytes(payload) + 16;
    this.requestBytes += bytes;
    this.ops.push({ bytes, run });
  }

  /** @internal An API newer than the host: fails at sync like Excel's ApiNotFound. */
  _gate(version: string, what: string): void {
    if (this.host.supports(version)) return;
    this._queue({ gate: what }, () => {
      throw new StandinError('ApiNotFound', `The API you are trying to use could not be found (${what} needs ExcelApi ${version}).`, what);
    });
  }

  async sync(): Promise<void> {
    const ops = this.ops;
    const requestBytes = this.requestBytes;
    this.ops = [];
    this.requestBytes = 0;
    // Nothing queued: office.js resolves without a round trip to Excel.
    if (ops.length === 0) return;
    // Excel answers asynchronously.
    await Promise.resolve();
    const limit = this.host.config.payloadLimit;
    if (requestBytes > limit) {
      this.host.record({ requestBytes, responseBytes: 0, ops: ops.length, run: this.runNumber, failed: true });
      throw new StandinError(this.host.config.payloadErrorCode === 'GeneralException' ? 'GeneralException' : 'RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${requestBytes} > ${limit} bytes).`);
    }
    const scratch: SyncScratch = { responseBytes: 0, commits: [], changes: [] };
    let failure: unknown = null;
    for (const op of ops) {
      try {
        op.run(scratch);
      } catch (e) {
        failure = e;
        break;
      }
    }
    const failed = failure !== null || scratch.responseBytes > limit;
    this.host.record({ requestBytes, responseBytes: scratch.responseBytes, ops: ops.length, run: this.runNumber, ...(failed ? { failed } : {}) });
    if (scratch.changes.length > 0) this.host.recordUndo(this.runNumber, this.mergeUndoGroup);
    for (const c of scratch.changes) {
      let details;
      if (cellCount(c.rect) === 1 && !c.formatOnly) {
        const after = c.sheet.get(c.rect.r1, c.rect.c1);
        details = {
          valueAfter: apiValue(after),
          valueBefore: apiValue(c.before),
          valueTypeAfter: valueTypeOf(after),
          valueTypeBefore: valueTypeOf(c.before),
        };
      }
      this.host.fireChanged(c.sheet, c.rect, c.changeType, true, details);
    }
    if (ops.length > 0) this.host.changed();
    if (failure) throw failure;
    if (scratch.responseBytes > limit)
      throw new StandinError(this.host.config.payloadErrorCode === 'GeneralException' ? 'GeneralException' : 'ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${scratch.responseBytes} > ${limit} bytes).`);
    for (const c of scratch.commits) c();
  }
}

function notLoaded(prop: string): StandinError {
  return new StandinError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** Normalises every form of `load()` argument into property paths (`format/fill/color`). */
function loadPaths(spec: unknown): string[] | null {
  if (spec === undefined || spec === null) return null;
  if (typeof spec === 'string') return spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadPaths(s) ?? []);
  if (typeof spec === 'object') {
    const o = spec as Record<string, unknown>;
    if ('select' in o || 'expand' in o) {
      return [...(loadPaths(o.select) ?? []), ...(loadPaths(o.expand) ?? [])];
    }
    const out: string[] = [];
    for (const [k, v] of Object.entries(o)) {
      if (k === '$all' || k === '$top' || k === '$skip') continue;
      if (v === true) out.push(k);
      else if (v && typeof v === 'object') for (const p of loadPaths(v) ?? []) out.push(`${k}/${p}`);
    }
    return out;
  }
  return null;
}

export abstract class ClientObject {
  readonly context: RequestContext;
  /** @internal */
  _loaded: Loaded = new Map();
  /** @internal undefined until a sync resolved it (OrNullObject methods). */
  _isNull: boolean | undefined;
  /** @internal */
  _nullable = false;

  constructor(context: RequestContext) {
    this.context = context;
  }

  get isNullObject(): boolean {
    if (!this._nullable) return false;
    if (this._isNull === undefined) throw notLoaded('isNullObject');
    return this._isNull;
  }

  /** @internal Scalar properties loaded by a bare `load()`. */
  protected abstract _scalarProps(): readonly string[];
  /** @internal Reads a scalar property from the model at sync time. */
  protected abstract _read(prop: string): unknown;
  /** @internal Navigation property (a child proxy) or undefined. */
  protected _nav(_name: string): ClientObject | undefined {
    return undefined;
  }
  /** @internal Throws when the object does not exist (at sync); returns false for a null object. */
  abstract _exists(): boolean;

  /** @internal */
  protected _get<T>(prop: string): T {
    if (!this._loaded.has(prop)) throw notLoaded(prop);
    return this._loaded.get(prop) as T;
  }

  load(spec?: unknown): this {
    const paths = loadPaths(spec);
    this.context._queue({ load: paths ?? '*' }, (s) => this._runLoad(paths, s));
    return this;
  }

  /** @internal */
  _runLoad(paths: string[] | null, s: SyncScratch): void {
    const exists = this._exists();
    const direct: string[] = [];
    const nested = new Map<string, string[]>();
    for (const p of paths ?? this._scalarProps()) {
      const slash = p.indexOf('/');
      if (slash < 0) {
        if (this._nav(p)) nested.set(p, [...(nested.get(p) ?? [])]);
        else direct.push(p);
      } else {
        const head = p.slice(0, slash);
        nested.set(head, [...(nested.get(head) ?? []), p.slice(slash + 1)]);
      }
    }
    const snapshot: Record<string, unknown> = {};
    for (const p of direct) {
      if (!this._scalarProps().includes(p)) throw new StandinError('InvalidArgument', `Unknown property '${p}'.`);
      snapshot[p] = exists ? this._read(p) : null;
    }
    s.responseBytes += jsonBytes(snapshot);
    s.commits.push(() => {
      for (const [k, v] of Object.entries(snapshot)) this._loaded.set(k, v);
    });
    for (const [head, rest] of nested) {
      const child = this._nav(head);
      if (!child) throw new StandinError('InvalidArgument', `Unknown navigation property '${head}'.`);
      child._runLoad(rest.length > 0 ? rest : null, s);
    }
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

export class ClientResult<T> {
  private _value: T | undefined;
  private _set = false;
  get value(): T {
    if (!this._set) throw notLoaded('value');
    return this._value as T;
  }
  /** @internal */
  _resolve(v: T): void {
    this._value = v;
    this._set = true;
  }
}

/** Makes `obj` an `…OrNullObject` proxy: queues the sync-time check that settles its `isNullObject`. */
function queueNullCheck(obj: ClientObject, payload: unknown, isNull: () => boolean): void {
  obj._nullable = true;
  obj.context._queue(payload, (s) => {
    const result = isNull();
    s.commits.push(() => (obj._isNull = result));
  });
}

/** A collection proxy: no scalar properties of its own; `load()` loads its `items`. */
abstract class ItemCollection<T extends ClientObject> extends ClientObject {
  private _items: T[] | undefined;
  get items(): T[] {
    if (!this._items) throw notLoaded('items');
    return this._items;
  }
  /** @internal The items as they stand at sync time. */
  protected abstract _currentItems(): T[];
  /** @internal What each item loads, from the paths given to the collection's `load()`. */
  protected _itemPaths(paths: string[] | null): string[] | null {
    return paths?.map((p) => p.replace(/^items\//, '')) ?? null;
  }
  protected _scalarProps(): readonly string[] {
    return [];
  }
  protected _read(): unknown {
    return undefined;
  }
  _exists(): boolean {
    return true;
  }
  override _runLoad(paths: string[] | null, s: SyncScratch): void {
    const items = this._currentItems();
    const itemPaths = this._itemPaths(paths);
    for (const it of items) it._runLoad(itemPaths, s);
    s.commits.push(() => (this._items = items));
  }
}

// ---------------------------------------------------------------------------------------------------
// Workbook, settings

export class Workbook extends ClientObject {
  readonly worksheets: WorksheetCollection;
  readonly settings: SettingCollection;
  readonly application: Application;
  private _notes: NoteCollection | undefined;
  private _comments: CommentCollection | undefined;

  constructor(ctx: RequestContext) {
    super(ctx);
    this.worksheets = new WorksheetCollection(ctx);
    this.settings = new SettingCollection(ctx);
    this.application = new Application(ctx);
  }
  // A library without the proxy has no such property at all (host.libraryKnows).
  get notes(): NoteCollection {
    if (!this.context.host.libraryKnows('1.18')) return undefined as unknown as NoteCollection;
    this._notes ??= new NoteCollection(this.context, null);
    return this._notes;
  }
  get comments(): CommentCollection {
    if (!this.context.host.libraryKnows('1.10')) return undefined as unknown as CommentCollection;
    this._comments ??= new CommentCollection(this.context, null);
    return this._comments;
  }
  get name(): string {
    return this._get('name');
  }
  protected _scalarProps(): readonly string[] {
    return ['name'];
  }
  protected _read(): unknown {
    return 'Book1.xlsx';
  }
  protected override _nav(name: string): ClientObject | undefined {
    if (name === 'worksheets') return this.worksheets;
    if (name === 'settings') return this.settings;
    return undefined;
  }
  _exists(): boolean {
    return true;
  }
  getSelectedRange(): Range {
    const host = this.context.host;
    return new Range(this.context, () => {
      const sel = host.model.selection;
      const sheet = (sel && host.model.sheetById(sel.sheetId)) ?? host.model.sheetById(host.model.activeSheetId) ?? host.model.sheets[0];
      if (!sheet) throw new StandinError('ItemNotFound', 'No sheet.');
      return { sheet, rect: sel?.rect ?? { r1: 1, c1: 1, r2: 1, c2: 1 } };
    });
  }
}

export class Application extends ClientObject {
  protected _scalarProps(): readonly string[] {
    return ['calculationMode'];
  }
  protected _read(): unknown {
    return 'Automatic';
  }
  _exists(): boolean {
    return true;
  }
  suspendApiCalculationUntilNextSync(): void {
    this.context._gate('1.6', 'suspendApiCalculationUntilNextSync');
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.context._gate('1.9', 'suspendScreenUpdatingUntilNextSync');
  }
}

export class SettingCollection extends ItemCollection<Setting> {
  protected _currentItems(): Setting[] {
    return [...this.context.host.model.settings.keys()].map((k) => new Setting(this.context, k, false));
  }
  add(key: string, value: unknown): Setting {
    const copy: unknown = JSON.parse(JSON.stringify(value ?? null));
    this.context._queue({ settingAdd: key, value: copy }, () => {
      this.context.host.model.settings.set(key, copy);
    });
    return new Setting(this.context, key, false);
  }
  getItem(key: string): Setting {
    const s = new Setting(this.context, key, false);
    this.context._queue({ getSetting: key }, () => void s._check());
    return s;
  }
  getItemOrNullObject(key: string): Setting {
    const s = new Setting(this.context, key, true);
    queueNullCheck(s, { getSetting: key }, () => !this.context.host.model.settings.has(key));
    return s;
  }
}

export class Setting extends ClientObject {
  private readonly _key: string;
  constructor(ctx: RequestContext, key: string, nullable: boolean) {
    super(ctx);
    this._key = key;
    this._nullable = nullable;
  }
  get key(): string {
    return this._get('key');
  }
  get value(): unknown {
    return this._get('value');
  }
  set value(v: unknown) {
    const copy: unknown = JSON.parse(JSON.stringify(v ?? null));
    this.context._queue({ settingSet: this._key, value: copy }, () => {
      if (this._check()) this.context.host.model.settings.set(this._key, copy);
    });
  }
  /** @internal */
  _check(): boolean {
    const has = this.context.host.model.settings.has(this._key);
    if (!has && !this._nullable) throw new StandinError('ItemNotFound', `Setting '${this._key}' not found.`);
    return has;
  }
  protected _scalarProps(): readonly string[] {
    return ['key', 'value'];
  }
  protected _read(prop: string): unknown {
    if (prop === 'key') return this._key;
    return JSON.parse(JSON.stringify(this.context.host.model.settings.get(this._key) ?? null)) as unknown;
  }
  _exists(): boolean {
    return this._check();
  }
  delete(): void {
    this.context._queue({ settingDelete: this._key }, () => {
      if (this._check()) this.context.host.model.settings.delete(this._key);
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Events

export class EventHandlerResult {
  readonly context: RequestContext;
  private readonly reg: Registration;
  constructor(context: RequestContext, reg: Registration) {
    this.context = context;
    this.reg = reg;
  }
  remove(): void {
    this.context._queue({ removeHandler: true }, () => {
      this.reg.active = false;
      const host = this.context.host;
      host.registrations = host.registrations.filter((r) => r !== this.reg);
    });
  }
}

export class EventHandlers<A = ChangedEventArgs> {
  private readonly context: RequestContext;
  private readonly sheetId: () => string | null;
  private readonly version: string;
  private readonly kind: EventKind;
  constructor(context: RequestContext, sheetId: () => string | null, version: string, kind: EventKind = 'changed') {
    this.context = context;
    this.sheetId = sheetId;
    this.version = version;
    this.kind = kind;
  }
  add(handler: (args: A) => unknown): EventHandlerResult {
    const host = this.context.host;
    const reg: Registration = { kind: this.kind, sheetId: null, handler, active: false, generation: host.generation };
    this.context._gate(this.version, this.kind === 'changed' ? 'onChanged' : this.kind === 'rowSorted' ? 'onRowSorted' : 'onSelectionChanged');
    this.context._queue({ addHandler: true }, () => {
      reg.sheetId = this.sheetId();
      reg.active = true;
      host.registrations.push(reg);
    });
    return new EventHandlerResult(this.context, reg);
  }
}

// ---------------------------------------------------------------------------------------------------
// Worksheets

export class WorksheetCollection extends ItemCollection<Worksheet> {
  private _onChanged: EventHandlers | undefined;
  get onChanged(): EventHandlers {
    this._onChanged ??= new EventHandlers(this.context, () => null, '1.9');
    return this._onChanged;
  }
  /** Sorting rows of any sheet (ExcelApi 1.10; office-js-docs-pr#1298, "onRowSorted"). */
  get onRowSorted(): EventHandlers<SheetEventArgs> {
    return new EventHandlers<SheetEventArgs>(this.context, () => null, '1.10', 'rowSorted');
  }
  /** Selection changes on any sheet (WorksheetCollection.onSelectionChanged, ExcelApi 1.9). */
  get onSelectionChanged(): EventHandlers<SheetEventArgs> {
    return new EventHandlers<SheetEventArgs>(this.context, () => null, '1.9', 'selectionChanged');
  }
  protected _currentItems(): Worksheet[] {
    const model = this.context.host.model;
    return [...model.sheets].sort((a, b) => model.sheets.indexOf(a) - model.sheets.indexOf(b)).map((sheet) => new Worksheet(this.context, () => sheet));
  }
  protected override _itemPaths(paths: string[] | null): string[] | null {
    const itemPaths = super._itemPaths(paths)?.filter((p) => p !== 'items') ?? null;
    return itemPaths && itemPaths.length > 0 ? itemPaths : null;
  }
  add(name?: string): Worksheet {
    let created: SheetModel | undefined;
    const ws = new Worksheet(this.context, () => {
      if (!created) throw new StandinError('InvalidReference', 'Sheet not created yet.');
      return created;
    });
    this.context._queue({ addSheet: name ?? null }, (s) => {
      const model = this.context.host.model;
      if (name !== undefined) {
        if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'"))
          throw new StandinError('InvalidArgument', `Invalid sheet name '${name}'.`);
        if (model.sheet(name)) throw new StandinError('ItemAlreadyExists', `A sheet named '${name}' already exists.`);
      }
      created = model.addSheet(name);
      s.changes.length += 0;
    });
    return ws;
  }
  getItem(key: string): Worksheet {
    const ws = new Worksheet(this.context, () => {
      const model = this.context.host.model;
      const sheet = model.sheet(key) ?? model.sheetById(key);
      if (!sheet) throw new StandinError('ItemNotFound', `The requested resource doesn't exist (worksheet '${key}').`);
      return sheet;
    });
    this.context._queue({ getItem: key }, () => void ws._sheet());
    return ws;
  }
  getItemOrNullObject(key: string): Worksheet {
    const ws = new Worksheet(this.context, () => {
      const model = this.context.host.model;
      return model.sheet(key) ?? model.sheetById(key) ?? null;
    });
    queueNullCheck(ws, { getItemOrNull: key }, () => ws._sheetOrNull() === null);
    return ws;
  }
  /** WorksheetCollection.getFirst (ExcelApi 1.5): the first sheet in tab order. */
  getFirst(): Worksheet {
    const ws = new Worksheet(this.context, () => {
      const first = this.context.host.model.sheets[0];
      if (!first) throw new StandinError('ItemNotFound', 'No worksheet.');
      return first;
    });
    this.context._queue({ getFirst: true }, () => void ws._sheet());
    return ws;
  }
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, () => {
      const model = this.context.host.model;
      const sheet = model.sheetById(model.activeSheetId) ?? model.sheets[0];
      if (!sheet) throw new StandinError('ItemNotFound', 'No worksheet.');
      return sheet;
    });
  }
  getCount(): ClientResult<number> {
    const r = new ClientResult<number>();
    this.context._queue({ getCount: true }, (s) => {
      const n = this.context.host.model.sheets.length;
      s.responseBytes += 4;
      s.commits.push(() => r._resolve(n));
    });
    return r;
  }
}

export class Worksheet extends ClientObject {
  private readonly resolver: () => SheetModel | null;
  private resolved: SheetModel | null | undefined;
  private _onChanged: EventHandlers | undefined;
  private _protection: WorksheetProtection | undefined;
  private _freeze: WorksheetFreezePanes | undefined;
  private _notes: NoteCollection | undefined;
  private _comments: CommentCollection | undefined;

  constructor(ctx: RequestContext, resolver: () => SheetModel | null) {
    super(ctx);
    this.resolver = resolver;
  }
  /** @internal */
  _sheetOrNull(): SheetModel | null {
    if (this.resolved === undefined) this.resolved = this.resolver();
    return this.resolved;
  }
  /** @internal */
  _sheet(): SheetModel {
    const s = this._sheetOrNull();
    if (!s) throw new StandinError('ItemNotFound', 'The worksheet does not exist.');
    return s;
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this.context._queue({ rename: v }, () => {
      const s = this._sheetOrNull();
      if (!s) return;
      const other = this.context.host.model.sheet(v);
      if (other && other !== s) throw new StandinError('ItemAlreadyExists', `A sheet named '${v}' already exists.`);
      s.name = v;
    });
  }
  get id(): string {
    return this._get('id');
  }
  get position(): number {
    return this._get('position');
  }
  set position(v: number) {
    this.context._queue({ position: v }, () => {
      const s = this._sheetOrNull();
      if (!s) return;
      const sheets = this.context.host.model.sheets;
      sheets.splice(sheets.indexOf(s), 1);
      sheets.splice(Math.max(0, Math.min(v, sheets.length)), 0, s);
    });
  }
  get visibility(): string {
    return this._get('visibility');
  }
  set visibility(v: 'Visible' | 'Hidden' | 'VeryHidden') {
    this.context._queue({ visibility: v }, () => {
      const s = this._sheetOrNull();
      if (s) s.visibility = v;
    });
  }
  get tabColor(): string {
    return this._get('tabColor');
  }
  set tabColor(v: string) {
    this.context._gate('1.7', 'tabColor');
    this.context._queue({ tabColor: v }, () => {
      const s = this._sheetOrNull();
      if (s) s.tabColor = v;
    });
  }
  get onChanged(): EventHandlers {
    this._onChanged ??= new EventHandlers(this.context, () => this._sheet().id, '1.7');
    return this._onChanged;
  }
  /** ExcelApi 1.10 (Worksheet.onRowSorted). */
  get onRowSorted(): EventHandlers<SheetEventArgs> {
    return new EventHandlers<SheetEventArgs>(this.context, () => this._sheet().id, '1.10', 'rowSorted');
  }
  /** ExcelApi 1.7 (Worksheet.onSelectionChanged). */
  get onSelectionChanged(): EventHandlers<SheetEventArgs> {
    return new EventHandlers<SheetEventArgs>(this.context, () => this._sheet().id, '1.7', 'selectionChanged');
  }
  get protection(): WorksheetProtection {
    this._protection ??= new WorksheetProtection(this.context, this);
    return this._protection;
  }
  get freezePanes(): WorksheetFreezePanes {
    this._freeze ??= new WorksheetFreezePanes(this.context, this);
    return this._freeze;
  }
  // A library without the proxy has no such property at all (host.libraryKnows).
  get notes(): NoteCollection {
    if (!this.context.host.libraryKnows('1.18')) return undefined as unknown as NoteCollection;
    this._notes ??= new NoteCollection(this.context, this);
    return this._notes;
  }
  get comments(): CommentCollection {
    if (!this.context.host.libraryKnows('1.10')) return undefined as unknown as CommentCollection;
    this._comments ??= new CommentCollection(this.context, this);
    return this._comments;
  }
  protected _scalarProps(): readonly string[] {
    return ['name', 'id', 'position', 'visibility', 'tabColor'];
  }
  protected _read(prop: string): unknown {
    const s = this._sheet();
    switch (prop) {
      case 'name':
        return s.name;
      case 'id':
        return s.id;
      case 'position':
        return this.context.host.model.sheets.indexOf(s);
      case 'visibility':
        return s.visibility;
      case 'tabColor':
        return s.tabColor;
    }
    return undefined;
  }
  protected override _nav(name: string): ClientObject | undefined {
    if (name === 'protection') return this.protection;
    return undefined;
  }
  _exists(): boolean {
    if (this._nullable) return this._sheetOrNull() !== null;
    this._sheet();
    return true;
  }

  private rangeFor(address: string): Range {
    return new Range(this.context, () => {
      const sheet = this._sheet();
      const { local } = splitSheet(address);
      const rect = parseArea(local);
      if (!rect) throw new StandinError('InvalidArgument', `The argument is invalid or missing or has an incorrect format ('${address}').`);
      return { sheet, rect };
    });
  }
  getRange(address?: string): Range {
    const r = address ? this.rangeFor(address) : new Range(this.context, () => ({ sheet: this._sheet(), rect: { r1: 1, c1: 1, r2: MAX_ROWS, c2: MAX_COLUMNS } }));
    this.context._queue({ getRange: address ?? '' }, () => void r._target());
    return r;
  }
  getRanges(address?: string): RangeAreas {
    this.context._gate('1.9', 'Worksheet.getRanges');
    const text = address ?? '';
    const areas = new RangeAreas(this.context, () => {
      if (text.length > this.context.host.config.maxAddressLength)
        throw new StandinError('InvalidArgument', `The argument is invalid or missing or has an incorrect format (address of ${text.length} characters).`);
      const sheet = this._sheet();
      const rects = text.split(',').map((a) => {
        const rect = parseArea(splitSheet(a).local);
        if (!rect) throw new StandinError('InvalidArgument', `Invalid address '${a}'.`);
        return rect;
      });
      return { sheet, rects };
    });
    this.context._queue({ getRanges: text }, () => void areas._target());
    return areas;
  }
  getCell(row: number, column: number): Range {
    return new Range(this.context, () => ({ sheet: this._sheet(), rect: { r1: row + 1, c1: column + 1, r2: row + 1, c2: column + 1 } }));
  }
  /** Worksheet.getRangeByIndexes (ExcelApi 1.7): 0-based start, sizes in rows and columns. */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    const rect = { r1: startRow + 1, c1: startColumn + 1, r2: startRow + rowCount, c2: startColumn + columnCount };
    return new Range(this.context, () => ({ sheet: this._sheet(), rect }));
  }
  getUsedRange(valuesOnly = false): Range {
    return new Range(this.context, () => {
      const sheet = this._sheet();
      return { sheet, rect: sheet.usedRect(valuesOnly) ?? { r1: 1, c1: 1, r2: 1, c2: 1 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    const r = new Range(this.context, () => {
      const sheet = this._sheet();
      const rect = sheet.usedRect(valuesOnly);
      return rect ? { sheet, rect } : null;
    });
    queueNullCheck(r, { usedRange: valuesOnly }, () => r._targetOrNull() === null);
    return r;
  }
  /** Worksheet.getNextOrNullObject (ExcelApi 1.5): the next sheet in tab order, or a null object. */
  getNextOrNullObject(): Worksheet {
    const ws = new Worksheet(this.context, () => {
      const sheets = this.context.host.model.sheets;
      const me = this._sheetOrNull();
      return me ? (sheets[sheets.indexOf(me) + 1] ?? null) : null;
    });
    queueNullCheck(ws, { getNext: true }, () => ws._sheetOrNull() === null);
    return ws;
  }
  activate(): void {
    this.context._queue({ activate: true }, () => {
      const s = this._sheet();
      this.context.host.model.activeSheetId = s.id;
    });
  }
  delete(): void {
    this.context._queue({ deleteSheet: true }, () => {
      const model = this.context.host.model;
      const s = this._sheet();
      if (model.sheets.filter((x) => x.visibility === 'Visible').length <= 1 && s.visibility === 'Visible')
        throw new StandinError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      model.sheets = model.sheets.filter((x) => x !== s);
      if (model.activeSheetId === s.id) model.activeSheetId = model.sheets[0]?.id ?? '';
    });
  }
}

export class WorksheetProtection extends ClientObject {
  private readonly ws: Worksheet;
  constructor(ctx: RequestContext, ws: Worksheet) {
    super(ctx);
    this.ws = ws;
  }
  get protected(): boolean {
    return this._get('protected');
  }
  protected _scalarProps(): readonly string[] {
    return ['protected'];
  }
  protected _read(): unknown {
    return this.ws._sheet().protected;
  }
  _exists(): boolean {
    return true;
  }
  protect(_options?: unknown, _password?: string): void {
    this.context._queue({ protect: true }, () => {
      const s = this.ws._sheet();
      if (s.protected) throw new StandinError('InvalidOperation', 'The worksheet is already protected.');
      s.protected = true;
    });
  }
  unprotect(_password?: string): void {
    this.context._queue({ unprotect: true }, () => {
      this.ws._sheet().protected = false;
    });
  }
}

export class WorksheetFreezePanes {
  readonly context: RequestContext;
  private readonly ws: Worksheet;
  constructor(ctx: RequestContext, ws: Worksheet) {
    this.context = ctx;
    this.ws = ws;
  }
  freezeRows(count?: number): void {
    this.context._queue({ freezeRows: count ?? 1 }, () => {
      this.ws._sheet().freezeRows = count ?? 1;
    });
  }
  unfreeze(): void {
    this.context._queue({ unfreeze: true }, () => {
      this.ws._sheet().freezeRows = 0;
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Ranges

interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

type Grid<T> = T[][];

function sameShape(rect: Rect, data: unknown, what: string): void {
  const rows = rect.r2 - rect.r1 + 1;
  const cols = rect.c2 - rect.c1 + 1;
  if (!Array.isArray(data) || data.length !== rows || data.some((r) => !Array.isArray(r) || r.length !== cols))
    throw new StandinError(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: ${rows}×${cols}).`,
    );
}

function checkProtected(t: RangeTarget): void {
  if (t.sheet.protected) throw new StandinError('AccessDenied', 'The cell or chart you are trying to change is on a protected sheet.');
}

export class Range extends ClientObject {
  private readonly resolver: () => RangeTarget | null;
  private resolved: RangeTarget | null | undefined;
  private _format: RangeFormat | undefined;
  private _dv: DataValidation | undefined;
  private _ws: Worksheet | undefined;

  constructor(ctx: RequestContext, resolver: () => RangeTarget | null) {
    super(ctx);
    this.resolver = resolver;
  }
  /** @internal */
  _targetOrNull(): RangeTarget | null {
    if (this.resolved === undefined) {
      const t = this.resolver();
      if (t && cellCount(t.rect) <= 0) throw new StandinError('InvalidArgument', 'Empty range.');
      this.resolved = t;
    }
    return this.resolved;
  }
  /** @internal */
  _target(): RangeTarget {
    const t = this._targetOrNull();
    if (!t) throw new StandinError('InvalidReference', 'This reference is not valid for the current operation (null range).');
    return t;
  }
  private child(fn: (t: RangeTarget) => RangeTarget | null): Range {
    return new Range(this.context, () => {
      const t = this._targetOrNull();
      return t ? fn(t) : null;
    });
  }

  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get values(): Grid<Scalar> {
    return this._get('values');
  }
  set values(v: Grid<Scalar | null> | Scalar) {
    this.context._queue({ values: v }, (s) => this.writeValues(v, s));
  }
  get formulas(): Grid<Scalar> {
    return this._get('formulas');
  }
  set formulas(v: Grid<Scalar | null> | Scalar) {
    this.context._queue({ formulas: v }, (s) => this.writeValues(v, s));
  }
  get valueTypes(): Grid<string> {
    return this._get('valueTypes');
  }
  get numberFormat(): Grid<string> {
    return this._get('numberFormat');
  }
  set numberFormat(v: Grid<string> | string) {
    this.context._queue({ numberFormat: v }, () => {
      const t = this._targetOrNull();
      if (!t) return;
      checkProtected(t);
      const full = t.rect.r1 === 1 && t.rect.r2 === MAX_ROWS;
      if (full) {
        // Unbounded ranges (`D:D`) refuse cell-level property writes ("Read or write to an unbounded
        // range", learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-unbounded); a 1×1
        // array `[['@']]` is accepted and formats the whole column (OfficeDev/office-js-docs-pr#5400).
        const one = Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 ? v[0][0] : undefined;
        if (typeof one !== 'string')
          throw new StandinError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format (cell-level write to an unbounded range).');
        // A whole-column format lives on the column (it does not grow the used range).
        for (let c = t.rect.c1; c <= t.rect.c2; c++) t.sheet.columnFormats.set(c, one);
        t.sheet.forEachIn(t.rect, (_r, _c, cell) => (cell.numberFormat = one));
        return;
      }
      if (Array.isArray(v)) sameShape(t.rect, v, 'numberFormat');
      this.forEachCell(t, (r, c, i, j) => {
        const f = Array.isArray(v) ? v[i]?.[j] : v;
        if (f !== undefined && f !== null) t.sheet.cell(r, c).numberFormat = f;
      });
    });
  }
  get text(): Grid<string> {
    return this._get('text');
  }
  get format(): RangeFormat {
    this._format ??= new RangeFormat(this.context, () => this._targetOrNull());
    return this._format;
  }
  get dataValidation(): DataValidation {
    this.context._gate('1.8', 'Range.dataValidation');
    this._dv ??= new DataValidation(this.context, () => this._target());
    return this._dv;
  }
  get conditionalFormats(): ConditionalFormatCollection {
    this.context._gate('1.6', 'Range.conditionalFormats');
    return new ConditionalFormatCollection(this.context, () => this._target());
  }
  get worksheet(): Worksheet {
    this._ws ??= new Worksheet(this.context, () => this._target().sheet);
    return this._ws;
  }

  private forEachCell(t: RangeTarget, fn: (row: number, col: number, i: number, j: number) => void): void {
    const n = cellCount(t.rect);
    if (n > 5_000_000) throw new StandinError('InvalidOperation', 'The range is too large for this operation.');
    for (let r = t.rect.r1; r <= t.rect.r2; r++) for (let c = t.rect.c1; c <= t.rect.c2; c++) fn(r, c, r - t.rect.r1, c - t.rect.c1);
  }

  private writeValues(v: Grid<Scalar | null> | Scalar, s: SyncScratch): void {
    const t = this._targetOrNull();
    if (!t) return;
    checkProtected(t);
    if (Array.isArray(v)) sameShape(t.rect, v, 'values');
    const single = cellCount(t.rect) === 1;
    const before = single ? { ...(t.sheet.get(t.rect.r1, t.rect.c1) ?? { value: null }) } : undefined;
    this.forEachCell(t, (r, c, i, j) => {
      const input = Array.isArray(v) ? v[i]?.[j] : v;
      // Excel leaves a cell alone when its entry is null; '' clears it.
      if (input === undefined || input === null) return;
      setTyped(t.sheet, r, c, input);
    });
    s.changes.push({ sheet: t.sheet, rect: t.rect, changeType: 'RangeEdited', before });
  }

  protected _scalarProps(): readonly string[] {
    return ['address', 'addressLocal', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex', 'cellCount', 'values', 'valueTypes', 'numberFormat', 'text', 'formulas'];
  }
  protected _read(prop: string): unknown {
    const t = this._target();
    const { sheet, rect } = t;
    const grid = <T>(fn: (cell: CellState | undefined, r: number, c: number) => T): T[][] => {
      if (cellCount(rect) > 5_000_000) throw new StandinError('InvalidOperation', 'Excel cannot read more than 5,000,000 cells at once.');
      const out: T[][] = [];
      for (let r = rect.r1; r <= rect.r2; r++) {
        const row: T[] = [];
        for (let c = rect.c1; c <= rect.c2; c++) row.push(fn(sheet.get(r, c), r, c));
        out.push(row);
      }
      return out;
    };
    switch (prop) {
      case 'address':
        return `${quoteSheet(sheet.name)}!${formatArea(rect)}`;
      case 'addressLocal':
        return `${quoteSheet(sheet.name)}!${formatArea(rect)}`;
      case 'rowCount':
        return rect.r2 - rect.r1 + 1;
      case 'columnCount':
        return rect.c2 - rect.c1 + 1;
      case 'rowIndex':
        return rect.r1 - 1;
      case 'columnIndex':
        return rect.c1 - 1;
      case 'cellCount':
        return cellCount(rect);
      case 'values':
      case 'formulas':
        return grid((cell) => apiValue(cell));
      case 'valueTypes':
        return grid((cell) => valueTypeOf(cell));
      case 'numberFormat':
        return grid((_cell, r, c) => sheet.numberFormatAt(r, c));
      case 'text':
        return grid((cell, r, c) => displayText(cell, sheet.numberFormatAt(r, c)));
    }
    return undefined;
  }
  protected override _nav(name: string): ClientObject | undefined {
    if (name === 'format') return this.format;
    if (name === 'worksheet') return this.worksheet;
    if (name === 'dataValidation') return this.dataValidation;
    return undefined;
  }
  _exists(): boolean {
    if (this._nullable) return this._targetOrNull() !== null;
    this._target();
    return true;
  }

  getCell(row: number, column: number): Range {
    const r = this.child((t) => ({ sheet: t.sheet, rect: { r1: t.rect.r1 + row, c1: t.rect.c1 + column, r2: t.rect.r1 + row, c2: t.rect.c1 + column } }));
    this.context._queue({ getCell: [row, column] }, () => void r._targetOrNull());
    return r;
  }
  getRow(row: number): Range {
    return this.child((t) => ({ sheet: t.sheet, rect: { ...t.rect, r1: t.rect.r1 + row, r2: t.rect.r1 + row } }));
  }
  getColumn(column: number): Range {
    return this.child((t) => ({ sheet: t.sheet, rect: { ...t.rect, c1: t.rect.c1 + column, c2: t.rect.c1 + column } }));
  }
  getEntireColumn(): Range {
    return this.child((t) => ({ sheet: t.sheet, rect: { ...t.rect, r1: 1, r2: MAX_ROWS } }));
  }
  getEntireRow(): Range {
    return this.child((t) => ({ sheet: t.sheet, rect: { ...t.rect, c1: 1, c2: MAX_COLUMNS } }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.child((t) => ({ sheet: t.sheet, rect: { ...t.rect, r2: t.rect.r2 + deltaRows, c2: t.rect.c2 + deltaColumns } }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.child((t) => ({
      sheet: t.sheet,
      rect: { r1: t.rect.r1 + rowOffset, r2: t.rect.r2 + rowOffset, c1: t.rect.c1 + columnOffset, c2: t.rect.c2 + columnOffset },
    }));
  }
  getIntersectionOrNullObject(another: Range | string): Range {
    const r = this.child((t) => {
      let other: Rect | null;
      if (typeof another === 'string') other = parseArea(splitSheet(another).local);
      else {
        const o = another._targetOrNull();
        if (o && o.sheet !== t.sheet) throw new StandinError('InvalidArgument', 'Ranges on different sheets.');
        other = o?.rect ?? null;
      }
      const rect = other ? intersect(t.rect, other) : null;
      return rect ? { sheet: t.sheet, rect } : null;
    });
    queueNullCheck(r, { intersect: typeof another === 'string' ? another : 'range' }, () => r._targetOrNull() === null);
    return r;
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    // The used cells INSIDE this range (Range.getUsedRange), not the sheet's used range clipped to it.
    const r = this.child((t) => {
      const rect = t.sheet.usedRect(valuesOnly, t.rect);
      return rect ? { sheet: t.sheet, rect } : null;
    });
    queueNullCheck(r, { usedRange: valuesOnly }, () => r._targetOrNull() === null);
    return r;
  }
  select(): void {
    this.context._queue({ select: true }, () => {
      const t = this._target();
      const model = this.context.host.model;
      if (model.activeSheetId !== t.sheet.id) throw new StandinError('InvalidOperation', 'The range is not on the active worksheet (activate the sheet first).');
      model.selection = { sheetId: t.sheet.id, rect: t.rect };
    });
  }
  merge(across = false): void {
    this.context._queue({ merge: across }, () => {
      const t = this._target();
      checkProtected(t);
      const rects: Rect[] = across ? Array.from({ length: t.rect.r2 - t.rect.r1 + 1 }, (_, i) => ({ ...t.rect, r1: t.rect.r1 + i, r2: t.rect.r1 + i })) : [t.rect];
      for (const rect of rects) {
        t.sheet.merges = t.sheet.merges.filter((m) => !intersect(m, rect));
        if (cellCount(rect) > 1) t.sheet.merges.push(rect);
        // Excel keeps only the top-left value.
        t.sheet.forEachIn(rect, (r, c, cell) => {
          if (r !== rect.r1 || c !== rect.c1) cell.value = null;
        });
      }
    });
  }
  unmerge(): void {
    this.context._queue({ unmerge: true }, () => {
      const t = this._target();
      t.sheet.merges = t.sheet.merges.filter((m) => !intersect(m, t.rect));
    });
  }
  clear(applyTo: 'All' | 'Formats' | 'Contents' | 'Hyperlinks' | 'RemoveHyperlinks' = 'All'): void {
    this.context._queue({ clear: applyTo }, (s) => {
      const t = this._targetOrNull();
      if (!t) return;
      checkProtected(t);
      clearRect(t.sheet, t.rect, applyTo);
      if (applyTo === 'All' || applyTo === 'Contents') s.changes.push({ sheet: t.sheet, rect: t.rect, changeType: 'RangeEdited' });
    });
  }
  getCellProperties(options: { format?: { fill?: { color?: boolean; pattern?: boolean }; font?: Record<string, boolean> }; address?: boolean }): ClientResult<unknown[][]> {
    this.context._gate('1.9', 'Range.getCellProperties');
    const result = new ClientResult<unknown[][]>();
    this.context._queue({ getCellProperties: options }, (s) => {
      const t = this._target();
      const out: unknown[][] = [];
      for (let r = t.rect.r1; r <= t.rect.r2; r++) {
        const row: unknown[] = [];
        for (let c = t.rect.c1; c <= t.rect.c2; c++) row.push(cellProperties(t.sheet, r, c, options));
        out.push(row);
      }
      s.responseBytes += jsonBytes(out);
      s.commits.push(() => result._resolve(out));
    });
    return result;
  }
  setCellProperties(data: { format?: { fill?: { color?: string; pattern?: string }; font?: FontState } }[][]): void {
    this.context._gate('1.9', 'Range.setCellProperties');
    this.context._queue({ setCellProperties: data }, (s) => {
      const t = this._target();
      checkProtected(t);
      sameShape(t.rect, data, 'setCellProperties');
      this.forEachCell(t, (r, c, i, j) => {
        const p = data[i]?.[j];
        const fill = p?.format?.fill;
        if (fill) {
          if (fill.pattern === 'None') delete t.sheet.cell(r, c).fill;
          else if (fill.color !== undefined) t.sheet.cell(r, c).fill = normaliseColor(fill.color);
        }
        const font = p?.format?.font;
        if (font) {
          const cell = t.sheet.cell(r, c);
          cell.font = { ...cell.font, ...font };
        }
      });
      s.changes.push({ sheet: t.sheet, rect: t.rect, changeType: 'RangeEdited', formatOnly: true });
    });
  }
}

function clearRect(sheet: SheetModel, rect: Rect, applyTo: string): void {
  const contents = applyTo === 'All' || applyTo === 'Contents';
  const formats = applyTo === 'All' || applyTo === 'Formats';
  const keys: number[] = [];
  sheet.forEachIn(rect, (r, c, cell) => {
    if (contents) {
      cell.value = null;
      delete cell.error;
    }
    if (formats) {
      delete cell.numberFormat;
      delete cell.fill;
      delete cell.font;
      delete cell.borders;
      delete cell.horizontalAlignment;
      delete cell.verticalAlignment;
      delete cell.wrapText;
    }
    if (cell.value === null && Object.keys(cell).length === 1) keys.push(SheetModel.key(r, c));
  });
  for (const k of keys) sheet.cells.delete(k);
  if (formats) sheet.merges = sheet.merges.filter((m) => !intersect(m, rect));
}

function cellProperties(sheet: SheetModel, r: number, c: number, options: { format?: { fill?: { color?: boolean; pattern?: boolean }; font?: Record<string, boolean> }; address?: boolean }): unknown {
  const cell = sheet.get(r, c);
  const out: Record<string, unknown> = {};
  if (options.address) out.address = `${quoteSheet(sheet.name)}!${formatArea({ r1: r, c1: c, r2: r, c2: c })}`;
  if (options.format) {
    const format: Record<string, unknown> = {};
    if (options.format.fill) {
      const fill: Record<string, unknown> = {};
      if (options.format.fill.color) fill.color = cell?.fill ?? '#FFFFFF';
      if (options.format.fill.pattern) fill.pattern = cell?.fill ? 'Solid' : 'None';
      format.fill = fill;
    }
    if (options.format.font) {
      const font: Record<string, unknown> = {};
      for (const k of Object.keys(options.format.font)) font[k] = (cell?.font as Record<string, unknown> | undefined)?.[k] ?? defaultFont(k);
      format.font = font;
    }
    out.format = format;
  }
  return out;
}

function defaultFont(k: string): unknown {
  return ({ bold: false, italic: false, color: '#000000', size: 11, name: 'Calibri', underline: 'None' } as Record<string, unknown>)[k];
}

export function normaliseColor(color: string): string {
  const named: Record<string, string> = { red: '#FF0000', yellow: '#FFFF00', white: '#FFFFFF', black: '#000000', green: '#008000', blue: '#0000FF' };
  const c = named[color.toLowerCase()] ?? color;
  return c.startsWith('#') ? c.toUpperCase() : `#${c.toUpperCase()}`;
}

/** Writes one cell as Excel does when a value is typed or written through `Range.values`. */
export function setTyped(sheet: SheetModel, r: number, c: number, input: Scalar | null): void {
  const existing = sheet.get(r, c);
  const nf = sheet.numberFormatAt(r, c);
  if (typeof input === 'string' && /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!)$/.test(input)) {
    const cell = sheet.cell(r, c);
    cell.value = null;
    cell.error = input;
    return;
  }
  const { value, autoFormat } = typeInto(input, nf);
  if (value === null && !existing) return;
  const cell = existing ?? sheet.cell(r, c);
  cell.value = value;
  delete cell.error;
  if (autoFormat) cell.numberFormat = autoFormat;
}

/** A uniform property of the range's cells, or null when they differ (Excel's behaviour). */
function uniform<T>(t: RangeTarget | null, fn: (cell: CellState | undefined) => T): T | null {
  if (!t) return null;
  let first: T | undefined;
  let seen = false;
  const n = cellCount(t.rect);
  if (n > 1_000_000) return null;
  for (let r = t.rect.r1; r <= t.rect.r2; r++)
    for (let c = t.rect.c1; c <= t.rect.c2; c++) {
      const v = fn(t.sheet.get(r, c));
      if (!seen) {
        first = v;
        seen = true;
      } else if (v !== first) return null;
    }
  return first ?? null;
}

type TargetsFn = () => RangeTarget[];

/** The one target of a format object, or null for none or several (as `uniform` reads them). */
function singleTarget(targets: TargetsFn): RangeTarget | null {
  const ts = targets();
  return ts.length === 1 ? (ts[0] ?? null) : null;
}

/** Queues `apply` over every target, at sync; a target on a protected sheet fails the sync. */
/**
 * Format writes go through here. `onChanged` fires "when either the format or the value of a cell
 * changes" (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-worksheets, "Detect changes"), so
 * the add-in's own fills come back as changes, without `details`.
 */
function queueOnTargets(ctx: RequestContext, targets: TargetsFn, payload: unknown, apply: (t: RangeTarget) => void): void {
  ctx._queue(payload, (s) => {
    for (const t of targets()) {
      checkProtected(t);
      apply(t);
      s.changes.push({ sheet: t.sheet, rect: t.rect, changeType: 'RangeEdited', formatOnly: true });
    }
  });
}

/** Every cell of the target's rectangle, created when absent. */
function eachCell(t: RangeTarget, fn: (cell: CellState) => void): void {
  for (let r = t.rect.r1; r <= t.rect.r2; r++) for (let c = t.rect.c1; c <= t.rect.c2; c++) fn(t.sheet.cell(r, c));
}

export class RangeFormat extends ClientObject {
  private readonly targets: TargetsFn;
  readonly fill: RangeFill;
  readonly font: RangeFont;
  readonly borders: RangeBorderCollection;
  constructor(ctx: RequestContext, target: () => RangeTarget | null | RangeTarget[]) {
    super(ctx);
    this.targets = () => {
      const t = target();
      return Array.isArray(t) ? t : t ? [t] : [];
    };
    this.fill = new RangeFill(ctx, this.targets);
    this.font = new RangeFont(ctx, this.targets);
    this.borders = new RangeBorderCollection(ctx, this.targets);
  }
  private setAll(prop: string, apply: (sheet: SheetModel, t: RangeTarget) => void): void {
    queueOnTargets(this.context, this.targets, { format: prop }, (t) => apply(t.sheet, t));
  }
  private perCell(prop: keyof CellState, v: unknown): void {
    this.setAll(prop, (_sheet, t) => eachCell(t, (cell) => ((cell as unknown as Record<string, unknown>)[prop] = v)));
  }
  get columnWidth(): number {
    return this._get('columnWidth');
  }
  /** Points, as in Excel (≈ 7.5 points per character of the default font). */
  set columnWidth(v: number) {
    this.setAll('columnWidth', (sheet, t) => {
      for (let c = t.rect.c1; c <= t.rect.c2; c++) sheet.columnWidths.set(c, v);
    });
  }
  get rowHeight(): number {
    return this._get('rowHeight');
  }
  set rowHeight(v: number) {
    this.setAll('rowHeight', (sheet, t) => {
      for (let r = t.rect.r1; r <= Math.min(t.rect.r2, t.rect.r1 + 100_000); r++) sheet.rowHeights.set(r, v);
    });
  }
  get horizontalAlignment(): string {
    return this._get('horizontalAlignment');
  }
  set horizontalAlignment(v: string) {
    this.perCell('horizontalAlignment', v);
  }
  get verticalAlignment(): string {
    return this._get('verticalAlignment');
  }
  set verticalAlignment(v: string) {
    this.perCell('verticalAlignment', v);
  }
  get wrapText(): boolean {
    return this._get('wrapText');
  }
  set wrapText(v: boolean) {
    this.perCell('wrapText', v);
  }
  autofitColumns(): void {
    this.context._queue({ autofitColumns: true }, () => undefined);
  }
  autofitRows(): void {
    this.context._queue({ autofitRows: true }, () => undefined);
  }
  protected _scalarProps(): readonly string[] {
    return ['columnWidth', 'rowHeight', 'horizontalAlignment', 'verticalAlignment', 'wrapText'];
  }
  protected _read(prop: string): unknown {
    const t = this.targets()[0] ?? null;
    switch (prop) {
      case 'columnWidth':
        return t ? (t.sheet.columnWidths.get(t.rect.c1) ?? 48) : null;
      case 'rowHeight':
        return t ? (t.sheet.rowHeights.get(t.rect.r1) ?? 15) : null;
      case 'horizontalAlignment':
        return uniform(t, (c) => c?.horizontalAlignment ?? 'General');
      case 'verticalAlignment':
        return uniform(t, (c) => c?.verticalAlignment ?? 'Bottom');
      case 'wrapText':
        return uniform(t, (c) => c?.wrapText ?? false);
    }
    return undefined;
  }
  protected override _nav(name: string): ClientObject | undefined {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    return undefined;
  }
  _exists(): boolean {
    return true;
  }
}

export class RangeFill extends ClientObject {
  private readonly targets: TargetsFn;
  constructor(ctx: RequestContext, targets: TargetsFn) {
    super(ctx);
    this.targets = targets;
  }
  /** `#FFFFFF` for no fill (as Excel reports it), null when the cells differ. */
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    const color = normaliseColor(v);
    queueOnTargets(this.context, this.targets, { fill: color }, (t) => eachCell(t, (cell) => (cell.fill = color)));
  }
  get pattern(): string {
    return this._get('pattern');
  }
  clear(): void {
    queueOnTargets(this.context, this.targets, { fillClear: true }, (t) => t.sheet.forEachIn(t.rect, (_r, _c, cell) => delete cell.fill));
  }
  protected _scalarProps(): readonly string[] {
    return this.context.host.supports('1.9') ? ['color', 'pattern'] : ['color'];
  }
  protected _read(prop: string): unknown {
    const t = singleTarget(this.targets);
    if (prop === 'pattern') return uniform(t, (c) => (c?.fill ? 'Solid' : 'None'));
    return uniform(t, (c) => c?.fill ?? '#FFFFFF');
  }
  _exists(): boolean {
    return true;
  }
}

export class RangeFont extends ClientObject {
  private readonly targets: TargetsFn;
  constructor(ctx: RequestContext, targets: TargetsFn) {
    super(ctx);
    this.targets = targets;
  }
  private set(prop: keyof FontState, v: unknown): void {
    queueOnTargets(this.context, this.targets, { font: prop, v }, (t) => eachCell(t, (cell) => (cell.font = { ...cell.font, [prop]: v })));
  }
  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this.set('bold', v);
  }
  get italic(): boolean {
    return this._get('italic');
  }
  set italic(v: boolean) {
    this.set('italic', v);
  }
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this.set('color', normaliseColor(v));
  }
  get size(): number {
    return this._get('size');
  }
  set size(v: number) {
    this.set('size', v);
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this.set('name', v);
  }
  get underline(): string {
    return this._get('underline');
  }
  set underline(v: string) {
    this.set('underline', v);
  }
  protected _scalarProps(): readonly string[] {
    return ['bold', 'italic', 'color', 'size', 'name', 'underline'];
  }
  protected _read(prop: string): unknown {
    return uniform(singleTarget(this.targets), (c) => (c?.font as Record<string, unknown> | undefined)?.[prop] ?? defaultFont(prop));
  }
  _exists(): boolean {
    return true;
  }
}

export class RangeBorderCollection {
  readonly context: RequestContext;
  private readonly targets: TargetsFn;
  constructor(ctx: RequestContext, targets: TargetsFn) {
    this.context = ctx;
    this.targets = targets;
  }
  getItem(index: string): RangeBorder {
    return new RangeBorder(this.context, this.targets, index);
  }
}

export class RangeBorder {
  readonly context: RequestContext;
  private readonly targets: TargetsFn;
  private readonly side: string;
  constructor(ctx: RequestContext, targets: TargetsFn, side: string) {
    this.context = ctx;
    this.targets = targets;
    this.side = side;
  }
  set style(v: string) {
    this.context._queue({ border: this.side, style: v }, () => {
      for (const t of this.targets()) eachCell(t, (cell) => (cell.borders = { ...cell.borders, [this.side]: v }));
    });
  }
  set color(_v: string) {
    this.context._queue({ border: this.side, color: _v }, () => undefined);
  }
  set weight(_v: string) {
    this.context._queue({ border: this.side, weight: _v }, () => undefined);
  }
}

export class RangeAreas extends ClientObject {
  private readonly resolver: () => { sheet: SheetModel; rects: Rect[] };
  private resolved: { sheet: SheetModel; rects: Rect[] } | undefined;
  private _format: RangeFormat | undefined;
  constructor(ctx: RequestContext, resolver: () => { sheet: SheetModel; rects: Rect[] }) {
    super(ctx);
    this.resolver = resolver;
  }
  /** @internal */
  _target(): { sheet: SheetModel; rects: Rect[] } {
    this.resolved ??= this.resolver();
    return this.resolved;
  }
  get address(): string {
    return this._get('address');
  }
  get areaCount(): number {
    return this._get('areaCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get format(): RangeFormat {
    this._format ??= new RangeFormat(this.context, () => {
      const t = this._target();
      return t.rects.map((rect) => ({ sheet: t.sheet, rect }));
    });
    return this._format;
  }
  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.context._queue({ clear: applyTo }, () => {
      const t = this._target();
      for (const rect of t.rects) clearRect(t.sheet, rect, applyTo);
    });
  }
  protected _scalarProps(): readonly string[] {
    return ['address', 'areaCount', 'cellCount'];
  }
  protected _read(prop: string): unknown {
    const t = this._target();
    if (prop === 'address') return t.rects.map((r) => `${quoteSheet(t.sheet.name)}!${formatArea(r)}`).join(',');
    if (prop === 'areaCount') return t.rects.length;
    return t.rects.reduce((n, r) => n + cellCount(r), 0);
  }
  protected override _nav(name: string): ClientObject | undefined {
    return name === 'format' ? this.format : undefined;
  }
  _exists(): boolean {
    this._target();
    return true;
  }
}

/**
 * Write-only conditional formats, as the add-in uses them: `range.conditionalFormats.add('Custom')`, then
 * `custom.rule.formula` and `custom.format.fill.color` / `font.color` (learn.microsoft.com, "Apply conditional
 * formatting to Excel ranges", Custom; ExcelApi 1.6). Each setter is one queued write, applied at sync.
 */
export class ConditionalFormatCollection {
  private readonly context: RequestContext;
  private readonly target: () => RangeTarget;
  constructor(ctx: RequestContext, target: () => RangeTarget) {
    this.context = ctx;
    this.target = target;
  }
  add(type: string): { custom: { rule: { formula: string }; format: { fill: { color: string }; font: { color: string } } } } {
    const state: ConditionalFormatState = { rect: { r1: 0, c1: 0, r2: 0, c2: 0 }, type };
    this.context._queue({ conditionalFormatAdd: type }, () => {
      const t = this.target();
      checkProtected(t);
      state.rect = t.rect;
      t.sheet.conditionalFormats.push(state);
    });
    const set = (patch: Partial<ConditionalFormatState>): void => this.context._queue({ conditionalFormat: patch }, () => void Object.assign(state, patch));
    return {
      custom: {
        rule: { set formula(v: string) { set({ formula: v }); }, get formula(): string { throw notLoaded('formula'); } },
        format: {
          fill: { set color(v: string) { set({ fill: v }); }, get color(): string { throw notLoaded('color'); } },
          font: { set color(v: string) { set({ fontColor: v }); }, get color(): string { throw notLoaded('color'); } },
        },
      },
    };
  }
}

export class DataValidation extends ClientObject {
  private readonly target: () => RangeTarget;
  constructor(ctx: RequestContext, target: () => RangeTarget) {
    super(ctx);
    this.target = target;
  }
  private find(): { rect: Rect; rule: unknown; prompt?: unknown; errorAlert?: unknown; ignoreBlanks?: boolean } | undefined {
    const t = this.target();
    return t.sheet.validations.find((v) => intersect(v.rect, t.rect));
  }
  private update(patch: Record<string, unknown>): void {
    this.context._queue({ dataValidation: patch }, () => {
      const t = this.target();
      checkProtected(t);
      const existing = t.sheet.validations.find((v) => v.rect.r1 === t.rect.r1 && v.rect.c1 === t.rect.c1 && v.rect.r2 === t.rect.r2 && v.rect.c2 === t.rect.c2);
      if (existing) Object.assign(existing, patch);
      else {
        t.sheet.validations = t.sheet.validations.filter((v) => !intersect(v.rect, t.rect));
        t.sheet.validations.push({ rect: t.rect, rule: null, ...patch });
      }
    });
  }
  get rule(): unknown {
    return this._get('rule');
  }
  set rule(v: unknown) {
    this.update({ rule: v });
  }
  get prompt(): unknown {
    return this._get('prompt');
  }
  set prompt(v: unknown) {
    this.update({ prompt: v });
  }
  get errorAlert(): unknown {
    return this._get('errorAlert');
  }
  set errorAlert(v: unknown) {
    this.update({ errorAlert: v });
  }
  get ignoreBlanks(): boolean {
    return this._get('ignoreBlanks');
  }
  set ignoreBlanks(v: boolean) {
    this.update({ ignoreBlanks: v });
  }
  clear(): void {
    this.context._queue({ dataValidationClear: true }, () => {
      const t = this.target();
      t.sheet.validations = t.sheet.validations.filter((v) => !intersect(v.rect, t.rect));
    });
  }
  protected _scalarProps(): readonly string[] {
    return ['rule', 'prompt', 'errorAlert', 'ignoreBlanks', 'type'];
  }
  protected _read(prop: string): unknown {
    const v = this.find();
    if (prop === 'type') {
      const rule = v?.rule as Record<string, unknown> | null | undefined;
      return rule ? (Object.keys(rule)[0] ?? 'None') : 'None';
    }
    return (v as Record<string, unknown> | undefined)?.[prop] ?? null;
  }
  _exists(): boolean {
    return true;
  }
}

// ---------------------------------------------------------------------------------------------------
// Notes (1.18) and comments (1.10)

function cellTarget(ctx: RequestContext, scope: Worksheet | null, address: Range | string): { sheet: SheetModel; row: number; column: number } {
  let sheet: SheetModel | undefined;
  let rect: Rect | null;
  if (typeof address === 'string') {
    const { sheet: name, local } = splitSheet(address);
    sheet = name ? ctx.host.model.sheet(name) : scope?._sheet();
    rect = parseArea(local);
  } else {
    const t = address._target();
    sheet = t.sheet;
    rect = t.rect;
  }
  if (!sheet || !rect || cellCount(rect) !== 1) throw new StandinError('InvalidArgument', `InvalidCellAddress: '${typeof address === 'string' ? address : 'range'}'.`);
  return { sheet, row: rect.r1, column: rect.c1 };
}

/** Notes or comments: of one worksheet, or of the whole workbook when `scope` is null. */
abstract class ScopedCollection<T extends ClientObject> extends ItemCollection<T> {
  protected readonly scope: Worksheet | null;
  constructor(ctx: RequestContext, scope: Worksheet | null, version: string, what: string) {
    super(ctx);
    this.scope = scope;
    ctx._gate(version, what);
  }
  /** @internal The sheets covered, at sync time. */
  protected _sheets(): SheetModel[] {
    return this.scope ? [this.scope._sheet()] : this.context.host.model.sheets;
  }
}

export class NoteCollection extends ScopedCollection<Note> {
  constructor(ctx: RequestContext, scope: Worksheet | null) {
    super(ctx, scope, '1.18', 'notes');
  }
  protected _currentItems(): Note[] {
    const items: Note[] = [];
    for (const sheet of this._sheets())
      for (const k of sheet.notes.keys()) {
        const { row, column } = SheetModel.unkey(k);
        items.push(new Note(this.context, () => ({ sheet, row, column }), false));
      }
    return items;
  }
  add(cellAddress: Range | string, content: string): Note {
    let at: { sheet: SheetModel; row: number; column: number } | undefined;
    this.context._queue({ addNote: typeof cellAddress === 'string' ? cellAddress : 'range', content }, () => {
      at = cellTarget(this.context, this.scope, cellAddress);
      const k = SheetModel.key(at.row, at.column);
      if (at.sheet.notes.has(k)) throw new StandinError('InvalidArgument', 'The cell already has a note.');
      at.sheet.notes.set(k, { content: String(content), author: 'Yanyin' });
    });
    return new Note(this.context, () => at ?? null, false);
  }
  getItem(key: string): Note {
    const n = new Note(this.context, () => cellTarget(this.context, this.scope, key), false);
    this.context._queue({ getNote: key }, () => void n._exists());
    return n;
  }
  getItemOrNullObject(key: string): Note {
    const n = new Note(this.context, () => cellTarget(this.context, this.scope, key), true);
    queueNullCheck(n, { getNote: key }, () => !n._has());
    return n;
  }
  getCount(): ClientResult<number> {
    const r = new ClientResult<number>();
    this.context._queue({ count: true }, (s) => {
      const n = this._sheets().reduce((a, sh) => a + sh.notes.size, 0);
      s.commits.push(() => r._resolve(n));
    });
    return r;
  }
}

export class Note extends ClientObject {
  private readonly at: () => { sheet: SheetModel; row: number; column: number } | null;
  constructor(ctx: RequestContext, at: () => { sheet: SheetModel; row: number; column: number } | null, nullable: boolean) {
    super(ctx);
    this.at = at;
    this._nullable = nullable;
  }
  /** @internal */
  _has(): boolean {
    const a = this.at();
    return !!a && a.sheet.notes.has(SheetModel.key(a.row, a.column));
  }
  get content(): string {
    return this._get('content');
  }
  set content(v: string) {
    this.context._queue({ noteContent: v }, () => {
      const a = this.at();
      const n = a?.sheet.notes.get(SheetModel.key(a.row, a.column));
      if (n) n.content = v;
      else if (!this._nullable) throw new StandinError('ItemNotFound', 'Note not found.');
    });
  }
  get authorName(): string {
    return this._get('authorName');
  }
  delete(): void {
    this.context._queue({ deleteNote: true }, () => {
      const a = this.at();
      if (!a || !a.sheet.notes.delete(SheetModel.key(a.row, a.column))) {
        if (!this._nullable) throw new StandinError('ItemNotFound', 'Note not found.');
      }
    });
  }
  getLocation(): Range {
    return new Range(this.context, () => {
      const a = this.at();
      return a ? { sheet: a.sheet, rect: { r1: a.row, c1: a.column, r2: a.row, c2: a.column } } : null;
    });
  }
  protected _scalarProps(): readonly string[] {
    return ['content', 'authorName'];
  }
  protected _read(prop: string): unknown {
    const a = this.at();
    const n = a?.sheet.notes.get(SheetModel.key(a.row, a.column));
    return prop === 'content' ? n?.content : n?.author;
  }
  _exists(): boolean {
    const has = this._has();
    if (!has && !this._nullable) throw new StandinError('ItemNotFound', 'The requested note does not exist.');
    return has;
  }
}

export class CommentCollection extends ScopedCollection<Comment> {
  constructor(ctx: RequestContext, scope: Worksheet | null) {
    super(ctx, scope, '1.10', 'comments');
  }
  private findById(id: string): { sheet: SheetModel; key: number } | null {
    for (const sheet of this.context.host.model.sheets) for (const [key, c] of sheet.comments) if (c.id === id) return { sheet, key };
    return null;
  }
  protected _currentItems(): Comment[] {
    const items: Comment[] = [];
    for (const sheet of this._sheets())
      for (const c of sheet.comments.values()) items.push(new Comment(this.context, () => this.findById(c.id), false));
    return items;
  }
  add(cellAddress: Range | string, content: string, _contentType?: string): Comment {
    let id = '';
    this.context._queue({ addComment: typeof cellAddress === 'string' ? cellAddress : 'range', content }, () => {
      if (this.context.host.config.commentsAddNotImplemented) throw new StandinError('NotImplemented', 'The requested operation is not implemented.');
      const at = cellTarget(this.context, this.scope, cellAddress);
      const k = SheetModel.key(at.row, at.column);
      if (at.sheet.comments.has(k)) throw new StandinError('InvalidArgument', 'The cell already has a comment.');
      id = newId('comment');
      at.sheet.comments.set(k, { id, content: String(content), author: 'Yanyin', resolved: false });
    });
    return new Comment(this.context, () => (id ? this.findById(id) : null), false);
  }
  getItem(commentId: string): Comment {
    const c = new Comment(this.context, () => this.findById(commentId), false);
    this.context._queue({ getComment: commentId }, () => void c._exists());
    return c;
  }
  getItemOrNullObject(commentId: string): Comment {
    this.context._gate('1.14', 'CommentCollection.getItemOrNullObject');
    const c = new Comment(this.context, () => this.findById(commentId), true);
    queueNullCheck(c, { getComment: commentId }, () => this.findById(commentId) === null);
    return c;
  }
  getItemByCell(cellAddress: Range | string): Comment {
    let found: { sheet: SheetModel; key: number } | null = null;
    const c = new Comment(this.context, () => found, false);
    this.context._queue({ getCommentByCell: typeof cellAddress === 'string' ? cellAddress : 'range' }, () => {
      const at = cellTarget(this.context, this.scope, cellAddress);
      const k = SheetModel.key(at.row, at.column);
      if (!at.sheet.comments.has(k)) throw new StandinError('ItemNotFound', 'The requested comment does not exist.');
      found = { sheet: at.sheet, key: k };
    });
    return c;
  }
}

export class Comment extends ClientObject {
  private readonly at: () => { sheet: SheetModel; key: number } | null;
  constructor(ctx: RequestContext, at: () => { sheet: SheetModel; key: number } | null, nullable: boolean) {
    super(ctx);
    this.at = at;
    this._nullable = nullable;
  }
  get id(): string {
    return this._get('id');
  }
  get content(): string {
    return this._get('content');
  }
  set content(v: string) {
    this.context._queue({ commentContent: v }, () => {
      const a = this.at();
      const c = a?.sheet.comments.get(a.key);
      if (!c) throw new StandinError('ItemNotFound', 'Comment not found.');
      c.content = v;
    });
  }
  get authorName(): string {
    return this._get('authorName');
  }
  get resolved(): boolean {
    return this._get('resolved');
  }
  delete(): void {
    this.context._queue({ deleteComment: true }, () => {
      const a = this.at();
      if (!a || !a.sheet.comments.delete(a.key)) {
        if (!this._nullable) throw new StandinError('ItemNotFound', 'Comment not found.');
      }
    });
  }
  getLocation(): Range {
    return new Range(this.context, () => {
      const a = this.at();
      if (!a) return null;
      const { row, column } = SheetModel.unkey(a.key);
      return { sheet: a.sheet, rect: { r1: row, c1: column, r2: row, c2: column } };
    });
  }
  protected _scalarProps(): readonly string[] {
    return ['id', 'content', 'authorName', 'resolved'];
  }
  protected _read(prop: string): unknown {
    const a = this.at();
    const c = a?.sheet.comments.get(a.key);
    if (!c) return null;
    if (prop === 'id') return c.id;
    if (prop === 'content') return c.content;
    if (prop === 'authorName') return c.author;
    return c.resolved;
  }
  _exists(): boolean {
    const a = this.at();
    const has = !!a && a.sheet.comments.has(a.key);
    if (!has && !this._nullable) throw new StandinError('ItemNotFound', 'The requested comment does not exist.');
    return has;
  }
}
