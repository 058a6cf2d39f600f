/**
 * The round trip with the bureau: sign in/out, submit the workbook, fetch certificate numbers into the
 * cells, and the reviewers' actions. Plain TypeScript (no React, no Office): it sees Excel only through the
 * ExcelPort and the server only through `fetch`. Like the pane's controller, actions never reject — every
 * failure lands in `state.errors` with a Chinese message, and nothing in the workbook is lost.
 */
import type { Issue } from '../../../core/issues/issue';
import type { ExcelPort } from '../../excel/port';
import { createStore } from '../store';
import { createTaskQueue } from '../task-queue';
import { createApiClient, RemoteError, type ApiClient, type FetchLike } from './api-client';
import type { RemoteContext } from './context';
import { defaultBaseUrl } from './host-defaults';
import { fetchNumbers, applyForNumbers } from './numbers';
import { allocateRange, downloadAuditSheet, drawSpotCheck, rejectApplication } from './province';
import { approveSubmission, openSubmission, returnSubmission } from './review';
import { loadAll, loadApplications, loadQueue, loadRoleData } from './role-data';
import { officePartitionKey, SessionStore, type KeyValueStorage } from './session-store';
import type { RemoteMessage, RemoteState, RemoteTask } from './state';
import { submitWorkbook } from './submit';

export interface RemoteControllerOptions {
  /** Server origin; default `?server=` of the pane's URL, else the pane's own origin (''). */
  baseUrl?: string;
  /** Storage partition; default `Office.context.partitionKey` when the host has one. */
  partitionKey?: string;
  /**
   * Called after numbers were written into the cells (the port filters the add-in's own edits out of
   * onChanged): the pane re-validates, e.g. `() => paneController.validateAll()`.
   */
  afterWrite?: () => Promise<void> | void;
  /**
   * Paints the server's issues after a submit and keeps those the pane's own checks do not find, e.g.
   * `(issues) => paneController.showServerIssues(issues)` (must not reject). Default: the port paints them
   * directly — they then vanish from a row the pane re-checks, and the pane does not list them.
   */
  showServerIssues?: (issues: Issue[]) => Promise<void>;
  /** Called with the server's issues after they were painted. */
  onServerIssues?: (issues: Issue[]) => void;
  /**
   * Opens a download URL (absolute, signed, valid for minutes) outside the pane — Excel's
   * `openBrowserWindow`, WPS's shell, a browser tab; answers false when the host cannot, and the pane then
   * shows the URL as a link to click. Default: `window.open`.
   */
  openUrl?: (url: string) => boolean | Promise<boolean>;
  now?: () => number;
}

export interface RemoteController {
  getState(): RemoteState;
  subscribe(listener: () => void): () => void;
  /** Restores a stored session (stays signed in across reloads) and loads what the role needs. */
  start(): Promise<void>;
  signIn(username: string, password: string, serverUrl?: string): Promise<void>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
  selectCampaign(id: string): Promise<void>;
  // school
  submit(): Promise<void>;
  applyForNumbers(): Promise<void>;
  fetchNumbers(): Promise<void>;
  // reviewers
  loadQueue(): Promise<void>;
  openSubmission(submissionId: string): Promise<void>;
  approve(submissionId: string, comment?: string): Promise<void>;
  returnSubmission(submissionId: string, comment: string): Promise<void>;
  loadApplications(): Promise<void>;
  allocate(applicationId: string): Promise<void>;
  rejectApplication(applicationId: string, comment: string): Promise<void>;
  drawSpotCheck(): Promise<void>;
  downloadAuditSheet(schoolId: string): Promise<void>;
  dismissError(id: number): void;
  dismissNotice(id: number): void;
  whenIdle(): Promise<void>;
}

/** What the React components may call. */
export type RemoteActions = Omit<RemoteController, 'getState' | 'subscribe' | 'start' | 'whenIdle'>;

