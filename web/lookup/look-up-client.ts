/**
 * The look-up page's only request, over plain `fetch`. The pane's API client zod-parses every answer;
 * here one hand-written guard does the same for this one small answer, so the public page does not ship
 * zod and the pane's schemas (issue #14: the page's first load ≤ 60 KB gzipped).
 * Failures carry the same kinds and codes as the pane's RemoteError, so {@link failureText} words both.
 */
import type { LookUpResponse } from '../../addin/app/remote/schemas';

export type LookUpQuery = { name?: string; studentNumber?: string; certificateNumber?: string };

export class LookUpError extends Error {
  override name = 'LookUpError';
  constructor(
    readonly kind: 'network' | 'server' | 'refused' | 'invalid-response',
    /** The server's error code (`rate-limited`, `invalid-input` …), or the kind when there is none. */
    readonly code: string,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';

/** The server's LookUpResponse (contract/api.ts), checked field by field. */
export function isLookUpResponse(v: unknown): v is LookUpResponse {
  if (!isObject(v) || typeof v.found !== 'boolean') return false;
  const c = v.certificate;
  if (c === undefined) return true;
  return (
    isObject(c) &&
    isStringOrNull(c.number) &&
    typeof c.name === 'string' &&
    typeof c.schoolName === 'string' &&
    Number.isInteger(c.year) &&
    (c.conclusion === null || c.conclusion === '毕业' || c.conclusion === '结业') &&
    (c.status === null || c.status === 'ISSUED' || c.status === 'VOIDED')
  );
}

function errorCode(body: unknown): { code: string; message: string } | null {
  const e = isObject(body) ? body.error : null;
  return isObject(e) && typeof e.code === 'string' && typeof e.message === 'string' ? { code: e.code, message: e.message } : null;
}

/** `baseUrl` '' = the page's own origin. */
export function createLookUp(baseUrl: string, fetchImpl: (input: string, init?: RequestInit) => Promise<Response>) {
  const base = baseUrl.replace(/\/+$/, '');
  return async (query: LookUpQuery): Promise<LookUpResponse> => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) qs.set(k, v);
    let response: Response;
    try {
      response = await fetchImpl(`${base}/api/public/certificates?${qs.toString()}`, { headers: { Accept: 'application/json' }, credentials: 'omit' });
    } catch {
      throw new LookUpError('network', 'network', '无法连接到查询服务。');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const status = response.status;
    if (!response.ok) {
      const e = errorCode(body);
      if (status >= 500 || status === 0) throw new LookUpError('server', e?.code ?? 'server', e?.message ?? `查询服务出错（HTTP ${status}）。`, status);
      if (e) throw new LookUpError('refused', e.code, e.message, status);
      if (status === 404) throw new LookUpError('refused', 'not-found', '服务器上没有这项功能或内容（HTTP 404）。', status);
      throw new LookUpError('refused', `http-${status}`, `服务器拒绝了请求（HTTP ${status}）。`, status);
    }
    if (!isLookUpResponse(body)) throw new LookUpError('invalid-response', 'invalid-response', '服务器返回的内容无法识别。', status);
    return body;
  };
}
