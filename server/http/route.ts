/**
 * One table of routes drives three things: the Express router (server/app.ts), the OpenAPI document
 * (server/openapi.ts) and the authorisation matrix test (test/api). A route declares who may call it,
 * its zod schemas and a handler that returns data; the plumbing (authn, authz by role, zod parsing,
 * idempotency, rate limits, errors) lives here once.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import { AppError } from '../errors';
import '../use-cases/admin-support';
import type { Actor, Db, Role } from '../use-cases/context';
import type { Limit } from '../use-cases/count-attempts';
import type { Logger } from './logger';

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface HandlerContext<P, Q, B> {
  req: Request;
  res: Response;
  db: Db;
  config: Config;
  logger: Logger;
  /** Present on every route that is not public. */
  actor: Actor & { sessionId: string };
  params: P;
  query: Q;
  body: B;
  requestId: string;
  /** The Idempotency-Key header, on routes that require one. */
  idempotencyKey: string | undefined;
}

export interface StatusResult {
  kind: 'status';
  status: number;
  body: unknown;
}
export interface FileResult {
  kind: 'file';
  contentType: string;
  filename: string;
  bytes: Buffer;
}
/** A handler returns the JSON body (status 200), a {@link StatusResult}, a {@link FileResult}, or nothing (204). */
export type HandlerResult = unknown;

const TAG = Symbol('yanyin.result');

export function isFileResult(r: unknown): r is FileResult {
  return typeof r === 'object' && r !== null && (r as { [TAG]?: string })[TAG] === 'file';
}
export function isStatusResult(r: unknown): r is StatusResult {
  return typeof r === 'object' && r !== null && (r as { [TAG]?: string })[TAG] === 'status';
}

export interface RouteDef<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Express path, e.g. `/api/campaigns/:id/submission`. */
  path: string;
  summary: string;
  tag: string;
  /** 'public' = no sign-in; otherwise the roles allowed (organisation scope is checked in the use case). */
  auth: 'public' | readonly Role[];
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response?: z.ZodType;
  /** Answers a file instead of JSON. */
  produces?: string;
  /** Requires an Idempotency-Key header. */
  idempotencyKey?: 'required' | 'optional';
  rateLimit?: 'signIn' | 'lookUp';
  /**
   * A further limit from the valid query (the look-up's per-number one). With the database store it is
   * counted in the same statement as the address limits, and only when those hold; the handler then
   * does not count it again. Not called for a query that fails validation.
   */
  rateLimitAlso?: (ctx: { req: Request; db: Db; config: Config; query: Q }) => Promise<Limit>;
  /** Allowed while the caller still has a one-time password (change it, who am I, sign out). */
  allowsOneTimePassword?: true;
  /** Error codes this route may answer with besides the common ones (for the document). */
  errors?: string[];
  handler(ctx: HandlerContext<P, Q, B>): Promise<HandlerResult>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table holds routes of every shape
export type AnyRoute = RouteDef<any, any, any>;

export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  def: RouteDef<P, Q, B>,
): RouteDef<P, Q, B> {
  return def;
}

export function fileResult(contentType: string, filename: string, bytes: Buffer): FileResult {
  return { kind: 'file', contentType, filename, bytes, [TAG]: 'file' } as FileResult;
}

export function statusResult(status: number, body: unknown): StatusResult {
  return { kind: 'status', status, body, [TAG]: 'status' } as StatusResult;
}

/** zod → AppError('invalid-input') naming the first few problems by path, never echoing the values. */
export function parseInput<T>(schema: z.ZodType<T>, data: unknown, where: 'body' | 'query' | 'params' | 'header'): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const problems = r.error.issues.slice(0, 5).map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`);
  const more = r.error.issues.length > 5 ? `（另有 ${r.error.issues.length - 5} 处）` : '';
  const first = r.error.issues[0];
  throw new AppError('invalid-input', {
    detail: problems.join('; ') + more,
    field: [where, ...(first?.path.map(String) ?? [])].join('.'),
    count: r.error.issues.length,
  });
}

export function requireRole(route: AnyRoute, actor: Actor | undefined): void {
  if (route.auth === 'public') return;
  if (!actor) throw new AppError('unauthenticated');
  if (!route.auth.includes(actor.role)) throw new AppError('forbidden', { role: actor.role });
  if (actor.mustChangePassword && !route.allowsOneTimePassword) throw new AppError('password-change-required');
}
