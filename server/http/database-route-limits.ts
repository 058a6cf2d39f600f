/**
 * With the database store (several servers on one database), a rate-limited route's limits are counted in
 * ONE statement: the general per-address API limit, the route's own per-address limit and the route's
 * further limit (the look-up's per number), instead of one upsert — one commit — each (issue #14). The
 * keys and the refusal are express-rate-limit's (server/app.ts), so a deployment mixing old and new
 * servers shares the counts; the per-number limit is counted only when the address limits hold, as when
 * the handler counted it.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Config } from '../config';
import { AppError } from '../errors';
import type { Db } from '../use-cases/context';
import { countAttempts, type Limit, type Window } from '../use-cases/count-attempts';
import type { AnyRoute } from './route';

declare module 'express-serve-static-core' {
  interface Request {
    /** The general API limit was counted with the route's: the app-wide limiter skips the request. */
    limitsCounted?: true;
  }
}

export type LimitName = 'api' | 'signIn' | 'lookUp';

export function databaseRouteLimits(
  route: AnyRoute & { rateLimit: 'signIn' | 'lookUp' },
  deps: { db: Db; config: Config; keyOf: (req: Request, which: LimitName) => string },
): RequestHandler {
  const { db, config, keyOf } = deps;
  const which = route.rateLimit;
  return (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const address: Limit[] = [
        { key: `rl:api:${keyOf(req, 'api')}`, ...config.rateLimits.api },
        { key: `rl:${which}:${keyOf(req, which)}`, ...config.rateLimits[which] },
      ];
      let also: Limit | undefined;
      if (route.rateLimitAlso && route.query) {
        const query = route.query.safeParse(req.query);
        if (query.success) also = await route.rateLimitAlso({ req, db, config, query: query.data });
      }
      const windows = await countAttempts(db, address, also);
      req.limitsCounted = true;
      const now = Date.now();
      for (const [i, limit] of address.entries()) setHeaders(res, i === 0 ? 'api' : which, limit, windows.get(limit.key), now);
      for (const limit of also ? [...address, also] : address) {
        const w = windows.get(limit.key);
        if (w && w.hits > limit.limit) {
          res.setHeader('Retry-After', String(Math.max(0, Math.ceil((w.resetAt.getTime() - now) / 1000))));
          next(new AppError('rate-limited'));
          return;
        }
      }
      next();
    })().catch(next);
  };
}

/** express-rate-limit's draft-8 headers (`RateLimit`, `RateLimit-Policy`), without the partition key. */
function setHeaders(res: Response, name: LimitName, limit: Limit, w: Window | undefined, now: number): void {
  if (!w) return;
  const reset = Math.max(0, Math.ceil((w.resetAt.getTime() - now) / 1000));
  res.append('RateLimit', `"${name}"; r=${Math.max(0, limit.limit - w.hits)}; t=${reset}`);
  res.append('RateLimit-Policy', `"${name}"; q=${limit.limit}; w=${Math.ceil(limit.windowMs / 1000)}`);
}
