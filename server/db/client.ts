// The generated Prisma 7 client (prisma-client generator → generated/prisma, gitignored; produced by
// `npm run prisma:generate`, run by postinstall) over @prisma/adapter-pg — the same adapter for the
// embedded PGlite and for a PostgreSQL server.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { Prisma, PrismaClient } from '../../generated/prisma/client';

export { Prisma, PrismaClient };
export type * from '../../generated/prisma/client';

/** A client or an interactive transaction: what every use case takes as `db`. */
export type Db = PrismaClient | Prisma.TransactionClient;

export interface CreateClientOptions {
  /** Pool size (pg default 10). */
  max?: number;
  /**
   * How long a transaction may wait for a pooled connection before P2028 (Prisma's default 2 s makes a
   * burst of 1,000 allocations partly fail) and how long it may run.
   */
  transaction?: { maxWait?: number; timeout?: number };
  /**
   * Cache named prepared statements per connection. Only for a PostgreSQL server: pglite-socket serves every
   * pool connection from ONE backend session, where the connections' statement names would collide.
   */
  preparedStatements?: boolean;
  /**
   * Bulk writes may use COPY FROM STDIN on a connection of the client's pool. Only for a PostgreSQL server:
   * pglite-socket answers CopyData with "protocol synchronization was lost" (tried with pg-copy-streams).
   */
  copy?: boolean;
}

/** The pg pool under a client (the one the Prisma adapter queues on) and whether it may COPY. */
export interface BulkAccess {
  pool: pg.Pool;
  copy: boolean;
}

const bulkAccess = new WeakMap<object, BulkAccess>();

/** The pool of a client made by createPrismaClient (undefined for a transaction client). */
export function bulkAccessOf(db: Db): BulkAccess | undefined {
  return bulkAccess.get(db);
}

/**
 * Names prepared statements by their SQL text, so each connection plans a query once instead of on every
 * call (allocations: 726 → 1,107/s at equal load). The name is a hash: the same text always gets the same
 * name, which is what node-postgres requires of named statements.
 */
function statementName(query: { sql: string }): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < query.sql.length; i++) {
    const c = query.sql.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `y${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}${query.sql.length.toString(36)}`;
}

export function createPrismaClient(connection: pg.PoolConfig, options: CreateClientOptions = {}): PrismaClient {
  // Our own pool handed to the adapter, so bulk writes can take a connection from the SAME queue (on the
  // embedded database: the one connection, so a COPY or a chunk never runs beside a request's transaction).
  const pool = new pg.Pool({ ...connection, max: options.max ?? connection.max ?? 10 });
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    ...(options.preparedStatements ? { statementNameGenerator: statementName } : {}),
  });
  const client = new PrismaClient({
    adapter,
    transactionOptions: { maxWait: options.transaction?.maxWait ?? 10_000, timeout: options.transaction?.timeout ?? 30_000 },
  });
  bulkAccess.set(client, { pool, copy: options.copy ?? false });
  return client;
}
