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
  /** Client pool size (default 10 on a server, 8 embedded: PGlite runs one query at a time anyway). */
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

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? process.env.DATABASE_URL;
  const migrate = options.migrate ?? true;
  if (url) {
    const connection = connectionFromUrl(url);
    const applied = migrate ? (await migrateDatabase({ connection })).applied : [];
    const prisma = createPrismaClient(connection, {
      max: options.poolSize ?? 10,
      preparedStatements: true,
      ...(options.transaction ? { transaction: options.transaction } : {}),
    });
    return { prisma, kind: 'postgres', connection, applied, close: () => prisma.$disconnect() };
  }

  const poolSize = options.poolSize ?? 8;
  const inMemory = options.dataDir === ':memory:';
  const dataDir = inMemory ? undefined : path.resolve(options.dataDir ?? path.join(projectRoot, 'data/pglite'));
  const release = dataDir ? await lockDataDir(dataDir) : async () => {};
  let server: Awaited<ReturnType<typeof startPgliteServer>> | undefined;
  try {
    // + 4: the migration engine's own pool, and a spare for a psql session.
    server = await startPgliteServer({ ...(dataDir ? { dataDir } : {}), maxConnections: poolSize + 4 });
    const connection = connectionFromUrl(server.url);
    const applied = migrate ? (await migrateDatabase({ connection })).applied : [];
    const prisma = createPrismaClient(connection, { max: poolSize, ...(options.transaction ? { transaction: options.transaction } : {}) });
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
