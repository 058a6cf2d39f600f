/**
 * The Express application, without listening (server/main.ts listens; tests use supertest on it).
 *
 * Order of the pipeline: request id → CORS (the add-in's origins only) → JSON body (size-limited, raw
 * bytes hashed for idempotency) → per-route: rate limit → authn → authz by role → zod parsing →
 * handler (use case; organisation scope checked there) → error handler rendering
 * `{ error: { code, message, messageEn, params } }`.
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import { authenticate } from './auth/session';
import type { Config } from './config';
import { AppError } from './errors';
import { securityHeaders } from './http/security-headers';
import { DatabaseRateLimitStore } from './http/database-rate-limit-store';
import { databaseRouteLimits, type LimitName } from './http/database-route-limits';
import { assertAcceptedText, rawBodyMayHoldUnacceptedText, rejectUnacceptedText } from './http/accepted-text';
import { createJsonLogger, type Logger } from './http/logger';
import { isFileResult, isStatusResult, parseInput, requireRole, type AnyRoute } from './http/route';
import { routes as allRoutes } from './http/routes';
import { buildOpenApi } from './openapi';
import type { Actor, Db } from './use-cases/context';

export interface AppDeps {
  db: Db;
  config: Config;
  logger?: Logger;
  /** Extra static folders (the built task pane), mounted by server/main.ts. */
  beforeFallback?: (app: express.Express) => void;
}

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
    rawBodySha256?: string;
    /** The JSON body's bytes when they are UTF-8 (a submission's validation worker parses them itself). */
    rawBody?: Buffer;
    /** performance.now() at arrival. */
    startedAt: number;
    actor?: Actor & { sessionId: string };
  }
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export function createApp({ db, config, logger = createJsonLogger(), beforeFallback }: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  // CSP, frame-ancestors (Office's origins), Referrer-Policy … on every page and answer (issue #8).
  app.use(securityHeaders({ pages: [path.resolve(config.addinDir, 'index.html'), path.resolve('addin/index.html')], hsts: config.env === 'production' }));

  // Request id: the client's (if sane) or a new one; echoed back, logged, put into 500 messages.
  app.use((req, res, next) => {
    const given = req.get('x-request-id');
    req.requestId = given && /^[A-Za-z0-9_.-]{6,64}$/.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.requestId);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // API answers carry personal data: no caching by browsers or proxies.
    if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
    req.startedAt = performance.now();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Path only: the query string of the public look-up holds names.
      logger.info('request', {
        requestId: req.requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
        userId: req.actor?.userId,
      });
    });
    next();
  });

  if (config.corsOrigins.length > 0) {
    app.use(
      '/api',
      cors({
        origin: config.corsOrigins,
        methods: ['GET', 'POST', 'PUT', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
        exposedHeaders: ['X-Request-Id', 'Content-Disposition'],
        maxAge: 600,
      }),
    );
  }

  app.use(
    '/api',
    express.json({
      limit: config.bodyLimit,
      strict: true,
      verify: (req, _res, buf, encoding) => {
        if (encoding.toLowerCase() === 'utf-8') (req as Request).rawBody = buf;
        (req as Request).rawBodySha256 = createHash('sha256').update(buf).digest('hex');
        (req as Request).bodyTextSuspect = rawBodyMayHoldUnacceptedText(buf);
      },
    }),
  );
  app.use('/api', rejectUnacceptedText);
  // A body that is not JSON is refused, not ignored.
  app.use('/api', (req, _res, next) => {
    const len = Number(req.get('content-length') ?? 0);
    if ((req.method === 'POST' || req.method === 'PUT') && (len > 0 || req.get('transfer-encoding')) && !req.is('application/json')) {
      next(new AppError('unsupported-media-type'));
      return;
    }
    next();
  });

  const keyOf = (req: Request, which: LimitName): string => {
    const ip = ipKeyGenerator(req.ip ?? 'unknown');
    if (which !== 'signIn') return ip;
    const body = req.body as { username?: unknown } | undefined;
    const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase().slice(0, 100) : '';
    return `${ip}|${username}`;
  };
  const inDatabase = config.rateLimitStore === 'database';
  const limiter = (which: LimitName): RateLimitRequestHandler => {
    const settings = config.rateLimits[which];
    return rateLimit({
      windowMs: settings.windowMs,
      limit: settings.limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req) => keyOf(req, which),
      handler: (_req, _res, next) => next(new AppError('rate-limited')),
      // Shared by every server on the database (issue #8); the general API limit fails open if the
      // database cannot count, the sign-in and look-up limits fail closed.
      ...(inDatabase ? { store: new DatabaseRateLimitStore(db, which), passOnStoreError: which === 'api' } : {}),
      skip: (req) => req.limitsCounted === true,
    });
  };
  const limiters = { signIn: limiter('signIn'), lookUp: limiter('lookUp') };
  // In the database, a rate-limited route counts the general limit with its own (one statement, fails
  // closed): ahead of the app-wide limiter, which then skips the request.
  if (inDatabase) {
    for (const route of allRoutes) {
      if (route.rateLimit) app[route.method](route.path, databaseRouteLimits({ ...route, rateLimit: route.rateLimit }, { db, config, keyOf }));
    }
  }
  app.use('/api', limiter('api'));

  const openapi = buildOpenApi(allRoutes);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  for (const route of allRoutes) {
    const handlers = [
      ...(route.rateLimit && !inDatabase ? [limiters[route.rateLimit]] : []),
      async (req: Request, res: Response) => {
        await runRoute(route, req, res, { db, config, logger });
      },
    ];
    app[route.method](route.path, ...handlers);
  }

  beforeFallback?.(app);

  app.use('/api', (_req, _res, next) => next(new AppError('not-found', { what: '接口' })));

  // The error handler: every AppError as its status; body-parser's errors as 4xx; anything else 500.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = toAppError(err, req, config);
    if (appError.status >= 500) {
      logger.error('unhandled error', { requestId: req.requestId, path: req.path, error: err });
    }
    if (res.headersSent) return;
    res.status(appError.status).json(appError.toBody());
  });

  return app;
}

