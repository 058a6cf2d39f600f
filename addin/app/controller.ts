import type { Issue, Locale } from '../../core/issues/issue';
import type { ExcelPort, Progress, SheetChange } from '../excel/port';
import type { LiveSession, ValidationEngine } from './engine';
import { createChangeBurst } from './change-burst';
import { coalesceChanges, type RowSpan } from './coalesce-changes';
import { cellFixes, mergeStale, touchedSpans, type StaleCell } from './fixes';
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
import { createServerMarks } from './server-marks';
import { readRowsInto, readSheetsInto } from './session-reads';
import { createStore } from './store';
import { createTaskQueue } from './task-queue';

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
  const serverMarks = createServerMarks();
  const textColumnsSet = new Set<string>();
  let nextId = 1;
  let unsubscribe: (() => Promise<void>) | null = null;
  let subscribing = false;
  let disposed = false;

  const store = createStore<PaneState>({
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
  });
  const setState = store.set;
  const serverOnly = (): Issue[] => serverMarks.standing(session);

  /** What the cells show and the list lists: the session's issues plus the server-only ones. */
  const allIssues = (): Issue[] => {
    if (!session) return [];
    const local = listable(session.report().issues);
    const extra = serverOnly();
    return extra.length === 0 ? local : [...local, ...extra];
  };

  const dropChangedServerMarks = (): void => serverMarks.dropChanged(session);

  /** Recomputes everything the lists show from the session's current report and the server's issues. */
  const derived = (filters: IssueFilters = store.get().filters): Partial<PaneState> => {
    if (!session) return { filters };
    const report = session.report();
    const serverIssues = serverOnly();
    const issues = allIssues();
    const sheetNames = report.sheets.map((s) => s.sheet);
    const safeFilters =
      filters.sheet !== null && !sheetNames.includes(filters.sheet) ? { ...filters, sheet: null } : filters;
    const shown = withStudents(filterIssues(issues, safeFilters), report, session);
    const serverKeys = new Set(serverIssues.map(issueKey));
    return {
      report,
      packIssues: packs.find((p) => p.id === report.packId)?.issues,
      filters: safeFilters,
      serverIssues,
      serverVerdict: serverMarks.verdict(issues),
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
    store.update((state) => ({ errors: [...state.errors, { id: nextId++, task, message }], busy: null }));
  };

  const notify = (notice: Omit<PaneNotice, 'id'>): void => {
    store.update((state) => ({ notices: [...state.notices, { ...notice, id: nextId++ }] }));
  };

  // Every action that touches the session or Excel runs in this queue, one at a time: a live refresh
  // never interleaves with a fix, and the session's rows always line up with the sheet's.
  const queue = createTaskQueue<TaskKind>({
    skip: () => disposed,
    start: (task) => setState({ busy: { task, done: null, total: null } }),
    done: () => setState({ busy: null }),
    failed: fail,
  });
  const enqueue = queue.run;

  /** Redraws highlights of the given rows from the current issues (the session's and the server-only ones). */
  const repaint = async (spans: RowSpan[]): Promise<void> => {
    if (!session || spans.length === 0) return;
    const issues = allIssues();
    let done = 0;
    for (const span of spans) {
      await port.showIssuesForRows(span.sheet, span.fromRow, span.toRow, issuesInSpan(issues, span));
      done++;
      if (spans.length > 1) {
        setState({ busy: { task: store.get().busy?.task ?? 'highlight', done, total: spans.length } });
        await yieldToUi();
      }
    }
  };

  const rereadRows = async (span: RowSpan): Promise<void> => {
    if (session) await readRowsInto(port, session, span);
  };

  const rereadSheets = async (names: string[]): Promise<RowSpan[]> =>
    session ? await readSheetsInto(port, session, names, progress('read')) : [];

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
  const burst = createChangeBurst<SheetChange>(debounceMs, (changes) =>
    enqueue('live', async () => {
      if (!session) return;
      const plan = coalesceChanges(changes);
      const before = shiftIssues(allIssues(), plan.shifts);
      serverMarks.shift(plan.shifts);
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
    }),
  );

  const onChanges = (changes: SheetChange[]): void => {
    if (disposed) return;
    burst.add(changes);
  };

  // ---- fixes -------------------------------------------------------------------------------------------
  const applyFixesNow = async (issues: Issue[]): Promise<void> => {
    if (!session) return;
    const fixes = cellFixes(issues, session);
    if (fixes.length === 0) return;
    let applied = 0;
    const stale: StaleCell[] = [];
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
    const spans = touchedSpans(issues);
    const before = allIssues();
    for (const span of spans) await rereadRows(span);
    dropChangedServerMarks();
    await repaint(rowsToRepaint(before, allIssues(), spans));
    setState({ ...derived(), stale: mergeStale(store.get().stale, stale) });
    if (applied > 0) notify({ kind: 'fixed', count: applied });
  };

  const controller: PaneController = {
    getState: store.get,
    subscribe: store.subscribe,
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
        const { sheet } = store.get().filters;
        const issues = allIssues().filter(
          (i) => i.code === code && i.fix !== undefined && (sheet === null || i.sheet === sheet),
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
        serverMarks.replace(session, given);
        // Listed even if the paint below fails (its error is shown; "check again" repaints).
        setState(derived());
        await port.showIssues(allIssues(), progress('highlight'));
      });
    },
    setFilters(patch) {
      setState(derived({ ...store.get().filters, ...patch }));
    },
    dismissError(id) {
      store.update((state) => ({ errors: state.errors.filter((e) => e.id !== id) }));
    },
    dismissNotice(id) {
      store.update((state) => ({ notices: state.notices.filter((n) => n.id !== id) }));
    },
    clearStale() {
      setState({ stale: [] });
    },
    whenIdle: () => queue.whenIdle(burst),
    async dispose() {
      disposed = true;
      burst.cancel();
      const off = unsubscribe;
      unsubscribe = null;
      setState({ live: false });
      if (off) await off();
    },
  };
  return controller;
}
