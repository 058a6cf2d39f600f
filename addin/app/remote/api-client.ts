/**
 * Typed client of the Yanyin API over `fetch`. Every answer is zod-parsed (see schemas.ts); every failure
 * becomes a {@link RemoteError} with a Chinese message the pane can show as is — no network, a server
 * error, a refusal with the server's own reason, or an answer the pane does not understand.
 */
import { z } from 'zod';
import type { WorkbookGrid } from '../../../core/grid/cell';
import {
  AllocateResponseSchema,
  ApplicationListSchema,
  ApplicationSchema,
  CampaignListSchema,
  CertificateNumbersSchema,
  ErrorBodySchema,
  LookUpResponseSchema,
  PutSubmissionResponseSchema,
  ReviewQueueSchema,
  SignInResponseSchema,
  SpotCheckDrawSchema,
  SpotCheckListSchema,
  SubmissionRowsSchema,
  SubmissionViewSchema,
  UserSchema,
  type SubmissionStatus,
} from './schemas';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type RemoteErrorKind = 'network' | 'server' | 'refused' | 'unauthenticated' | 'invalid-response';

export class RemoteError extends Error {
  override name = 'RemoteError';
  constructor(
    readonly kind: RemoteErrorKind,
    /** The server's error code (`campaign-locked` …), or the kind when there is none. */
    readonly code: string,
    /** Chinese, shown to the user as is. */
    message: string,
    readonly status: number | null = null,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }

  /** Worth trying again unchanged (network, 5xx, busy, rate limits). */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server' || this.code === 'rate-limited' || this.code === 'idempotency-in-progress';
  }
}

export const NETWORK_MESSAGE = '无法连接验印服务器，请检查网络后重试。工作簿中的数据没有丢失。';

export interface ApiClientOptions {
  /** Origin (and path prefix) of the server, e.g. `https://yanyin.example.cn`; '' = the pane's own origin. */
  baseUrl: string;
  fetchImpl: FetchLike;
  /** The session token, read on every call (sign-in replaces it). */
  getToken: () => string | null;
  /** Called when the server says the token is no longer good (expired, signed out elsewhere). */
  onUnauthenticated?: () => void;
}

