// Opening the database: DATABASE_URL → that PostgreSQL server; otherwise the embedded PGlite in
// data/pglite, served on a loopback port so that the SAME @prisma/adapter-pg client is used either way.
// Pending migrations are applied at open.
import path from 'node:path';
import type pg from 'pg';
import { createPrismaClient, type PrismaClient } from './client';
import { lockDataDir } from './data-dir-lock';
import { migrateDatabase } from './migrate';
import { startPgliteServer } from './pglite-server';
import { connectionFromUrl, projectRoot } from './schema-engine';

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; defaults to process.env.DATABASE_URL. When neither is set: embedded PGlite. */
  url?: string;
  /** Embedded data folder (default <project>/data/pglite); ':memory:' = in memory (tests, demos). */
  dataDir?: string;
  /**
   * Client pool size on a PostgreSQL server (default 10). Embedded: always ONE connection — PGlite has a
   * single backend session, so two connections' transactions would interleave inside it (one request
   * reading another's uncommitted rows, or committing them); requests queue for the connection instead.
   */
  poolSize?: number;
  /** Apply pending migrations at open (default true). */
  migrate?: boolean;
  /** Transaction wait/run limits, see createPrismaClient. */
  transaction?: { maxWait?: number; timeout?: number };
}

export interface Database {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** Connection fields (embedded: the loopback port), e.g. for a second pool or a child process. */
  connection: pg.PoolConfig;
  /** Migration folders applied by this open. */
  applied: string[];
  close(): Promise<void>;
}

/**
 * The embedded database's client: one connection (see poolSize), so a transaction waits for every request
 * queued before it. A big upload gives the connection back between its 2,000-row statements
 * (server/use-cases/submission-stage.ts), but a burst of requests still queues: `maxWait` is long; a
 * request refused after it gets `busy-retry` (nothing was written).
 */
export const EMBEDDED_CLIENT = { max: 1, transaction: { maxWait: 120_000, timeout: 120_000 } } as const;

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? process.env.DATABASE_URL;
  const migrate = options.migrate ?? true;
  if (url) {
    const connection = connectionFromUrl(url);
    const applied = migrate ? (await migrateDatabase({ connection })).applied : [];
    const prisma = createPrismaClient(connection, {
      max: options.poolSize ?? 10,
      preparedStatements: true,
      copy: true,
      ...(options.transaction ? { transaction: options.transaction } : {}),
    });
    return { prisma, kind: 'postgres', connection, applied, close: () => prisma.$disconnect() };
  }

  const inMemory = options.dataDir === ':memory:';
  const dataDir = inMemory ? undefined : path.resolve(options.dataDir ?? path.join(projectRoot, 'data/pglite'));
  const release = dataDir ? await lockDataDir(dataDir) : async () => {};
  let server: Awaited<ReturnType<typeof startPgliteServer>> | undefined;
  try {
    // The client's one connection, the migration engine's pools (closed before the client opens), a spare
    // for a psql session.
    server = await startPgliteServer({ ...(dataDir ? { dataDir } : {}), maxConnections: 8 });
    const connection = connectionFromUrl(server.url);
    const applied = migrate ? (await migrateDatabase({ connection })).applied : [];
    const prisma = createPrismaClient(connection, { ...EMBEDDED_CLIENT, ...(options.transaction ? { transaction: options.transaction } : {}) });
    const running = server;
    return {
      prisma,
      kind: 'pglite',
      connection,
      applied,
      async close() {
        await prisma.$disconnect();
        await running.stop();
        await release();
      },
    };
  } catch (error) {
    await server?.stop();
    await release();
    throw error;
  }
}
