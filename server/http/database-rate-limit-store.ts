/**
 * An express-rate-limit store on the database's rate_limit_counter table, so that several API servers
 * behind one load balancer share one count per client (issue #8: counters in process memory multiplied
 * by the number of servers). One upsert per counted request (server/use-cases/count-attempts.ts).
 * Interface: https://express-rate-limit.mintlify.app/reference/stores (Store: init, increment,
 * decrement, resetKey).
 */
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { DbOrTx } from '../use-cases/context';
import { clearAttempts, countAttempt, pruneAttempts, uncountAttempt } from '../use-cases/count-attempts';

/** About one increment in this many also deletes the windows that ended (keeps the table small). */
const PRUNE_EVERY = 500;

export class DatabaseRateLimitStore implements Store {
  private windowMs = 60_000;
  /** The keys of several limiters share the table: each has its own prefix. */
  readonly prefix: string;
  readonly localKeys = false;

  constructor(
    private readonly db: DbOrTx,
    name: string,
  ) {
    this.prefix = `rl:${name}:`;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const w = await countAttempt(this.db, this.prefix + key, this.windowMs);
    if (Math.random() * PRUNE_EVERY < 1) void pruneAttempts(this.db).catch(() => {});
    return { totalHits: w.hits, resetTime: w.resetAt };
  }

  async decrement(key: string): Promise<void> {
    await uncountAttempt(this.db, this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await clearAttempts(this.db, this.prefix + key);
  }
}
