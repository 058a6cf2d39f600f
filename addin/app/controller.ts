import type { Issue, Locale } from '../../core/issues/issue';
import type { CellValue, SheetGrid } from '../../core/grid/cell';
import type { CellFix, ExcelPort, Progress, SheetChange } from '../excel/port';
import type { LiveSession, ValidationEngine } from './engine';
import { coalesceChanges, type RowShift, type RowSpan } from './coalesce-changes';
import { issueKey, issuesInSpan, rowsToRepaint, shiftIssues } from './issue-diff';
import {
  filterIssues,
  findDamagedIdColumns,
  groupByStudent,
  groupIssues,
  listable,
  summarizeSheets,
  withStudents,
  templateChoices,
} from './issue-view';
import type { IssueFilters, PaneNotice, PaneState, TaskKind } from './pane-state';

export interface PaneControllerOptions {
  port: ExcelPort;
  engine: ValidationEngine;
  locale?: Locale;
  /** ISO date the checks run on (tests pin it). */
  today?: string;
  /** Quiet time after the last change event before the burst is processed. */
  debounceMs?: number;
  /** Fixes per `applyFixes` call (each call is one sync in Excel; keep requests well under 5 MB). */
  fixChunk?: number;
  /** Lets the browser paint between chunks; tests may pass a no-op. */
  yieldToUi?: () => Promise<void>;
  now?: () => number;
}

/**
 * The pane's controller: the only code that talks to both the ExcelPort and the core. It owns the live
 * validation session and exposes a plain state object plus actions. Actions never reject: every failure
 * lands in `state.errors` for the pane to show, so a fire-and-forget click handler loses nothing.
 */
export interface PaneController {
  getState(): PaneState;
  subscribe(listener: () => void): () => void;
  /** Reads and validates the workbook, paints highlights, then follows the clerk's edits. */
  start(): Promise<void>;
  /** Full re-read and re-validation (the "check again" button). */
  validateAll(): Promise<void>;
  selectIssue(issue: Issue): Promise<void>;
  selectCell(sheet: string, address: string): Promise<void>;
  fixIssue(issue: Issue): Promise<void>;
  /** Applies every fixable issue of the code (respecting the current sheet filter). */
  fixAll(code: string): Promise<void>;
  setIdColumnsToText(sheet: string, columns: number[]): Promise<void>;
  insertTemplate(packId: string, kindId: string): Promise<void>;
  /**
   * The bureau's server answered a submit with these issues: the ones the pane's own checks do not find
   * (same cell, same code) are kept in the state, listed and highlighted with the local ones until the
   * clerk changes their cell; the previous server set is replaced. Repaints the whole workbook once.
   */
  showServerIssues(issues: readonly Issue[]): Promise<void>;
  setFilters(patch: Partial<IssueFilters>): void;
  dismissError(id: number): void;
  dismissNotice(id: number): void;
  clearStale(): void;
  /** Resolves once queued change events and running actions are done (tests, and "check again"). */
  whenIdle(): Promise<void>;
  dispose(): Promise<void>;
}

/** What the React components may call: actions only, no Excel, no session. */
export type PaneActions = Pick<
  PaneController,
  | 'validateAll'
  | 'selectIssue'
  | 'selectCell'
  | 'fixIssue'
  | 'fixAll'
  | 'setIdColumnsToText'
  | 'insertTemplate'
  | 'setFilters'
  | 'dismissError'
  | 'dismissNotice'
  | 'clearStale'
>;

