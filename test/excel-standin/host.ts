/**
 * The stand-in's "Excel process": the workbook model, the configuration (highest ExcelApi version, the
 * 5 MB payload limit of Excel on the web), per-sync statistics and the event registrations. Request
 * contexts (api.ts) talk to it only at `sync()`, like the real add-in runtime talks to Excel.
 */
import { formatArea, type Rect } from './a1';
import { WorkbookModel, type SheetModel, type ValueType } from './model';

export interface StandinConfig {
  /** Highest ExcelApi requirement set the host claims, e.g. `'1.7'` (Office 2019) or `'1.18'` (Microsoft 365). */
  maxApi: string;
  /** Bytes per request and per response; Excel on the web allows 5 MB. */
  payloadLimit: number;
  /** `Office.context.diagnostics.platform`. */
  platform: 'OfficeOnline' | 'PC' | 'Mac';
  /** Delay before event handlers run after the change (Excel delivers events asynchronously). */
  eventDelayMs: number;
  partitionKey: string;
  /** Address strings longer than this make RangeAreas calls fail (OfficeDev/office-js#5198). */
  maxAddressLength: number;
  /**
   * Highest ExcelApi version the loaded office.js LIBRARY implements, apart from what the host claims:
   * `isSetSupported` answers for the host, but a proxy class the library lacks is simply absent. The
   * npm @microsoft/office-js (the /office-js/ fallback, no longer officially supported) has no
   * `NoteCollection`, so on a host claiming 1.18 `worksheet.notes` is undefined. Default: the newest.
   */
  libraryApi: string;
  /** `comments.add` fails with NotImplemented at sync (seen on some builds: office-js-docs-pr#2006, office-js#1847). */
  commentsAddNotImplemented: boolean;
  /** The code an over-limit payload fails with: often GeneralException in real Excel (office-js#1012, #2564). */
  payloadErrorCode: 'PayloadSizeLimitExceeded' | 'GeneralException';
  /**
   * Events carry no `details` at all. Excel gives `details` only for single-cell edits, and not always
   * (multi-cell edits and pastes: OfficeDev/office-js#5347, #5308); an add-in must re-read what changed.
   */
  omitDetails: boolean;
}

export const DEFAULT_CONFIG: StandinConfig = {
  maxApi: '1.18',
  payloadLimit: 5 * 1024 * 1024,
  platform: 'OfficeOnline',
  eventDelayMs: 1,
  partitionKey: 'standin-partition',
  maxAddressLength: 8192,
  libraryApi: '1.20',
  commentsAddNotImplemented: false,
  payloadErrorCode: 'PayloadSizeLimitExceeded',
  omitDetails: false,
};

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ops: number;
  /** Which Excel.run this sync belonged to (1-based). */
  run: number;
  /** Excel refused the sync (payload limit, ApiNotFound, ItemNotFound …). */
  failed?: boolean;
}

export interface SyncStats {
  syncs: number;
  runs: number;
  records: SyncRecord[];
  maxRequestBytes: number;
  maxResponseBytes: number;
}

export interface ChangedDetails {
  valueAfter: unknown;
  valueBefore: unknown;
  valueTypeAfter: ValueType;
  valueTypeBefore: ValueType;
}

export interface ChangedEventArgs {
  address: string;
  changeType: string;
  source: 'Local' | 'Remote';
  type: 'WorksheetChanged';
  worksheetId: string;
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
  details?: ChangedDetails;
}

/** `onRowSorted` (ExcelApi 1.10) and `onSelectionChanged` (1.7 per sheet, 1.9 on the collection). */
export interface SheetEventArgs {
  address: string;
  type: 'WorksheetRowSorted' | 'WorksheetSelectionChanged';
  worksheetId: string;
  source?: 'Local' | 'Remote';
}

export type EventKind = 'changed' | 'rowSorted' | 'selectionChanged';

export interface Registration {
  kind: EventKind;
  /** null: the worksheet collection's event (every sheet). */
  sheetId: string | null;
  handler: (args: never) => unknown;
  active: boolean;
  /** Generation of the pane that registered it; a reload drops older registrations. */
  generation: number;
}

export type ErrorCode =
  | 'NotImplemented'
  | 'PropertyNotLoaded'
  | 'RequestPayloadSizeLimitExceeded'
  | 'ResponsePayloadSizeLimitExceeded'
  | 'ItemNotFound'
  | 'ItemAlreadyExists'
  | 'InvalidArgument'
  | 'InvalidReference'
  | 'ApiNotFound'
  | 'AccessDenied'
  | 'InvalidOperation'
  | 'GeneralException'
  | 'InvalidObjectPath';

