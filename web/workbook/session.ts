/**
 * One open workbook in the page: the spreadsheet host, the port, the pane's controller (made afresh for
 * each opened file), the round trip with the server (one for the page), the original file's bytes for
 * saving, and the draft kept in the browser. No React here: WorkbookApp renders what this exposes.
 */
import type ExcelJS from 'exceljs';
import { createPaneController, type PaneController } from '../../addin/app/controller';
import { createCoreEngine } from '../../addin/app/core-engine';
import type { ValidationEngine } from '../../addin/app/engine';
import { createWorkerEngine } from '../../addin/app/worker-engine';
import { createRemoteController, type RemoteController } from '../../addin/app/remote';
import type { Locale } from '../../core/issues/issue';
import { draftStore, type Draft } from './draft-store';
import { createEditTracker } from './edit-tracker';
import type { SpreadsheetHost } from './univer-host';
import { createUniverPort, type UniverPort } from './univer-port';
import { emptyWorkbook, workbookToUniver } from './xlsx-open';
import { applyStructureOps } from './xlsx-structure';
import { writeBack } from './xlsx-save';
import type { ListValidation } from './xlsx-validations';

/**
 * Univer raises all the mutations of one command (a typed cell, a paste, a row deletion, an undo) in one
 * task, so a short quiet time already gathers the burst; the add-in's 250 ms waits for Excel's separate
 * events, and here would only delay the highlight.
 */
const LIVE_DEBOUNCE_MS = 40;

function validationEngine(): ValidationEngine {
  if (typeof Worker !== 'function') return createCoreEngine();
  return createWorkerEngine({
    spawn: () => new Worker(new URL('../../addin/app/validation-worker.ts', import.meta.url), { type: 'module' }),
    fallback: createCoreEngine,
  });
}

async function exceljs(): Promise<typeof ExcelJS> {
  const mod = (await import('exceljs')) as unknown as { default?: typeof ExcelJS } & typeof ExcelJS;
  return mod.default ?? mod;
}

export interface WorkbookSession {
  readonly port: UniverPort;
  readonly remote: RemoteController;
  controller(): PaneController;
  fileName(): string;
  /** Listeners hear when the controller is replaced (a new file) or the draft is saved. */
  subscribe(listener: () => void): () => void;
  openBytes(fileName: string, bytes: ArrayBuffer): Promise<void>;
  openBlank(): Promise<void>;
  restore(draft: Draft): Promise<void>;
  /** The workbook as an .xlsx: the original file with the clerk's edits written back. */
  saveBytes(): Promise<ArrayBuffer>;
  saveDraft(): Promise<void>;
}

export function createWorkbookSession(host: SpreadsheetHost, locale: Locale): WorkbookSession {
  const port = createUniverPort(host.api, { notes: true, locale });
  // The draft's edit tracker reuses the controller's full reads instead of reading 20,000 rows again.
  const tracker = createEditTracker();
  const controllerPort: UniverPort = { ...port, readWorkbook: tracker.sharing(port.readWorkbook) };
  let controller = createPaneController({ port: controllerPort, engine: validationEngine(), locale, debounceMs: LIVE_DEBOUNCE_MS });
  let name = '工作簿.xlsx';
  let original: ArrayBuffer | null = null;
  const listeners = new Set<() => void>();
  const emit = (): void => {
    for (const l of listeners) l();
  };
  const remote = createRemoteController(port, (input, init) => window.fetch(input, init), window.localStorage, {
    partitionKey: 'web-workbook',
    afterWrite: () => controller.validateAll(),
    showServerIssues: (issues) => controller.showServerIssues(issues),
  });

  // The draft follows the clerk's edits: saved 1.5 s after the last change that touched values or rows,
  // when the browser is idle, re-reading only the rows that changed.
  let draftTimer: ReturnType<typeof setTimeout> | null = null;
  const whenIdle = (fn: () => void): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 3000 });
    else setTimeout(fn, 0);
  };
  host.api.addEvent(host.api.Event.CommandExecuted, (event) => {
    const params = (event.params ?? {}) as Record<string, unknown>;
    const wb = host.api.getActiveWorkbook();
    if (!wb || params.unitId !== wb.getId()) return;
    const sheet = typeof params.subUnitId === 'string' ? (wb.getSheetBySheetId(params.subUnitId)?.getSheetName() ?? null) : null;
    if (!tracker.onMutation(event.id, params, sheet)) return;
    if (draftTimer) clearTimeout(draftTimer);
    draftTimer = setTimeout(() => whenIdle(() => void session.saveDraft().catch(() => undefined)), 1500);
  });

  /** The original file with the clerk's row and column edits and values written back (and new sheets' dropdowns). */
  const edited = async (
    bytes: ArrayBuffer | null,
    ops: Parameters<typeof applyStructureOps>[1],
    sheets: Parameters<typeof writeBack>[1],
    dropdowns: Parameters<typeof writeBack>[2],
  ): Promise<ExcelJS.Workbook> => {
    const Excel = await exceljs();
    const wb = new Excel.Workbook();
    if (bytes) {
      await wb.xlsx.load(bytes);
      applyStructureOps(wb, ops);
    }
    writeBack(wb, sheets, dropdowns);
    return wb;
  };

  /** Every sheet's dropdowns as the browser holds them (a few model look-ups: no cell is read). */
  const dropdowns = (sheets: readonly { name: string }[]): Record<string, ListValidation[]> => {
    const out: Record<string, ListValidation[]> = {};
    for (const s of sheets) {
      const list = port.listValidations(s.name);
      if (list.length > 0) out[s.name] = list;
    }
    return out;
  };

  const start = async (data: Parameters<SpreadsheetHost['open']>[0], ops: Draft['rowOps'] = []): Promise<void> => {
    await controller.dispose();
    host.open(data);
    tracker.start(ops);
    controller = createPaneController({ port: controllerPort, engine: validationEngine(), locale, debounceMs: LIVE_DEBOUNCE_MS });
    emit();
    await controller.start();
  };

  const session: WorkbookSession = {
    port,
    remote,
    controller: () => controller,
    fileName: () => name,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async openBytes(fileName, bytes) {
      const Excel = await exceljs();
      const wb = new Excel.Workbook();
      await wb.xlsx.load(bytes);
      name = fileName;
      original = bytes;
      await start(workbookToUniver(wb, fileName));
    },
    async openBlank() {
      name = '工作簿.xlsx';
      original = null;
      await start(emptyWorkbook());
    },
    async restore(draft) {
      const ops = draft.rowOps ?? [];
      const wb = await edited(draft.original, ops, draft.sheets, draft.dropdowns);
      name = draft.fileName;
      original = draft.original;
      await start(workbookToUniver(wb, draft.fileName), ops);
    },
    async saveBytes() {
      const sheets = await tracker.grid(port);
      const wb = await edited(original, tracker.rowOps(), sheets, dropdowns(sheets));
      return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
    },
    async saveDraft() {
      const sheets = await tracker.grid(port);
      await draftStore.save({ fileName: name, original, sheets, rowOps: tracker.rowOps(), dropdowns: dropdowns(sheets), savedAt: Date.now() });
      emit();
    },
  };
  return session;
}