const defaultYield = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function createPaneController(options: PaneControllerOptions): PaneController {
  const { port, engine } = options;
  const locale: Locale = options.locale ?? 'zh-CN';
  const debounceMs = options.debounceMs ?? 250;
  const fixChunk = Math.max(1, options.fixChunk ?? 500);
  const yieldToUi = options.yieldToUi ?? defaultYield;
  const now = options.now ?? Date.now;
  const packs = engine.packs();

  let session: LiveSession | null = null;
  /** Server-only issues, each with the value its cell held when the server's verdict arrived. */
  let serverMarks: { issue: Issue; value: CellValue }[] = [];
  /** Everything the last submit's server report listed (for "what the server said is now stale"). */
  let serverGiven: Issue[] | null = null;
  const textColumnsSet = new Set<string>();
  let nextId = 1;
  let unsubscribe: (() => Promise<void>) | null = null;
  let subscribing = false;
  let disposed = false;

  let state: PaneState = {
    locale,
    packIssues: undefined,
    phase: 'idle',
    busy: null,
    live: false,
    report: null,
    validatedAt: null,
    summaries: [],
    filters: { sheet: null, severity: 'all', groupBy: 'kind' },
    groups: [],
    serverIssues: [],
    serverVerdict: null,
    selectedKey: null,
    stale: [],
    damagedIdColumns: [],
    templates: templateChoices(packs),
    capabilities: null,
    errors: [],
    notices: [],
  };
  const listeners = new Set<() => void>();

  const setState = (patch: Partial<PaneState>): void => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };

  /** The server-only issues still standing (a local issue on the same cell with the same code wins). */
  const serverOnly = (): Issue[] => {
    if (!session || serverMarks.length === 0) return [];
    const local = new Set(session.report().issues.map(issueKey));
    return serverMarks.map((m) => m.issue).filter((i) => !local.has(issueKey(i)));
  };

  /** What the cells show and the list lists: the session's issues plus the server-only ones. */
  const allIssues = (): Issue[] => {
    if (!session) return [];
    const local = listable(session.report().issues);
    const extra = serverOnly();
    return extra.length === 0 ? local : [...local, ...extra];
  };

  /** Server marks follow inserted and deleted rows (those on deleted rows go with them). */
  const shiftServerMarks = (shifts: readonly RowShift[]): void => {
    if (shifts.length === 0 || serverMarks.length === 0) return;
    const next: typeof serverMarks = [];
    for (const m of serverMarks) {
      const [moved] = shiftIssues([m.issue], shifts);
      if (moved) next.push({ issue: moved, value: m.value });
    }
    serverMarks = next;
  };

  /** The server's verdict no longer applies to a cell the clerk (or a fix) changed since. */
  const dropChangedServerMarks = (): void => {
    if (!session || serverMarks.length === 0) return;
    const current = session;
    const sheets = new Set(current.report().sheets.map((r) => r.sheet));
    serverMarks = serverMarks.filter(
      (m) =>
        sheets.has(m.issue.sheet) &&
        (current.cell(m.issue.sheet, m.issue.row, m.issue.column)?.value ?? null) === m.value,
    );
  };

  /** Recomputes everything the lists show from the session's current report and the server's issues. */
  const derived = (filters: IssueFilters = state.filters): Partial<PaneState> => {
    if (!session) return { filters };
    const report = session.report();
    const serverIssues = serverOnly();
    const issues = allIssues();
    const sheetNames = report.sheets.map((s) => s.sheet);
    const safeFilters =
      filters.sheet !== null && !sheetNames.includes(filters.sheet) ? { ...filters, sheet: null } : filters;
    const shown = withStudents(filterIssues(issues, safeFilters), report, session);
    const serverKeys = new Set(serverIssues.map(issueKey));
    let serverVerdict: PaneState['serverVerdict'] = null;
    if (serverGiven !== null) {
      const now = new Set(issues.filter((i) => i.severity === 'error').map(issueKey));
      const errors = serverGiven.filter((i) => i.severity === 'error');
      serverVerdict = {
        errors: errors.length,
        warnings: serverGiven.length - errors.length,
        remaining: errors.filter((i) => now.has(issueKey(i))).length,
      };
    }
    return {
      report,
      packIssues: packs.find((p) => p.id === report.packId)?.issues,
      filters: safeFilters,
      serverIssues,
      serverVerdict,
      summaries: summarizeSheets({ ...report, issues }, packs),
      groups:
        safeFilters.groupBy === 'student'
          ? groupByStudent(shown, sheetNames, locale, serverKeys)
          : groupIssues(shown, sheetNames, serverKeys),
      damagedIdColumns: findDamagedIdColumns(report, packs, session, textColumnsSet),
      validatedAt: now(),
      phase: 'ready',
    };
  };

  const progress =
    (task: TaskKind) =>
    (p: Progress): void => {
      setState({ busy: { task, done: p.done, total: p.total } });
    };

  const fail = (task: TaskKind, error: unknown): void => {
    const message = error instanceof Error ? error.message || error.name : String(error);
    console.error(`[yanyin] ${task} failed`, error);
    setState({ errors: [...state.errors, { id: nextId++, task, message }], busy: null });
  };

  const notify = (notice: Omit<PaneNotice, 'id'>): void => {
    setState({ notices: [...state.notices, { ...notice, id: nextId++ }] });
  };

  // Every action that touches the session or Excel runs in this chain, one at a time: a live refresh
  // never interleaves with a fix, and the session's rows always line up with the sheet's.
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (task: TaskKind, work: () => Promise<void>): Promise<void> => {
    const run = chain.then(async () => {
      if (disposed) return;
      setState({ busy: { task, done: null, total: null } });
      try {
        await work();
        setState({ busy: null });
      } catch (error) {
        fail(task, error);
      }
    });
    chain = run;
    return run;
  };

  /** Redraws highlights of the given rows from the current issues (the session's and the server-only ones). */
  const repaint = async (spans: RowSpan[]): Promise<void> => {
    if (!session || spans.length === 0) return;
    const issues = allIssues();
    let done = 0;
    for (const span of spans) {
      await port.showIssuesForRows(span.sheet, span.fromRow, span.toRow, issuesInSpan(issues, span));
      done++;
      if (spans.length > 1) {
        setState({ busy: { task: state.busy?.task ?? 'highlight', done, total: spans.length } });
        await yieldToUi();
      }
    }
  };

  /** Reads rows from Excel into the session (the port's grid starts at A1; tolerate one that starts at `fromRow`). */
  const rereadRows = async (span: RowSpan): Promise<void> => {
    if (!session) return;
    const grid: SheetGrid = await port.readRows(span.sheet, span.fromRow, span.toRow);
    const count = span.toRow - span.fromRow + 1;
    const startsAtA1 = grid.rows.length > count || span.fromRow === 1;
    const slice = startsAtA1 ? grid.rows.slice(span.fromRow - 1, span.toRow) : grid.rows.slice(0, count);
    while (slice.length < count) slice.push([]);
    await session.replaceRows(span.sheet, span.fromRow, slice);
  };

  const rereadSheets = async (names: string[]): Promise<RowSpan[]> => {
    if (!session || names.length === 0) return [];
    const workbook = await port.readWorkbook(progress('read'));
    const spans: RowSpan[] = [];
    for (const name of names) {
      const grid = workbook.sheets.find((s) => s.name === name);
      if (!grid) continue; // sheet deleted: nothing left to paint
      const before = session.rowCount(name);
      await session.replaceSheet(grid);
      spans.push({ sheet: name, fromRow: 1, toRow: Math.max(1, before, grid.rows.length) });
    }
    return spans;
  };

  const validateAllNow = async (): Promise<void> => {
    setState({ phase: 'working', capabilities: port.capabilities() });
    const workbook = await port.readWorkbook(progress('read'));
    for (const s of workbook.sheets) if (s.truncatedAfter !== undefined) notify({ kind: 'read-capped', sheet: s.name, count: s.truncatedAfter });
    setState({ busy: { task: 'validate', done: null, total: null } });
    // Let the bar paint first (the in-thread fallback engine validates synchronously; the worker does not
    // block the pane at all).
    await yieldToUi();
    const next = await engine.createSession(workbook, options.today ? { today: options.today } : {});
    session = next;
    dropChangedServerMarks();
    setState({ busy: { task: 'highlight', done: 0, total: null } });
    await port.showIssues(allIssues(), progress('highlight'));
    setState({ ...derived(), stale: [] });
  };

  // ---- live validation -------------------------------------------------------------------------------
  let pending: SheetChange[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushDone: Promise<void> = Promise.resolve();
  let resolveFlush: () => void = () => undefined;

  const flush = (): Promise<void> => {
    timer = null;
    const changes = pending;
    pending = [];
    if (changes.length === 0) return Promise.resolve();
    return enqueue('live', async () => {
      if (!session) return;
      const plan = coalesceChanges(changes);
      const before = shiftIssues(allIssues(), plan.shifts);
      shiftServerMarks(plan.shifts);
      for (const s of plan.shifts) {
        if (s.kind === 'insert') await session.insertRows(s.sheet, s.atRow, s.count);
        else await session.deleteRows(s.sheet, s.atRow, s.count);
      }
      const reads: RowSpan[] = [];
      const whole = [...plan.wholeSheets];
      for (const span of plan.reads) {
        // A sheet the session has never seen (added since the last full read) is read whole.
        if (
          session.rowCount(span.sheet) === 0 &&
          !session.report().sheets.some((r) => r.sheet === span.sheet)
        ) {
          if (!whole.includes(span.sheet)) whole.push(span.sheet);
          continue;
        }
        await rereadRows(span);
        reads.push(span);
      }
      reads.push(...(await rereadSheets(whole)));
      dropChangedServerMarks();
      await repaint(rowsToRepaint(before, allIssues(), reads));
      setState(derived());
    });
  };

  const onChanges = (changes: SheetChange[]): void => {
    if (disposed) return;
    pending.push(...changes);
    if (timer !== null) clearTimeout(timer);
    else flushDone = new Promise((resolve) => (resolveFlush = resolve));
    timer = setTimeout(() => {
      // flush() never rejects (enqueue catches), so the waiters are always released.
      void flush().then(resolveFlush);
    }, debounceMs);
  };

  // ---- fixes -------------------------------------------------------------------------------------------
  const applyFixesNow = async (issues: Issue[]): Promise<void> => {
    if (!session) return;
    const current = session;
    const fixes: CellFix[] = [];
    for (const i of issues) {
      if (i.fix === undefined) continue;
      fixes.push({
        sheet: i.sheet,
        address: i.address,
        expected: current.cell(i.sheet, i.row, i.column)?.value ?? null,
        value: i.fix,
      });
    }
    if (fixes.length === 0) return;
    let applied = 0;
    const stale: { sheet: string; address: string }[] = [];
    for (let start = 0; start < fixes.length; start += fixChunk) {
      const outcome = await port.applyFixes(fixes.slice(start, start + fixChunk));
      applied += outcome.applied;
      stale.push(...outcome.stale);
      setState({
        busy: { task: 'fix', done: Math.min(fixes.length, start + fixChunk), total: fixes.length },
      });
      if (start + fixChunk < fixes.length) await yieldToUi();
    }
    // The port filters our own writes out of onChanged: re-read the touched rows ourselves.
    const rows = new Map<string, number[]>();
    for (const i of issues) rows.set(i.sheet, [...(rows.get(i.sheet) ?? []), i.row]);
    const spans: RowSpan[] = [];
    for (const [sheet, list] of rows) {
      const sorted = [...new Set(list)].sort((a, b) => a - b);
      let from = sorted[0];
      let to = from;
      for (const r of sorted.slice(1).concat([Number.POSITIVE_INFINITY])) {
        if (from === undefined || to === undefined) break;
        if (r <= to + 20) to = r;
        else {
          spans.push({ sheet, fromRow: from, toRow: to });
          from = r;
          to = r;
        }
      }
    }
    const before = allIssues();
    for (const span of spans) await rereadRows(span);
    dropChangedServerMarks();
    await repaint(rowsToRepaint(before, allIssues(), spans));
    setState({ ...derived(), stale: mergeStale(state.stale, stale) });
    if (applied > 0) notify({ kind: 'fixed', count: applied });
  };

  const controller: PaneController = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => controller.validateAll(),
    async validateAll() {
      await enqueue('read', validateAllNow);
      // Follow the clerk's edits once a report exists (also after a failed start and a retry).
      if (disposed || subscribing || unsubscribe || !session) return;
      subscribing = true;
      try {
        const off = await port.onChanged(onChanges);
        if (disposed) await off();
        else {
          unsubscribe = off;
          setState({ live: true });
        }
      } catch (error) {
        fail('live', error);
      } finally {
        subscribing = false;
      }
    },
    selectIssue(issue) {
      setState({ selectedKey: issueKey(issue) });
      return controller.selectCell(issue.sheet, issue.address);
    },
    selectCell(sheet, address) {
      // Selecting a cell does not touch the session: no need to queue behind a long fix.
      return port.selectCell(sheet, address).catch((error: unknown) => fail('select', error));
    },
    fixIssue: (issue) => enqueue('fix', () => applyFixesNow([issue])),
    fixAll(code) {
      return enqueue('fix', () => {
        const issues = allIssues().filter(
          (i) =>
            i.code === code &&
            i.fix !== undefined &&
            (state.filters.sheet === null || i.sheet === state.filters.sheet),
        );
        return applyFixesNow(issues);
      });
    },
    setIdColumnsToText(sheet, columns) {
      return enqueue('text-format', async () => {
        await port.setColumnsToText(sheet, columns);
        for (const c of columns) textColumnsSet.add(`${sheet}!${c}`);
        setState(derived());
        notify({ kind: 'text-format', sheet });
      });
    },
    insertTemplate(packId, kindId) {
      return enqueue('insert-template', async () => {
        const name = await port.insertTemplate(packId, kindId);
        if (!session) {
          await validateAllNow();
        } else {
          const spans = await rereadSheets([name]);
          dropChangedServerMarks();
          await repaint(spans);
          setState(derived());
        }
        notify({ kind: 'template-inserted', sheet: name });
      });
    },
    showServerIssues(issues) {
      const given = [...issues];
      return enqueue('highlight', async () => {
        if (!session) {
          // No local report to compare with (the first read failed): the cells still show the verdict.
          await port.showIssues(given, progress('highlight'));
          return;
        }
        const current = session;
        const local = new Set(current.report().issues.map(issueKey));
        const seen = new Set<string>();
        serverMarks = [];
        serverGiven = given;
        for (const issue of given) {
          const key = issueKey(issue);
          if (local.has(key) || seen.has(key)) continue;
          seen.add(key);
          serverMarks.push({ issue, value: current.cell(issue.sheet, issue.row, issue.column)?.value ?? null });
        }
        // Listed even if the paint below fails (its error is shown; "check again" repaints).
        setState(derived());
        await port.showIssues(allIssues(), progress('highlight'));
      });
    },
    setFilters(patch) {
      setState(derived({ ...state.filters, ...patch }));
    },
    dismissError(id) {
      setState({ errors: state.errors.filter((e) => e.id !== id) });
    },
    dismissNotice(id) {
      setState({ notices: state.notices.filter((n) => n.id !== id) });
    },
    clearStale() {
      setState({ stale: [] });
    },
    async whenIdle() {
      // A flush may enqueue more work; loop until nothing is pending.
      for (;;) {
        const c = chain;
        await flushDone;
        await c;
        if (c === chain && timer === null && pending.length === 0) return;
      }
    },
    async dispose() {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const off = unsubscribe;
      unsubscribe = null;
      setState({ live: false });
      if (off) await off();
    },
  };
  return controller;
}

function mergeStale(
  a: readonly { sheet: string; address: string }[],
  b: readonly { sheet: string; address: string }[],
): { sheet: string; address: string }[] {
  const seen = new Set(a.map((s) => `${s.sheet}!${s.address}`));
  const out = [...a];
  for (const s of b) {
    const k = `${s.sheet}!${s.address}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(s);
    }
  }
  return out;
}
