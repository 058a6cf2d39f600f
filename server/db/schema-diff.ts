// Schema diffs with the WASM engine: the SQL that brings the migrations (replayed on a throwaway
// in-memory PGlite shadow database) up to prisma/schema.prisma. Used by the drift test and by
// `npm run db:diff` when writing a new migration.
import { readFile } from 'node:fs/promises';
import type { DiffTarget } from '@prisma/schema-engine-wasm';
import { emptyDataDir, startPgliteServer, type PgliteServer } from './pglite-server';
import {
  connectionFromUrl,
  createMigrationAdapterFactory,
  createSchemaEngine,
  engineCall,
  migrationsDir,
  noFilters,
  readMigrationsList,
  schemaPath,
} from './schema-engine';

export interface SchemaDiff {
  /** 0 = no difference, 2 = the migrations do not produce schema.prisma. */
  exitCode: number;
  /** The SQL of the difference (empty when none). */
  sql: string;
}

/**
 * Diff from the migrations folder (or from an empty database) to schema.prisma. Every shadow database is
 * a separate in-memory PGlite (PGlite behind pglite-socket ignores database names, so a "shadow database"
 * on the main one would be the main data).
 */
export async function diffSchema(options: { from?: 'migrations' | 'empty'; dir?: string; schemaText?: string } = {}): Promise<SchemaDiff> {
  const servers: PgliteServer[] = [];
  const startShadow = async () => {
    const server = await startPgliteServer({ maxConnections: 4, loadDataDir: await emptyDataDir() });
    servers.push(server);
    return { connection: connectionFromUrl(server.url), drop: () => server.stop() };
  };
  try {
    const main = await startShadow();
    const factory = createMigrationAdapterFactory({ connection: main.connection, shadow: startShadow });
    const schemaText = options.schemaText ?? (await readFile(schemaPath, 'utf8'));
    const engine = await createSchemaEngine(factory, { schemaText });
    try {
      const from: DiffTarget =
        options.from === 'empty' ? { tag: 'empty' } : { tag: 'migrations', ...(await readMigrationsList(options.dir ?? migrationsDir)) };
      const result = await engineCall('diff', () =>
        engine.diff({
          from,
          to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schemaText }] },
          script: true,
          exitCode: true,
          filters: noFilters,
        }),
      );
      const sql = (result.stdout ?? '').trim();
      return { exitCode: result.exitCode, sql: sql === '-- This is an empty migration.' ? '' : sql };
    } finally {
      engine.free();
      await factory.disposeAll();
    }
  } finally {
    for (const server of servers) await server.stop();
  }
}
