/**
 * The ValidationEngine the pane uses in the browser: the core's live session runs in a Web Worker
 * (validation-worker.ts), so validating a 50,000-row workbook never freezes the pane. Each call is one
 * request with its own id; the answer is the new report, or the error as data (the promise rejects and
 * the controller shows it). The workbook is sent once, when the session starts (in acknowledged slices
 * of `chunkRows` rows, so copying it never blocks the pane for long); later calls carry only the rows
 * they change. The pane keeps its own copy of the rows it sent (the grid it read anyway), so
 * `cell()` and `rowCount()` stay synchronous and free.
 */
import { packs as corePacks } from '../../core/templates/registry';
import type { Cell, SheetGrid, WorkbookGrid } from '../../core/grid/cell';
import type { ValidationReport } from '../../core/report';
import type { TemplatePackSpec } from '../../core/templates/types';
import type { LiveSession, ValidationEngine } from './engine';
import type { Issue } from '../../core/issues/issue';
import { applyIssueDelta, type EngineRequest, type EngineResponse, type RequestBody } from './worker-protocol';

/** The part of `Worker` the engine uses (tests pass an in-process shim). */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror?: ((event: MessageEvent) => void) | null;
  terminate(): void;
}

export interface WorkerEngineOptions {
  /** Starts the worker; called on the first session (and again after the worker died). */
  spawn: () => WorkerLike;
  /** The template packs (the pane lists them; the worker has its own copy). Defaults to core's. */
  packs?: readonly TemplatePackSpec[];
  /** Used instead when the worker cannot start (no module workers, blocked script): the in-thread engine. */
  fallback?: () => ValidationEngine;
  /**
   * Larger sheets are sent in slices of this many rows, each acknowledged before the next, so the pane's
   * thread never copies more than one slice at a time (≈20 ms for 2,000 rows).
   */
  chunkRows?: number;
}

export interface WorkerEngine extends ValidationEngine {
  /** Stops the worker; pending calls reject. */
  dispose(): void;
}

/** The worker died (or never started) before answering. */
class WorkerLostError extends Error {
  constructor(
    message: string,
    /** True when this worker never answered anything: it most likely could not start at all. */
    readonly startup: boolean,
  ) {
    super(message);
    this.name = 'WorkerLostError';
  }
}

interface Pending {
  session: number;
  resolve: (report: ValidationReport | null) => void;
  reject: (error: Error) => void;
}