/** Shaped like OfficeExtension.Error. */
export class StandinError extends Error {
  readonly code: ErrorCode;
  readonly debugInfo: { code: ErrorCode; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];
  constructor(code: ErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const encoder = new TextEncoder();
/** UTF-8 size of the JSON text of `x` (what travels between the add-in and Excel). */
export function jsonBytes(x: unknown): number {
  const s = JSON.stringify(x) ?? '';
  // Fast path: ASCII-only text has as many bytes as characters.
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s.length : encoder.encode(s).length;
}

export class Host {
  readonly model: WorkbookModel;
  config: StandinConfig;
  stats: SyncStats = { syncs: 0, runs: 0, records: [], maxRequestBytes: 0, maxResponseBytes: 0 };
  registrations: Registration[] = [];
  generation = 1;
  private pendingEvents = 0;
  private idleWaiters: (() => void)[] = [];
  /** Called after every user action or sync that changed something (the DOM grid view re-renders). */
  onModelChanged: (() => void) | null = null;
  /**
   * What Ctrl+Z would undo, newest last: one entry per clerk action, and per add-in sync that wrote
   * something, except that an `Excel.run({ mergeUndoGroup: true })` on ExcelApi 1.20 is one entry
   * ("Undo grouping", learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities).
   */
  readonly undoLog: { by: 'clerk' | 'add-in'; run?: number }[] = [];

  /** Records an add-in sync that wrote; merged into the run's group when the run asked for one. */
  recordUndo(run: number, merge: boolean): void {
    const last = this.undoLog[this.undoLog.length - 1];
    if (merge && this.supports('1.20') && last?.by === 'add-in' && last.run === run) return;
    this.undoLog.push({ by: 'add-in', run });
  }

  /** Errors thrown by event handlers (a real host swallows them; tests can inspect them). */
  readonly handlerErrors: unknown[] = [];

  constructor(config: Partial<StandinConfig> = {}, model?: WorkbookModel) {
    this.config = { ...DEFAULT_CONFIG, ...config };
    this.model = model ?? new WorkbookModel();
  }

  /** What `isSetSupported('ExcelApi', version)` answers: the host's claim. */
  supports(version: string): boolean {
    return compareVersions(this.config.maxApi, version) >= 0;
  }

  /** Whether the loaded office.js library has the proxies of this version (see `libraryApi`). */
  libraryKnows(version: string): boolean {
    return compareVersions(this.config.libraryApi, version) >= 0;
  }

  resetStats(): void {
    this.stats = { syncs: 0, runs: 0, records: [], maxRequestBytes: 0, maxResponseBytes: 0 };
  }

  record(r: SyncRecord): void {
    this.stats.syncs++;
    this.stats.records.push(r);
    // Max sizes are those Excel accepted; a refused sync is in `records` with `failed`.
    if (r.failed) return;
    if (r.requestBytes > this.stats.maxRequestBytes) this.stats.maxRequestBytes = r.requestBytes;
    if (r.responseBytes > this.stats.maxResponseBytes) this.stats.maxResponseBytes = r.responseBytes;
  }

  /**
   * Queues onChanged for one changed area. `changeType` depends on the host: before ExcelApi 1.9 (build
   * 1908) inserted and deleted rows and columns arrive as plain `RangeEdited` on the rows or columns
   * (OfficeDev/office-js-docs-pr#1303; `DataChangeType`, learn.microsoft.com/javascript/api/excel).
   */
  fireChanged(sheet: SheetModel, rect: Rect, changeType: string, fromAddin: boolean, details?: ChangedDetails): void {
    const args: ChangedEventArgs = {
      address: formatArea(rect),
      changeType: this.supports('1.9') ? changeType : 'RangeEdited',
      source: 'Local',
      type: 'WorksheetChanged',
      worksheetId: sheet.id,
    };
    if (this.supports('1.14')) args.triggerSource = fromAddin ? 'ThisLocalAddin' : 'Unknown';
    if (details && this.supports('1.9') && !this.config.omitDetails) args.details = details;
    this.deliver('changed', sheet, args);
  }

  /** Queues `onRowSorted` / `onSelectionChanged` (their args have no triggerSource or details). */
  fireSheetEvent(kind: 'rowSorted' | 'selectionChanged', sheet: SheetModel, rect: Rect): void {
    const args: SheetEventArgs = {
      address: formatArea(rect),
      type: kind === 'rowSorted' ? 'WorksheetRowSorted' : 'WorksheetSelectionChanged',
      worksheetId: sheet.id,
      ...(kind === 'rowSorted' ? { source: 'Local' as const } : {}),
    };
    this.deliver(kind, sheet, args);
  }

  /** Excel delivers events asynchronously, `eventDelayMs` later (seconds on a busy host), in order. */
  private deliver(kind: EventKind, sheet: SheetModel, args: ChangedEventArgs | SheetEventArgs): void {
    const targets = this.registrations.filter((r) => r.active && r.kind === kind && (r.sheetId === null || r.sheetId === sheet.id));
    for (const reg of targets) {
      this.pendingEvents++;
      setTimeout(() => {
        try {
          if (reg.active) {
            const out = (reg.handler as (a: unknown) => unknown)({ ...args });
            if (out && typeof (out as Promise<unknown>).then === 'function')
              (out as Promise<unknown>).catch((e: unknown) => this.handlerErrors.push(e));
          }
        } catch (e) {
          this.handlerErrors.push(e);
        } finally {
          this.pendingEvents--;
          this.checkIdle();
        }
      }, this.config.eventDelayMs);
    }
  }

  /** Resolves when no event is waiting to be delivered. */
  eventsDelivered(): Promise<void> {
    if (this.pendingEvents === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private checkIdle(): void {
    if (this.pendingEvents > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  changed(): void {
    this.onModelChanged?.();
  }
}