async function runRoute(
  route: AnyRoute,
  req: Request,
  res: Response,
  deps: { db: Db; config: Config; logger: Logger },
): Promise<void> {
  const { db, config, logger } = deps;
  if (route.auth !== 'public') {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1]) throw new AppError('unauthenticated');
    req.actor = { ...(await authenticate(db, m[1], config.session)), requestId: req.requestId };
  }
  requireRole(route, req.actor);
  const authnDone = performance.now();

  assertAcceptedText(req.params, 'params');
  const params = route.params ? parseInput(route.params, req.params, 'params') : {};
  const query = route.query ? parseInput(route.query, req.query, 'query') : {};
  // Express 5 leaves req.body undefined when no body was sent.
  const body = route.body ? parseInput(route.body, req.body, 'body') : undefined;

  // Server-Timing: reading + JSON-parsing the body and authn, then zod; handlers may add their own.
  res.setHeader('Server-Timing', `receive;dur=${Math.round(authnDone - req.startedAt)}, zod;dur=${Math.round(performance.now() - authnDone)}`);

  let idempotencyKey: string | undefined;
  if (route.idempotencyKey) {
    const key = req.get('idempotency-key');
    if (!key) {
      if (route.idempotencyKey === 'required') throw new AppError('idempotency-key-required');
    } else if (!IDEMPOTENCY_KEY.test(key)) {
      throw new AppError('invalid-input', { detail: 'Idempotency-Key: 8–128 characters of A–Z a–z 0–9 _ . : -', field: 'header.idempotency-key' });
    } else {
      idempotencyKey = key;
    }
  }

  const result: unknown = await route.handler({
    req,
    res,
    db,
    config,
    logger,
    actor: req.actor as Actor & { sessionId: string },
    params,
    query,
    body,
    requestId: req.requestId,
    idempotencyKey,
  });

  if (isFileResult(result)) {
    res.setHeader('Content-Type', result.contentType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(result.filename)}`);
    res.status(200).send(result.bytes);
  } else if (isStatusResult(result)) {
    if (result.body === undefined) res.status(result.status).end();
    else res.status(result.status).json(result.body);
  } else if (result === undefined) {
    res.status(204).end();
  } else {
    res.status(200).json(result);
  }
}

interface HttpErrorLike {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
}

function toAppError(err: unknown, req: Request, config: Config): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as HttpErrorLike;
  // body-parser (Express 5's express.json) errors carry `type`.
  switch (e.type) {
    case 'entity.too.large':
      return new AppError('payload-too-large', { limit: config.bodyLimit });
    case 'entity.parse.failed':
      return new AppError('invalid-json');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported-media-type');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new AppError('invalid-input', { detail: 'request body could not be read' });
  }
  // Prisma: a transaction that could not start in time, a serialisation failure → safe to retry.
  if (e.code === 'P2028' || e.code === 'P2034') return new AppError('busy-retry');
  // Constraints the database enforces (unique, foreign key, check, exclusion) refused the change: the
  // transaction rolled back, so this is the caller's conflict, not a server fault.
  if (e.code === 'P2002' || e.code === 'P2003' || e.code === 'P2004' || e.code === 'P2039') return new AppError('conflict');
  if (e.code === 'P2025') return new AppError('not-found', {});
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('invalid-input', { detail: `HTTP ${status}` });
  }
  return new AppError('internal', { requestId: req.requestId });
}