export function createWorkerEngine(options: WorkerEngineOptions): WorkerEngine {
  const packs = options.packs ?? corePacks;
  let worker: WorkerLike | null = null;
  let answered = false;
  let fallback: ValidationEngine | null = null;
  let nextId = 1;
  let nextSession = 1;
  const pending = new Map<number, Pending>();
  /** The last report's issues of the newest session: what the worker's next delta applies to. */
  let base: { session: number; seq: number; issues: Issue[] } | null = null;
  const chunkRows = Math.max(1, options.chunkRows ?? 2000);

  const lose = (message: string, canBeStartup = true): void => {
    const w = worker;
    const startup = canBeStartup && !answered;
    worker = null;
    answered = false;
    if (w) {
      w.onmessage = null;
      w.onerror = null;
      w.onmessageerror = null;
      try {
        w.terminate();
      } catch {
        // already gone
      }
    }
    const calls = [...pending.values()];
    pending.clear();
    for (const p of calls) p.reject(new WorkerLostError(message, startup));
  };

  const ensureWorker = (): WorkerLike => {
    if (worker) return worker;
    const w = options.spawn();
    w.onmessage = (event) => {
      const response = event.data as EngineResponse;
      const call = pending.get(response.id);
      if (!call) return;
      pending.delete(response.id);
      answered = true;
      if (response.ok && response.report && response.seq !== undefined) {
        let issues: Issue[] | null = response.report.issues;
        if (response.delta) {
          const from = base?.session === call.session && base.seq === response.delta.base ? base.issues : null;
          issues = from && applyIssueDelta(from, response.delta);
        }
        if (!issues) {
          base = null;
          call.reject(new Error('校验线程的结果与窗格不一致，请点“重新检查”。(the validation worker lost track of the issues)'));
          return;
        }
        base = { session: call.session, seq: response.seq, issues };
        call.resolve(response.delta ? { ...response.report, issues } : response.report);
      } else if (response.ok) call.resolve(response.report);
      else call.reject(Object.assign(new Error(response.error.message), { name: response.error.name }));
    };
    w.onerror = (event) => {
      event.preventDefault(); // handled here: do not log it again as uncaught
      lose(`validation worker failed: ${event.message || 'it could not start'}`);
    };
    w.onmessageerror = () => lose('validation worker sent an unreadable message');
    worker = w;
    return w;
  };

  const post = (
    w: WorkerLike | null,
    session: number,
    body: RequestBody,
  ): Promise<ValidationReport | null> => {
    if (!w || w !== worker)
      return Promise.reject(new Error('校验线程已停止，请点“重新检查”。(the validation worker stopped)'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { session, resolve, reject });
      try {
        w.postMessage({ ...body, id, session } as EngineRequest);
      } catch (error) {
        // e.g. DataCloneError: nothing was sent
        pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  };

  const call = async (
    w: WorkerLike | null,
    session: number,
    body: RequestBody,
  ): Promise<ValidationReport> => {
    const report = await post(w, session, body);
    if (!report) throw new Error(`validation worker answered ${body.kind} without a report`);
    return report;
  };

  /** Sends the rows of a large grid ahead as `stage` slices; returns the grid left to send with the call. */
  const stage = async (
    w: WorkerLike,
    session: number,
    grid: SheetGrid,
    always = false,
  ): Promise<SheetGrid> => {
    if (grid.rows.length <= chunkRows && !(always && grid.rows.length > 0)) return grid;
    for (let from = 0; from < grid.rows.length; from += chunkRows)
      await post(w, session, {
        kind: 'stage',
        sheet: grid.name,
        rows: grid.rows.slice(from, from + chunkRows),
      });
    return { name: grid.name, rows: [] };
  };

  const useFallback = (error: unknown): ValidationEngine | null => {
    if (!options.fallback) return null;
    console.warn('[yanyin] validation worker unavailable, validating in the pane instead', error);
    fallback = options.fallback();
    return fallback;
  };

  return {
    packs: () => packs,
    async createSession(workbook, validateOptions) {
      if (fallback) return fallback.createSession(workbook, validateOptions);
      let w: WorkerLike;
      try {
        w = ensureWorker();
      } catch (error) {
        const other = useFallback(error);
        if (!other) throw error;
        return other.createSession(workbook, validateOptions);
      }
      const session = nextSession++;
      const mirror = createGridMirror(workbook);
      let first: ValidationReport;
      try {
        // Many small sheets add up too: past one slice in all, every sheet goes ahead in slices.
        const total = workbook.sheets.reduce((n, sheet) => n + sheet.rows.length, 0);
        const sheets: SheetGrid[] = [];
        for (const sheet of workbook.sheets) sheets.push(await stage(w, session, sheet, total > chunkRows));
        first = await call(w, session, { kind: 'create', workbook: { sheets }, options: validateOptions });
      } catch (error) {
        const other = error instanceof WorkerLostError && error.startup ? useFallback(error) : null;
        if (!other) throw error;
        return other.createSession(workbook, validateOptions);
      }
      let report = first;
      const send = (body: RequestBody, apply: () => void): Promise<ValidationReport> =>
        call(w, session, body).then((next) => {
          apply();
          report = next;
          return next;
        });
      const live: LiveSession = {
        report: () => report,
        cell: mirror.cell,
        rowCount: mirror.rowCount,
        replaceRows: (sheet, fromRow, rows) =>
          send({ kind: 'replaceRows', sheet, fromRow, rows }, () => mirror.replaceRows(sheet, fromRow, rows)),
        insertRows: (sheet, atRow, count) =>
          send({ kind: 'insertRows', sheet, atRow, count }, () => mirror.insertRows(sheet, atRow, count)),
        deleteRows: (sheet, atRow, count) =>
          send({ kind: 'deleteRows', sheet, atRow, count }, () => mirror.deleteRows(sheet, atRow, count)),
        replaceSheet: async (grid) => {
          const rest = await stage(w, session, grid);
          return send({ kind: 'replaceSheet', grid: rest }, () => mirror.replaceSheet(grid));
        },
      };
      return live;
    },
    dispose() {
      lose('validation worker stopped', false);
    },
  };
}

export interface GridMirror extends Pick<LiveSession, 'cell' | 'rowCount'> {
  replaceRows(sheet: string, fromRow: number, rows: SheetGrid['rows']): void;
  insertRows(sheet: string, atRow: number, count: number): void;
  deleteRows(sheet: string, atRow: number, count: number): void;
  replaceSheet(grid: SheetGrid): void;
}

/**
 * The pane's copy of the cells the worker's session holds, changed exactly as the core session changes
 * its own (core/session.ts: rows padded, never trimmed; row calls on an unknown sheet do nothing). Row
 * arrays are shared with the grids the port read, never mutated.
 */
export function createGridMirror(workbook: WorkbookGrid): GridMirror {
  const sheets: SheetGrid[] = workbook.sheets.map((s) => ({ name: s.name, rows: s.rows.slice() }));
  const find = (name: string): SheetGrid | undefined => sheets.find((s) => s.name === name);
  const row1 = (n: number): number => Math.max(1, Number.isFinite(n) ? Math.floor(n) : 1);
  return {
    cell: (sheet, row, column): Cell | undefined => find(sheet)?.rows[row - 1]?.[column - 1] ?? undefined,
    rowCount: (sheet) => find(sheet)?.rows.length ?? 0,
    replaceRows(sheet, fromRow, rows) {
      const grid = find(sheet);
      if (!grid) return;
      const from = row1(fromRow);
      while (grid.rows.length < from - 1) grid.rows.push([]);
      rows.forEach((r, k) => {
        grid.rows[from - 1 + k] = Array.isArray(r) ? r : [];
      });
    },
    insertRows(sheet, atRow, count) {
      const grid = find(sheet);
      if (!grid) return;
      const at = row1(atRow);
      while (grid.rows.length < at - 1) grid.rows.push([]);
      grid.rows.splice(at - 1, 0, ...Array.from({ length: Math.max(0, count) }, () => []));
    },
    deleteRows(sheet, atRow, count) {
      const grid = find(sheet);
      if (!grid) return;
      grid.rows.splice(row1(atRow) - 1, Math.max(0, Number.isFinite(count) ? Math.floor(count) : 0));
    },
    replaceSheet(grid) {
      const copy = { name: grid.name, rows: grid.rows.slice() };
      const i = sheets.findIndex((s) => s.name === grid.name);
      if (i >= 0) sheets[i] = copy;
      else sheets.push(copy);
    },
  };
}