export function createRemoteController(
  port: ExcelPort,
  fetchImpl: FetchLike,
  storage: KeyValueStorage,
  options: RemoteControllerOptions = {},
): RemoteController {
  const store = new SessionStore(storage, options.partitionKey ?? officePartitionKey());
  const now = options.now ?? Date.now;
  let token: string | null = null;
  let nextId = 1;

  /** Everything but the server, the busy task and the messages: what signing out (or in) starts afresh. */
  const signedOutState = (): Omit<RemoteState, 'serverUrl' | 'busy' | 'errors' | 'notices'> => ({
    phase: 'signed-out',
    user: null,
    campaigns: [],
    campaignId: null,
    submission: null,
    serverIssues: [],
    refusal: null,
    numbers: null,
    applications: [],
    queue: [],
    opened: null,
    spotChecks: [],
  });

  const state = createStore<RemoteState>({
    ...signedOutState(),
    serverUrl: options.baseUrl ?? defaultBaseUrl(),
    busy: null,
    errors: [],
    notices: [],
  });
  const setState = state.set;

  const expire = (): void => {
    token = null;
    store.clearSession();
    setState(signedOutState());
  };

  const makeApi = (baseUrl: string): ApiClient =>
    createApiClient({ baseUrl, fetchImpl, getToken: () => token, onUnauthenticated: expire });
  let api = makeApi(state.get().serverUrl);

  const ctx: RemoteContext = {
    port,
    api: () => api,
    store,
    state: state.get,
    setState,
    notice: (task, text, link) => setState({ notices: [{ id: nextId++, task, text, ...(link ? { link } : {}) }] }),
    options,
    now,
  };

  const fail = (task: RemoteTask, error: unknown): void => {
    let message: RemoteMessage;
    if (error instanceof RemoteError) {
      message = { id: nextId++, task, text: error.message, code: error.code, retryable: error.retryable };
    } else {
      console.error(`[yanyin] remote ${task} failed`, error);
      const detail = error instanceof Error ? error.message : String(error);
      message = { id: nextId++, task, text: `操作未完成：${detail}。工作簿中的数据没有丢失，可以重试。`, code: 'client', retryable: true };
    }
    state.update((s) => ({ errors: [...s.errors.filter((e) => e.task !== task), message] }));
  };

  // One action at a time; starting one clears its last error and the last success message.
  const queue = createTaskQueue<RemoteTask>({
    start: (task) => state.update((s) => ({ busy: task, errors: s.errors.filter((e) => e.task !== task), notices: [] })),
    failed: fail,
    settled: () => setState({ busy: null }),
  });
  const run = queue.run;

  const controller: RemoteController = {
    getState: state.get,
    subscribe: state.subscribe,
    start: () =>
      run('restore', async () => {
        const saved = store.loadSession(now());
        if (!saved) return;
        token = saved.token;
        if (saved.baseUrl !== state.get().serverUrl && !options.baseUrl) api = makeApi(saved.baseUrl);
        setState({ phase: 'signed-in', user: saved.user, serverUrl: options.baseUrl ?? saved.baseUrl });
        const me = await api.me(); // a 401 signs out (expire)
        setState({ user: me });
        await loadAll(ctx);
      }),
    signIn: (username, password, serverUrl) =>
      run('sign-in', async () => {
        const base = (serverUrl ?? state.get().serverUrl).trim().replace(/\/+$/, '');
        if (base && !/^https?:\/\/[^\s/]+/.test(base)) throw new RemoteError('refused', 'bad-url', '服务器地址应以 https:// 开头。');
        if (!username.trim() || !password) throw new RemoteError('refused', 'invalid-input', '请输入用户名和密码。');
        api = makeApi(base);
        const r = await api.signIn(username.trim(), password);
        token = r.token;
        store.saveSession({ token: r.token, expiresAt: r.expiresAt, user: r.user, baseUrl: base });
        setState({ ...signedOutState(), phase: 'signed-in', user: r.user, serverUrl: base });
        await loadAll(ctx);
      }),
    signOut: () =>
      run('sign-out', async () => {
        try {
          if (token) await api.signOut();
        } catch {
          // signed out locally anyway; the token expires on the server
        }
        token = null;
        store.clearSession();
        setState({ ...signedOutState(), errors: [], notices: [] });
      }),
    refresh: () => run('load', () => loadAll(ctx)),
    selectCampaign: (id) =>
      run('load', async () => {
        setState({ campaignId: id, submission: null, queue: [], opened: null, applications: [], numbers: null, refusal: null });
        await loadRoleData(ctx);
      }),
    submit: () => run('submit', () => submitWorkbook(ctx)),
    applyForNumbers: () => run('apply-numbers', () => applyForNumbers(ctx)),
    fetchNumbers: () => run('fetch-numbers', () => fetchNumbers(ctx)),
    loadQueue: () => run('queue', () => loadQueue(ctx)),
    openSubmission: (id) => run('open', () => openSubmission(ctx, id)),
    approve: (id, comment) => run('approve', () => approveSubmission(ctx, id, comment)),
    returnSubmission: (id, comment) => run('return', () => returnSubmission(ctx, id, comment)),
    loadApplications: () => run('applications', () => loadApplications(ctx)),
    allocate: (id) => run('allocate', () => allocateRange(ctx, id)),
    rejectApplication: (id, comment) => run('reject', () => rejectApplication(ctx, id, comment)),
    drawSpotCheck: () => run('spot-check', () => drawSpotCheck(ctx)),
    downloadAuditSheet: (schoolId) => run('download', () => downloadAuditSheet(ctx, schoolId)),
    dismissError(id) {
      state.update((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
    },
    dismissNotice(id) {
      state.update((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
    whenIdle: () => queue.whenIdle(),
  };
  return controller;
}
