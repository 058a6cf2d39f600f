/**
 * The console's HTTP client: same origin as the API, the bearer token kept in sessionStorage (closing the
 * tab signs out), errors turned into the server's Chinese message. Answers are parsed with the API contract's
 * response schemas (contract/api.ts) — the console's boundary, as the pane's client has its own.
 */
import type { z } from 'zod';
import type { UserView } from '../../contract/api';

const TOKEN_KEY = 'yanyin-console-token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export type Me = z.infer<typeof UserView>;

let onSignedOut: () => void = () => undefined;
export function whenSignedOut(fn: () => void): void {
  onSignedOut = fn;
}

export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string | null) => (t ? sessionStorage.setItem(TOKEN_KEY, t) : sessionStorage.removeItem(TOKEN_KEY)),
};

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  const t = token.get();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (res.ok) return res;
  const payload = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  const code = payload.error?.code ?? 'http';
  if (res.status === 401 && path !== '/api/auth/sign-in') {
    token.set(null);
    onSignedOut();
  }
  throw new ApiError(res.status, code, payload.error?.message ?? `请求失败（HTTP ${res.status}）`, payload);
}

/** The answer as the contract says; a malformed one fails here, not somewhere in a page. */
async function answer<S extends z.ZodType>(res: Response, schema: S): Promise<z.infer<S>> {
  const r = schema.safeParse(await res.json());
  if (!r.success) throw new ApiError(res.status, 'bad-response', '服务器的应答格式不正确，请刷新后重试', r.error.issues);
  return r.data;
}

export const api = {
  async get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    return answer(await call('GET', path), schema);
  },
  /** Without a schema the answer is not read (the caller only needs the request to succeed). */
  async post<S extends z.ZodType>(path: string, body: unknown = {}, schema?: S): Promise<z.infer<S>> {
    const res = await call('POST', path, body);
    return (schema && res.status !== 204 ? answer(res, schema) : undefined) as z.infer<S>;
  },
  async put(path: string, body: unknown): Promise<void> {
    await call('PUT', path, body);
  },
  /** Downloads a file answer under the server's file name. */
  async download(path: string, fallbackName: string): Promise<void> {
    const res = await call('GET', path);
    const disposition = res.headers.get('content-disposition') ?? '';
    const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    const name = m?.[1] ? decodeURIComponent(m[1]) : fallbackName;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

/** Saves text as a file (accounts.csv). */
export function saveText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** 2023-06-30 23:59 in Beijing time. */
export function beijing(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}
