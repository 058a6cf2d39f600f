/**
 * The round trip with the bureau: sign in/out, submit the workbook, fetch certificate numbers into the
 * cells, and the reviewers' actions. Plain TypeScript (no React, no Office): it sees Excel only through the
 * ExcelPort and the server only through `fetch`. Like the pane's controller, actions never reject — every
 * failure lands in `state.errors` with a Chinese message, and nothing in the workbook is lost.
 */
import { SCHOOL_ROLES as SCHOOL_ROLE_NAMES } from '../../../contract/api';
import type { WorkbookGrid } from '../../../core/grid/cell';
import type { Issue } from '../../../core/issues/issue';
import { detect } from '../../../core/templates/detect';
import { campaignPackId } from '../../../core/templates/registry';
import type { ExcelPort } from '../../excel/port';
import { createApiClient, RemoteError, submissionBody, type ApiClient, type FetchLike } from './api-client';
import { graduatesByMajor, placeCertificates } from './placement';
import { asIssues, safeSheetName, spotCheckGrid, submissionGrid } from './review-sheets';
import type { Campaign, SubmissionRows, SubmissionView } from './schemas';
import { hashText, newIdempotencyKey, officePartitionKey, SessionStore, type KeyValueStorage } from './session-store';
import type { OwnSubmission, RemoteMessage, RemoteState, RemoteTask, ReviewComment } from './state';

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
  /** Saves a downloaded file; default: an object URL clicked as a link. */
  download?: (blob: Blob, filename: string) => void;
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

function defaultBaseUrl(): string {
  const loc = (globalThis as { location?: Location }).location;
  if (!loc) return '';
  const given = new URLSearchParams(loc.search).get('server');
  return given && /^https?:\/\//.test(given) ? given.replace(/\/+$/, '') : '';
}

