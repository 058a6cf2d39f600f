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
import type { SpreadsheetHost } from './univer-host';
import { createUniverPort, type UniverPort } from './univer-port';
import { emptyWorkbook, workbookToUniver } from './xlsx-open';
import { writeBack } from './xlsx-save';

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
  const port = createUniverPort(host.api, { notes: true });
  let controller = createPaneController({ port, engine: validationEngine(), locale });
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

  let draftTimer: ReturnType<typeof setTimeout> | null = null;
  host.api.addEvent(host.api.Event.CommandExecuted, (event) => {
    if (!event.id.startsWith('sheet.mutation.') || event.id.includes('selection')) return;
    if (draftTimer) clearTimeout(draftTimer);
    draftTimer = setTimeout(() => void session.saveDraft().catch(() => undefined), 1500);
  });

  const start = async (data: Parameters<SpreadsheetHost['open']>[0]): Promise<void> => {
    await controller.dispose();
    host.open(data);
    controller = createPaneController({ port, engine: validationEngine(), locale });
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
      const Excel = await exceljs();
      const wb = new Excel.Workbook();
      if (draft.original) await wb.xlsx.load(draft.original);
      writeBack(wb, draft.sheets);
      name = draft.fileName;
      original = draft.original;
      await start(workbookToUniver(wb, draft.fileName));
    },
    async saveBytes() {
      const Excel = await exceljs();
      const wb = new Excel.Workbook();
      if (original) await wb.xlsx.load(original);
      const grid = await port.readWorkbook();
      writeBack(wb, grid.sheets);
      return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
    },
    async saveDraft() {
      const grid = await port.readWorkbook();
      await draftStore.save({ fileName: name, original, sheets: grid.sheets, savedAt: Date.now() });
      emit();
    },
  };
  return session;
}
