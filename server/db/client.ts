// The generated Prisma 7 client (prisma-client generator → generated/prisma, gitignored; produced by
// `npm run prisma:generate`, run by postinstall) over @prisma/adapter-pg — the same adapter for the
// embedded PGlite and for a PostgreSQL server.
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
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
}

export function createPrismaClient(connection: pg.PoolConfig, options: CreateClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ ...connection, max: options.max ?? connection.max ?? 10 });
  return new PrismaClient({
    adapter,
    transactionOptions: { maxWait: options.transaction?.maxWait ?? 10_000, timeout: options.transaction?.timeout ?? 30_000 },
  });
}
