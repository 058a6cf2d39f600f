/**
 * The messages between the pane (worker-engine.ts) and the validation worker (validation-worker.ts), and
 * the worker's side of them as a plain function so Node tests can run it without a Worker. Everything in
 * a message is plain data (structured-clone safe): the workbook travels once, when the session starts;
 * afterwards only the rows a mutation touches. A large sheet travels as `stage` slices before the `create`
 * (or `replaceSheet`) that uses it: postMessage copies on the sender's thread, and one 50,000-row message
 * would block the pane for about a second.
 */
import type { SheetGrid, WorkbookGrid } from '../../core/grid/cell';
import type { ValidateOptions, ValidationReport } from '../../core/report';
import type { LiveSession, ValidationEngine } from './engine';

interface RequestBase {
  /** Answers carry the same id (one per call). */
  id: number;
  /** The session the call is for; the worker keeps only the newest one. */
  session: number;
}

export type EngineRequest =
  /** Appends rows to the named sheet of the session's next `create`/`replaceSheet` (rows staged first). */
  | (RequestBase & { kind: 'stage'; sheet: string; rows: SheetGrid['rows'] })
  | (RequestBase & { kind: 'create'; workbook: WorkbookGrid; options: ValidateOptions })
  | (RequestBase & { kind: 'replaceRows'; sheet: string; fromRow: number; rows: SheetGrid['rows'] })
  | (RequestBase & { kind: 'insertRows'; sheet: string; atRow: number; count: number })
  | (RequestBase & { kind: 'deleteRows'; sheet: string; atRow: number; count: number })
  | (RequestBase & { kind: 'replaceSheet'; grid: SheetGrid });

export type EngineResponse =
  /** `report` is null only for `stage`. */
  | { id: number; ok: true; report: ValidationReport | null }
  | { id: number; ok: false; error: { name: string; message: string } };

/** Strips a request's envelope: what each kind carries besides id and session. */
export type RequestBody = EngineRequest extends infer R
  ? R extends EngineRequest
    ? Omit<R, 'id' | 'session'>
    : never
  : never;

/**
 * The worker's state machine: owns one live session (a newer `create` replaces it) and answers every
 * request, errors included, as data. Never throws.
 */
export function createRequestHandler(
  engine: ValidationEngine,
): (request: EngineRequest) => Promise<EngineResponse> {
  let current: { id: number; live: LiveSession } | null = null;
  let staging: { session: number; sheets: Map<string, SheetGrid['rows']> } | null = null;

  /** The grid with the rows staged for it in front of its own. */
  const withStaged = (session: number, grid: SheetGrid): SheetGrid => {
    const staged = staging?.session === session ? staging.sheets.get(grid.name) : undefined;
    if (!staged) return grid;
    staging?.sheets.delete(grid.name);
    return { name: grid.name, rows: grid.rows.length === 0 ? staged : staged.concat(grid.rows) };
  };

  const run = async (request: EngineRequest): Promise<ValidationReport | null> => {
    if (request.kind === 'stage') {
      if (staging?.session !== request.session) {
        if (current?.id !== request.session) current = null; // a new check: free the old session early
        staging = { session: request.session, sheets: new Map() };
      }
      const rows = staging.sheets.get(request.sheet);
      if (rows) for (const r of request.rows) rows.push(r);
      else staging.sheets.set(request.sheet, request.rows.slice()); // never grow the message's array
      return null;
    }
    if (request.kind === 'create') {
      current = null; // drop the old session before building the new one (memory)
      const workbook = { sheets: request.workbook.sheets.map((s) => withStaged(request.session, s)) };
      staging = null;
      const live = await engine.createSession(workbook, request.options);
      current = { id: request.session, live };
      return live.report();
    }
    if (!current || current.id !== request.session)
      throw new Error(`validation session ${request.session} is closed (a newer check replaced it)`);
    const live = current.live;
    switch (request.kind) {
      case 'replaceRows':
        return live.replaceRows(request.sheet, request.fromRow, request.rows);
      case 'insertRows':
        return live.insertRows(request.sheet, request.atRow, request.count);
      case 'deleteRows':
        return live.deleteRows(request.sheet, request.atRow, request.count);
      case 'replaceSheet': {
        const grid = withStaged(request.session, request.grid);
        staging = null;
        return live.replaceSheet(grid);
      }
    }
  };

  return async (request) => {
    const id = typeof request?.id === 'number' ? request.id : -1;
    try {
      return { id, ok: true, report: await run(request) };
    } catch (error) {
      return { id, ok: false, error: errorData(error) };
    }
  };
}

export function errorData(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message || error.name }
    : { name: 'Error', message: String(error) };
}