function defaultDownload(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The comment that matters now: the return reason while RETURNED; otherwise a reviewer's comment given
 * since the school last submitted (an old return reason is history once resubmitted).
 */
export function latestComment(view: SubmissionView): ReviewComment | null {
  const events = view.events;
  let since = 0;
  events.forEach((e, i) => {
    if (e.action === 'SUBMIT') since = i + 1;
  });
  const pick =
    view.submission.status === 'RETURNED'
      ? [...events].reverse().find((e) => e.action === 'RETURN')
      : [...events.slice(since)].reverse().find((e) => e.comment && (e.action === 'APPROVE' || e.action === 'RETURN'));
  if (!pick?.comment) return null;
  return { text: pick.comment, by: pick.actor.displayName ?? pick.actor.orgName, at: pick.at, action: pick.action };
}

function ownSubmission(view: SubmissionView): OwnSubmission {
  const s = view.submission;
  return {
    id: s.id,
    version: s.version,
    status: s.status,
    submittedAt: s.submittedAt,
    updatedAt: s.updatedAt,
    rowCount: s.rowCount,
    errors: view.report.stats.errors,
    warnings: view.report.stats.warnings,
    comment: latestComment(view),
    events: view.events,
  };
}

const SCHOOL_ROLES: readonly string[] = SCHOOL_ROLE_NAMES;

/** Drops trailing empty rows and cells (smaller body; the server's grid limits count cells). */
function compactWorkbook(workbook: WorkbookGrid): WorkbookGrid {
  const empty = (c: { value: unknown } | null | undefined) => !c || c.value === null || c.value === '';
  return {
    sheets: workbook.sheets.map((s) => {
      const rows = s.rows.map((r) => {
        const row = [...r];
        while (row.length > 0 && empty(row[row.length - 1])) row.pop();
        return row.map((c) => (empty(c) ? null : c));
      });
      while (rows.length > 0 && (rows[rows.length - 1]?.length ?? 0) === 0) rows.pop();
      return { name: s.name, rows };
    }),
  };
}

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

  let state: RemoteState = {
    ...signedOutState(),
    serverUrl: options.baseUrl ?? defaultBaseUrl(),
    busy: null,
    errors: [],
    notices: [],
  };
  const listeners = new Set<() => void>();
  const setState = (patch: Partial<RemoteState>): void => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };

  const expire = (): void => {
    token = null;
    store.clearSession();
    setState(signedOutState());
  };

  const makeApi = (baseUrl: string): ApiClient =>
    createApiClient({ baseUrl, fetchImpl, getToken: () => token, onUnauthenticated: expire });
  let api = makeApi(state.serverUrl);

  /** One success message at a time: the latest action's. */
  const notice = (task: RemoteTask, text: string): void => {
    setState({ notices: [{ id: nextId++, task, text }] });
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
    setState({ errors: [...state.errors.filter((e) => e.task !== task), message] });
  };

  let chain: Promise<void> = Promise.resolve();
  const run = (task: RemoteTask, work: () => Promise<void>): Promise<void> => {
    const next = chain.then(async () => {
      setState({ busy: task, errors: state.errors.filter((e) => e.task !== task), notices: [] });
      try {
        await work();
      } catch (error) {
        fail(task, error);
      } finally {
        setState({ busy: null });
      }
    });
    chain = next;
    return next;
  };

  const campaign = (): Campaign | null => state.campaigns.find((c) => c.id === state.campaignId) ?? null;
  const requireCampaign = (): Campaign => {
    const c = campaign();
    if (!c) throw new RemoteError('refused', 'no-campaign', '没有可用的验印工作批次。');
    return c;
  };
  const isSchool = (): boolean => SCHOOL_ROLES.includes(state.user?.role ?? '');

  // ---- loading by role ---------------------------------------------------------------------------------
  const loadOwnSubmission = async (c: Campaign): Promise<void> => {
    try {
      const view = await api.ownSubmission(c.id);
      setState({ submission: ownSubmission(view) });
    } catch (error) {
      if (error instanceof RemoteError && error.code === 'not-found') setState({ submission: null });
      else throw error;
    }
  };

  const loadQueueNow = async (): Promise<void> => {
    const c = requireCampaign();
    const queue = await api.reviewQueue(c.id);
    setState({ queue: queue.items });
  };

  const loadApplicationsNow = async (): Promise<void> => {
    const c = requireCampaign();
    const list = await api.numberApplications(c.id);
    setState({ applications: list.items });
  };

  const loadRoleData = async (): Promise<void> => {
    const c = campaign();
    if (!c || !state.user) return;
    if (isSchool()) {
      await loadOwnSubmission(c);
      await loadApplicationsNow();
    } else {
      await loadQueueNow();
      if (state.user.role === 'PROVINCE_ADMIN') {
        await loadApplicationsNow();
        setState({ spotChecks: (await api.spotChecks(c.id)).items });
      }
    }
  };

  const loadAll = async (): Promise<void> => {
    const list = await api.campaigns();
    const items = list.items;
    const keep = items.find((c) => c.id === state.campaignId);
    const chosen = keep ?? items.find((c) => c.status === 'OPEN') ?? items[0] ?? null;
    setState({ campaigns: items, campaignId: chosen?.id ?? null });
    await loadRoleData();
  };

  // ---- the school's submission ----------------------------------------------------------------------------
  const submitNow = async (): Promise<void> => {
    const user = state.user;
    if (!user) throw new RemoteError('unauthenticated', 'unauthenticated', '请先登录。');
    const c = requireCampaign();
    setState({ refusal: null });

    const whole = compactWorkbook(await port.readWorkbook());
    if (!whole.sheets.some((s) => s.rows.length > 0)) {
      setState({ refusal: '工作簿中没有任何数据，无法上报。' });
      return;
    }
    // Only the campaign's template sheets leave the computer (a notes sheet, a private list … stay).
    const recognised = new Set(detect(whole, { packId: campaignPackId(c) }).sheets.filter((r) => r.kindId !== null).map((r) => r.sheet));
    const workbook: WorkbookGrid = { sheets: whole.sheets.filter((s) => recognised.has(s.name)) };
    if (workbook.sheets.length === 0) {
      setState({ refusal: '工作簿中没有识别出本批次的模板工作表（如附件2），无法上报。可在“模板”页插入空白模板后填写。' });
      return;
    }
    const workbookHash = await hashText(JSON.stringify(workbook));

    // The same content after a failure (network, server error, lost answer) is sent again with the same
    // Idempotency-Key and the same bytes: the server runs it once. New content gets a new key.
    let pending = store.loadPending(user.id, c.id);
    if (pending && pending.workbookHash !== workbookHash) pending = null;
    if (!pending) {
      let current: SubmissionView | null = null;
      try {
        current = await api.ownSubmission(c.id);
      } catch (error) {
        if (!(error instanceof RemoteError && error.code === 'not-found')) throw error;
      }
      if (current) setState({ submission: ownSubmission(current) });
      const status = current?.submission.status;
      if (status && status !== 'DRAFT' && status !== 'RETURNED') {
        setState({ refusal: status === 'PROVINCE_APPROVED' ? '已审核通过，不能再修改上报内容。' : '已上报，正在审核中；审核退回后才能修改再上报。' });
        return;
      }
      pending = { key: newIdempotencyKey(), workbookHash, baseVersion: current?.submission.version ?? 0, createdAt: now() };
      store.savePending(user.id, c.id, pending);
    }

    let saved: { version: number; report: SubmissionView['report'] };
    if (pending.savedVersion !== undefined) {
      // Already stored on the server (the answer to "submit" was lost): only the submit step is left.
      const view = await api.ownSubmission(c.id);
      saved = { version: view.submission.version, report: view.report };
      if (view.submission.version !== pending.savedVersion) {
        store.clearPending(user.id, c.id);
        throw new RemoteError('refused', 'version-conflict', '服务器上的数据已有更新（可能在其他电脑上提交过），请再点一次“上报”。');
      }
    } else {
      try {
        const r = await api.putSubmission(c.id, submissionBody(pending.baseVersion, workbook), pending.key);
        saved = { version: r.submission.version, report: r.report };
      } catch (error) {
        // A retry cannot succeed with this key/base: forget it so the next click starts afresh.
        if (error instanceof RemoteError && ['version-conflict', 'idempotency-key-reused', 'invalid-transition'].includes(error.code)) {
          store.clearPending(user.id, c.id);
        }
        throw error;
      }
      pending = { ...pending, savedVersion: saved.version };
      store.savePending(user.id, c.id, pending);
    }

    const issues = asIssues(saved.report.issues);
    setState({ serverIssues: issues });
    if (options.showServerIssues) await options.showServerIssues(issues);
    else await port.showIssues(issues);
    options.onServerIssues?.(issues);

    const errors = saved.report.stats.errors;
    if (errors > 0) {
      store.clearPending(user.id, c.id);
      const others = issues.filter((i) => i.severity === 'error' && i.code === 'id-duplicate-other-school').length;
      await loadOwnSubmission(c);
      setState({
        refusal:
          `还有 ${errors} 处错误，已标在单元格中，请改正后再上报${others > 0 ? `（其中 ${others} 处身份证号与其他学校重复）` : ''}。` +
          '本次内容已保存为草稿，尚未上报。',
      });
      return;
    }
    const view = await api.submit(c.id, saved.version);
    store.clearPending(user.id, c.id);
    setState({ submission: ownSubmission(view) });
    notice('submit', '已上报，等待审核。');
  };

  // ---- certificate numbers ------------------------------------------------------------------------------
  const readRecognitions = async (c: Campaign) => {
    const workbook = await port.readWorkbook();
    return { workbook, recognitions: detect(workbook, { packId: campaignPackId(c) }).sheets };
  };

  const applyNow = async (): Promise<void> => {
    const c = requireCampaign();
    const { workbook, recognitions } = await readRecognitions(c);
    const wanted = graduatesByMajor(workbook, recognitions);
    const existing = await api.numberApplications(c.id);
    const already = new Map<string, number>();
    for (const a of existing.items) if (a.status !== 'REJECTED') already.set(a.major, (already.get(a.major) ?? 0) + a.count);
    const items = wanted.map((w) => ({ major: w.major, count: w.count - (already.get(w.major) ?? 0) })).filter((i) => i.count > 0);
    if (items.length === 0) {
      notice('apply-numbers', wanted.length === 0 ? '工作簿中没有可申领编号的毕业生（附件2）。' : '各专业的证书编号均已申领。');
      return;
    }
    await api.applyForNumbers(c.id, items);
    await loadApplicationsNow();
    notice('apply-numbers', `已申领：${items.map((i) => `${i.major} ${i.count} 个`).join('，')}。待省级教育行政部门分配。`);
  };

  const fetchNumbersNow = async (): Promise<void> => {
    const c = requireCampaign();
    const schoolId = state.user?.org.id ?? '';
    let numbers = await api.certificateNumbers(c.id, schoolId);
    if (numbers.ranges.length === 0) {
      setState({ numbers: null });
      throw new RemoteError('refused', 'no-ranges', '尚未分配证书编号：请先申领，待省级教育行政部门分配后再获取。');
    }
    if (!numbers.certificates.some((x) => x.status === 'ISSUED')) {
      await api.assignNumbers(c.id, schoolId);
      numbers = await api.certificateNumbers(c.id, schoolId);
    }
    const { workbook, recognitions } = await readRecognitions(c);
    const placement = placeCertificates(workbook, recognitions, numbers, c.series.map((s) => s.prefix));
    const bySheet = new Map<string, { address: string; value: string | number | boolean | null }[]>();
    for (const w of placement.writes) {
      const list = bySheet.get(w.sheet) ?? [];
      list.push({ address: w.address, value: w.value });
      bySheet.set(w.sheet, list);
    }
    for (const [sheet, cells] of bySheet) await port.writeValues(sheet, cells);
    await loadApplicationsNow();
    setState({
      numbers: { placed: placement.numbersPlaced, ranges: placement.rangesPlaced, unplaced: placement.unplaced, rangesMissing: placement.rangesMissing },
    });
    notice('fetch-numbers', `已填入 ${placement.numbersPlaced} 个证书编号${placement.rangesPlaced > 0 ? `和 ${placement.rangesPlaced} 个起止号` : ''}。`);
    await options.afterWrite?.();
  };

  // ---- reviewers ------------------------------------------------------------------------------------------
  const openNow = async (submissionId: string): Promise<void> => {
    const c = requireCampaign();
    const view = await api.submission(submissionId);
    let rows: SubmissionRows | null = null;
    try {
      rows = await api.submissionRows(submissionId);
    } catch (error) {
      if (!(error instanceof RemoteError && (error.status === 404 || error.code === 'not-found'))) throw error;
    }
    // One view per school, replaced when reopened (writeSheet creates or replaces); other sheets untouched.
    const sheetName = safeSheetName(`审阅-${view.submission.school.name}`);
    await port.writeSheet(sheetName, submissionGrid(view, campaignPackId(c), rows), { protect: true });
    setState({ opened: { view, sheetName, rowsShown: rows !== null } });
  };

  const versionOf = (submissionId: string): number | undefined =>
    state.opened?.view.submission.id === submissionId
      ? state.opened.view.submission.version
      : state.queue.find((q) => q.submissionId === submissionId)?.version;

  const afterReview = async (view: SubmissionView, text: string): Promise<void> => {
    if (state.opened?.view.submission.id === view.submission.id) setState({ opened: { ...state.opened, view } });
    await loadQueueNow();
    notice('approve', text);
  };

  const controller: RemoteController = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () =>
      run('restore', async () => {
        const saved = store.loadSession(now());
        if (!saved) return;
        token = saved.token;
        if (saved.baseUrl !== state.serverUrl && !options.baseUrl) api = makeApi(saved.baseUrl);
        setState({ phase: 'signed-in', user: saved.user, serverUrl: options.baseUrl ?? saved.baseUrl });
        const me = await api.me(); // a 401 signs out (expire)
        setState({ user: me });
        await loadAll();
      }),
    signIn: (username, password, serverUrl) =>
      run('sign-in', async () => {
        const base = (serverUrl ?? state.serverUrl).trim().replace(/\/+$/, '');
        if (base && !/^https?:\/\/[^\s/]+/.test(base)) throw new RemoteError('refused', 'bad-url', '服务器地址应以 https:// 开头。');
        if (!username.trim() || !password) throw new RemoteError('refused', 'invalid-input', '请输入用户名和密码。');
        api = makeApi(base);
        const r = await api.signIn(username.trim(), password);
        token = r.token;
        store.saveSession({ token: r.token, expiresAt: r.expiresAt, user: r.user, baseUrl: base });
        setState({ ...signedOutState(), phase: 'signed-in', user: r.user, serverUrl: base });
        await loadAll();
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
    refresh: () => run('load', loadAll),
    selectCampaign: (id) =>
      run('load', async () => {
        setState({ campaignId: id, submission: null, queue: [], opened: null, applications: [], numbers: null, refusal: null });
        await loadRoleData();
      }),
    submit: () => run('submit', submitNow),
    applyForNumbers: () => run('apply-numbers', applyNow),
    fetchNumbers: () => run('fetch-numbers', fetchNumbersNow),
    loadQueue: () => run('queue', loadQueueNow),
    openSubmission: (id) => run('open', () => openNow(id)),
    approve: (id, comment) =>
      run('approve', async () => {
        const version = versionOf(id);
        if (version === undefined) throw new RemoteError('refused', 'not-found', '请先刷新审核队列。');
        const view = await api.approve(id, version, comment?.trim() || undefined);
        await afterReview(view, `已审核通过：${view.submission.school.name}。`);
      }),
    returnSubmission: (id, comment) =>
      run('return', async () => {
        if (!comment.trim()) throw new RemoteError('refused', 'comment-required', '退回时必须填写退回意见。');
        const version = versionOf(id);
        if (version === undefined) throw new RemoteError('refused', 'not-found', '请先刷新审核队列。');
        const view = await api.returnSubmission(id, version, comment.trim());
        await afterReview(view, `已退回：${view.submission.school.name}。`);
      }),
    loadApplications: () => run('applications', loadApplicationsNow),
    allocate: (id) =>
      run('allocate', async () => {
        const { range } = await api.allocate(id);
        await loadApplicationsNow();
        // The series' counter moved: reload it so the next confirmation previews the right range.
        const campaigns = await api.campaigns().catch(() => null);
        if (campaigns) setState({ campaigns: campaigns.items });
        notice('allocate', range.first && range.last ? `已分配编号段：${range.first} – ${range.last}。` : '已分配编号段。');
      }),
    rejectApplication: (id, comment) =>
      run('reject', async () => {
        if (!comment.trim()) throw new RemoteError('refused', 'comment-required', '驳回时必须填写意见。');
        await api.rejectApplication(id, comment.trim());
        await loadApplicationsNow();
      }),
    drawSpotCheck: () =>
      run('spot-check', async () => {
        const c = requireCampaign();
        const drawn = await api.drawSpotCheck(c.id);
        const list = await api.spotChecks(c.id);
        const drawnIds = new Set(drawn.items.map((d) => d.sampleId));
        const items = list.items.filter((s) => drawnIds.has(s.id));
        const sheetName = '抽查样本';
        await port.writeSheet(sheetName, spotCheckGrid(items.length > 0 ? items : list.items), { protect: true });
        setState({ spotChecks: list.items });
        const total = items.reduce((n, s) => n + s.students.length, 0);
        notice('spot-check', `已抽取 ${total} 名毕业生，写入工作表「${sheetName}」。`);
      }),
    downloadAuditSheet: (schoolId) =>
      run('download', async () => {
        const c = requireCampaign();
        const { blob, filename } = await api.auditSheet(c.id, schoolId);
        (options.download ?? defaultDownload)(blob, filename);
        notice('download', `已下载 ${filename}。`);
      }),
    dismissError(id) {
      setState({ errors: state.errors.filter((e) => e.id !== id) });
    },
    dismissNotice(id) {
      setState({ notices: state.notices.filter((n) => n.id !== id) });
    },
    async whenIdle() {
      for (;;) {
        const c = chain;
        await c;
        if (c === chain) return;
      }
    },
  };
  return controller;
}