interface CallOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Pre-serialised JSON body (the submission: the idempotency key belongs to these exact bytes). */
  rawBody?: string;
  headers?: Record<string, string>;
  schema: z.ZodType<T>;
  auth?: boolean;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: ApiClientOptions) {
  const { fetchImpl } = options;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function send(path: string, init: RequestInit, auth: boolean): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json');
    if (auth) {
      const token = options.getToken();
      if (!token) throw new RemoteError('unauthenticated', 'unauthenticated', '请先登录。', 401);
      headers.set('Authorization', `Bearer ${token}`);
    }
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, { ...init, headers, credentials: 'omit' });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new RemoteError('network', 'network', NETWORK_MESSAGE);
    }
    if (!response.ok) throw await errorOf(response, auth);
    return response;
  }

  async function errorOf(response: Response, auth: boolean): Promise<RemoteError> {
    let parsed: z.infer<typeof ErrorBodySchema> | null = null;
    try {
      const r = ErrorBodySchema.safeParse(await response.json());
      if (r.success) parsed = r.data;
    } catch {
      // not JSON (a proxy's HTML page)
    }
    const status = response.status;
    if (status === 401 && auth) options.onUnauthenticated?.();
    if (parsed) {
      const e = parsed.error;
      const kind: RemoteErrorKind = status === 401 ? 'unauthenticated' : status >= 500 ? 'server' : 'refused';
      const message = status >= 500 && !e.message.includes('没有丢失') ? `${e.message} 工作簿中的数据没有丢失。` : e.message;
      return new RemoteError(kind, e.code, message, status, e.params);
    }
    if (status >= 500 || status === 0) {
      return new RemoteError('server', 'server', `验印服务器出错（HTTP ${status}），请稍后重试。工作簿中的数据没有丢失。`, status);
    }
    if (status === 401) return new RemoteError('unauthenticated', 'unauthenticated', '登录已失效，请重新登录。', status);
    if (status === 404) return new RemoteError('refused', 'not-found', '服务器上没有这项功能或内容（HTTP 404）。', status);
    return new RemoteError('refused', `http-${status}`, `服务器拒绝了请求（HTTP ${status}）。`, status);
  }

  async function call<T>(path: string, o: CallOptions<T>): Promise<T> {
    const method = o.method ?? 'GET';
    const headers: Record<string, string> = { ...o.headers };
    let body: string | undefined;
    if (o.rawBody !== undefined) body = o.rawBody;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    else if (method === 'POST' || method === 'PUT') body = '{}';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await send(path, { method, headers, ...(body !== undefined ? { body } : {}) }, o.auth ?? true);
    if (response.status === 204) return o.schema.parse(undefined);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new RemoteError('invalid-response', 'invalid-response', '服务器返回的内容无法识别（不是 JSON）。请稍后重试或联系管理员。', response.status);
    }
    const r = o.schema.safeParse(json);
    if (!r.success) {
      console.error('[yanyin] unexpected response', path, r.error.issues.slice(0, 5));
      throw new RemoteError('invalid-response', 'invalid-response', '服务器返回的内容与加载项版本不符，请刷新加载项或联系管理员。', response.status);
    }
    return r.data;
  }

  const enc = encodeURIComponent;
  const anything = z.unknown();

  return {
    signIn: (username: string, password: string) =>
      call('/api/auth/sign-in', { method: 'POST', body: { username, password }, schema: SignInResponseSchema, auth: false }),
    signOut: () => call('/api/auth/sign-out', { method: 'POST', schema: anything }),
    me: () => call('/api/me', { schema: UserSchema }),
    campaigns: () => call('/api/campaigns', { schema: CampaignListSchema }),

    ownSubmission: (campaignId: string) => call(`/api/campaigns/${enc(campaignId)}/submission`, { schema: SubmissionViewSchema }),
    /** `body` is the exact JSON sent; the same key with the same bytes is a safe retry. */
    putSubmission: (campaignId: string, rawBody: string, idempotencyKey: string) =>
      call(`/api/campaigns/${enc(campaignId)}/submission`, {
        method: 'PUT',
        rawBody,
        headers: { 'Idempotency-Key': idempotencyKey },
        schema: PutSubmissionResponseSchema,
      }),
    submit: (campaignId: string, version: number) =>
      call(`/api/campaigns/${enc(campaignId)}/submission/submit`, { method: 'POST', body: { version }, schema: SubmissionViewSchema }),

    reviewQueue: (campaignId: string, status?: SubmissionStatus) =>
      call(`/api/campaigns/${enc(campaignId)}/review-queue${status ? `?status=${status}` : ''}`, { schema: ReviewQueueSchema }),
    submission: (submissionId: string) => call(`/api/submissions/${enc(submissionId)}`, { schema: SubmissionViewSchema }),
    submissionRows: (submissionId: string) => call(`/api/submissions/${enc(submissionId)}/rows`, { schema: SubmissionRowsSchema }),
    approve: (submissionId: string, version: number, comment?: string) =>
      call(`/api/submissions/${enc(submissionId)}/approve`, {
        method: 'POST',
        body: { version, ...(comment ? { comment } : {}) },
        schema: SubmissionViewSchema,
      }),
    returnSubmission: (submissionId: string, version: number, comment: string) =>
      call(`/api/submissions/${enc(submissionId)}/return`, { method: 'POST', body: { version, comment }, schema: SubmissionViewSchema }),

    applyForNumbers: (campaignId: string, items: { major: string; count: number }[]) =>
      call(`/api/campaigns/${enc(campaignId)}/number-applications`, { method: 'POST', body: { items }, schema: ApplicationListSchema }),
    numberApplications: (campaignId: string, status?: 'PENDING' | 'APPROVED' | 'REJECTED') =>
      call(`/api/campaigns/${enc(campaignId)}/number-applications${status ? `?status=${status}` : ''}`, { schema: ApplicationListSchema }),
    allocate: (applicationId: string, comment?: string) =>
      call(`/api/number-applications/${enc(applicationId)}/allocate`, {
        method: 'POST',
        body: { approve: true, ...(comment ? { comment } : {}) },
        schema: AllocateResponseSchema,
      }),
    rejectApplication: (applicationId: string, comment: string) =>
      call(`/api/number-applications/${enc(applicationId)}/reject`, { method: 'POST', body: { comment }, schema: ApplicationSchema }),
    certificateNumbers: (campaignId: string, schoolId: string) =>
      call(`/api/campaigns/${enc(campaignId)}/schools/${enc(schoolId)}/certificate-numbers`, { schema: CertificateNumbersSchema }),
    assignNumbers: (campaignId: string, schoolId: string) =>
      call(`/api/campaigns/${enc(campaignId)}/schools/${enc(schoolId)}/certificate-numbers/assign`, { method: 'POST', schema: anything }),

    // The server draws the seed (a reviewer may not choose it).
    drawSpotCheck: (campaignId: string, schoolId?: string) =>
      call(`/api/campaigns/${enc(campaignId)}/spot-checks`, {
        method: 'POST',
        body: schoolId ? { schoolId } : {},
        schema: SpotCheckDrawSchema,
      }),
    spotChecks: (campaignId: string) => call(`/api/campaigns/${enc(campaignId)}/spot-checks`, { schema: SpotCheckListSchema }),

    /**
     * A short-lived signed link to the school's filled 附件3 审核表 (path on the server), which a browser
     * opens without the pane's Bearer token: a blob link from the pane does nothing on Mac and WebView2
     * blocks some types.
     */
    auditSheetLink: (campaignId: string, schoolId: string) =>
      call(`/api/campaigns/${enc(campaignId)}/schools/${enc(schoolId)}/audit-sheet/link`, {
        method: 'POST',
        schema: z.object({ url: z.string().startsWith('/'), expiresAt: z.string() }),
      }),

    lookUp: (query: { name?: string; studentNumber?: string; certificateNumber?: string }) => {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v) qs.set(k, v);
      return call(`/api/public/certificates?${qs.toString()}`, { schema: LookUpResponseSchema, auth: false });
    },
  };
}

/** Builds the PUT body once, so a retry sends the very same bytes. */
export function submissionBody(baseVersion: number, workbook: WorkbookGrid): string {
  return JSON.stringify({ baseVersion, workbook });
}
