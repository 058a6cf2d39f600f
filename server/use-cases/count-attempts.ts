/**
 * Fixed-window counters in the database (table rate_limit_counter), shared by every server on it: the
 * per-address rate limits (server/http/database-rate-limit-store.ts) and the per-name sign-in lockout.
 * One upsert per hit (countAttempts: several in one statement); the window restarts on the first hit after
 * it ended. Time is the caller's `now` (tests move it); servers behind one load balancer are assumed to
 * have synchronised clocks.
 */
import { Prisma } from '../db/client';
import type { DbOrTx } from './context';

export interface Window {
  hits: number;
  resetAt: Date;
}

/**
 * One hit on an existing counter `c` (the row inserted is the new window): the window restarts on the first
 * hit after it ended. The one place that rule is written.
 */
const hit = (now: Date): Prisma.Sql => Prisma.sql`
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN c.reset_at <= ${now} THEN 1 ELSE c.hits + 1 END,
    reset_at = CASE WHEN c.reset_at <= ${now} THEN EXCLUDED.reset_at ELSE c.reset_at END`;

/** Counts one hit for `key` and answers the window it fell in. */
export async function countAttempt(db: DbOrTx, key: string, windowMs: number, now = new Date()): Promise<Window> {
  const resetAt = new Date(now.getTime() + windowMs);
  const rows = await db.$queryRaw<{ hits: number; reset_at: Date }[]>`
    INSERT INTO rate_limit_counter AS c (key, hits, reset_at) VALUES (${key}, 1, ${resetAt})
    ${hit(now)}
    RETURNING c.hits, c.reset_at`;
  const row = rows[0];
  return { hits: row?.hits ?? 1, resetAt: row?.reset_at ?? resetAt };
}

export interface Limit {
  key: string;
  windowMs: number;
  /** Hits allowed per window; one more is over the limit. */
  limit: number;
}

/**
 * Counts one hit on each of `first` and then — only when none of those went over its limit — one on `then`,
 * in ONE statement (one commit: with three counters per public look-up, the commits were most of its
 * cost). Answers the windows counted, by key (`then` absent when it was not counted). The keys of `first`
 * must differ; rows are locked in the order given, so callers list them in one fixed order (address limits
 * first, then the route's own).
 */
export async function countAttempts(db: DbOrTx, first: Limit[], then?: Limit, now = new Date()): Promise<Map<string, Window>> {
  const at = (l: Limit) => new Date(now.getTime() + l.windowMs);
  const rows = await db.$queryRaw<{ key: string; hits: number; reset_at: Date }[]>`
    WITH first AS (
      INSERT INTO rate_limit_counter AS c (key, hits, reset_at)
      SELECT k, 1, r FROM unnest(${first.map((l) => l.key)}::text[], ${first.map(at)}::timestamptz[]) AS f(k, r)
      ${hit(now)}
      RETURNING c.key, c.hits, c.reset_at
    ), then_ AS (
      INSERT INTO rate_limit_counter AS c (key, hits, reset_at)
      SELECT ${then?.key ?? null}::text, 1, ${then ? at(then) : now}::timestamptz
      WHERE ${then !== undefined} AND NOT EXISTS (
        SELECT 1 FROM first JOIN unnest(${first.map((l) => l.key)}::text[], ${first.map((l) => l.limit)}::int[]) AS l(k, n) ON l.k = first.key
        WHERE first.hits > l.n)
      ${hit(now)}
      RETURNING c.key, c.hits, c.reset_at
    )
    SELECT key, hits, reset_at FROM first UNION ALL SELECT key, hits, reset_at FROM then_`;
  return new Map(rows.map((r) => [r.key, { hits: r.hits, resetAt: r.reset_at }]));
}

/** The current window of `key` without counting (hits 0 when none is running). */
export async function peekAttempts(db: DbOrTx, key: string, now = new Date()): Promise<Window> {
  const row = await db.rateLimitCounter.findUnique({ where: { key } });
  if (!row || row.resetAt.getTime() <= now.getTime()) return { hits: 0, resetAt: now };
  return { hits: row.hits, resetAt: row.resetAt };
}

export async function uncountAttempt(db: DbOrTx, key: string): Promise<void> {
  await db.rateLimitCounter.updateMany({ where: { key, hits: { gt: 0 } }, data: { hits: { decrement: 1 } } });
}

export async function clearAttempts(db: DbOrTx, key: string): Promise<void> {
  await db.rateLimitCounter.deleteMany({ where: { key } });
}

/** Drops windows that ended (called now and then; a stale row is harmless, only space). */
export async function pruneAttempts(db: DbOrTx, now = new Date()): Promise<number> {
  return (await db.rateLimitCounter.deleteMany({ where: { resetAt: { lte: now } } })).count;
}
