/**
 * The messages between the pane (worker-engine.ts) and the validation worker (validation-worker.ts), and
 * the worker's side of them as a plain function so Node tests can run it without a Worker. Everything in
 * a message is plain data (structured-clone safe): the workbook travels once, when the session starts;
 * afterwards only the rows a mutation touches. A large sheet travels as `stage` slices before the `create`
 * (or `replaceSheet`) that uses it: postMessage copies on the sender's thread, and one 50,000-row message
 * would block the pane for about a second.
 */
import type { SheetGrid, WorkbookGrid } from '../../core/grid/cell';
import type { Issue } from '../../core/issues/issue';
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
  /**
   * `report` is null only for `stage`. `seq` numbers the session's reports; with `delta`, `report.issues`
   * is empty and the issues are report `delta.base`'s with the delta applied (applyIssueDelta).
   */
  | { id: number; ok: true; report: ValidationReport | null; seq?: number; delta?: IssueDelta }
  | { id: number; ok: false; error: { name: string; message: string } };

/**
 * The issues of a report as edits of the previous report's list (issue #12: one cell edited on a sheet
 * with 22,858 issues posted them all and the pane's thread copied them back): a positive number keeps that
 * many of the previous issues, a negative one drops that many, an array inserts these issues.
 */
export interface IssueDelta {
  base: number;
  ops: (number | Issue[])[];
}

/**
 * The delta from `before` to `after`, or null when it would not be smaller. Issues are matched by identity
 * (the core keeps an unchanged issue's object), so it costs one pass and a set look-up per issue.
 */
export function issueDelta(before: readonly Issue[], after: readonly Issue[], beforeSet: ReadonlySet<Issue>, base: number): IssueDelta | null {
  const ops: (number | Issue[])[] = [];
  const push = (op: number | Issue): void => {
    const last = ops[ops.length - 1];
    if (typeof op !== 'number') {
      if (Array.isArray(last)) last.push(op);
      else ops.push([op]);
    } else if (typeof last === 'number' && Math.sign(last) === Math.sign(op)) ops[ops.length - 1] = last + op;
    else ops.push(op);
  };
  let i = 0;
  let added = 0;
  for (const issue of after) {
    if (!beforeSet.has(issue)) {
      push(issue);
      if (++added * 2 > after.length) return null;
      continue;
    }
    while (i < before.length && before[i] !== issue) {
      push(-1);
      i++;
    }
    if (i === before.length) return null; // kept issues changed order: send the whole list
    push(1);
    i++;
  }
  if (i < before.length) push(i - before.length);
  return { base, ops };
}

/** `before` with a delta applied; null when the delta does not fit it. */
export function applyIssueDelta(before: readonly Issue[], delta: IssueDelta): Issue[] | null {
  const out: Issue[] = [];
  let i = 0;
  for (const op of delta.ops) {
    if (Array.isArray(op)) {
      for (const issue of op) out.push(issue);
    } else if (op > 0) {
      if (i + op > before.length) return null;
      for (let k = 0; k < op; k++) out.push(before[i + k] as Issue);
      i += op;
    } else i -= op;
  }
  return i === before.length ? out : null;
}

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
  /** The issues of the current session's last answered report (the next delta's base). */
  let sent: { seq: number; issues: readonly Issue[]; set: Set<Issue> } | null = null;
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
      sent = null;
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

  /** A full report starts the delta chain; a later one is sent as a delta when that is smaller. */
  const answer = (id: number, request: EngineRequest, report: ValidationReport | null): EngineResponse => {
    if (!report) return { id, ok: true, report };
    const seq = (sent?.seq ?? 0) + 1;
    const delta = request.kind !== 'create' && sent ? issueDelta(sent.issues, report.issues, sent.set, sent.seq) : null;
    sent = { seq, issues: report.issues, set: new Set(report.issues) };
    return delta ? { id, ok: true, report: { ...report, issues: [] }, seq, delta } : { id, ok: true, report, seq };
  };

  return async (request) => {
    const id = typeof request?.id === 'number' ? request.id : -1;
    try {
      return answer(id, request, await run(request));
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
