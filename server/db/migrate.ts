// The migration runner: applies the pending folders of prisma/migrations/ with Prisma's WASM schema
// engine and records them in _prisma_migrations exactly as `prisma migrate deploy` does (a machine
// that has the binary engine sees the same history). No binary download, no shadow database.
import type pg from 'pg';
import { createMigrationAdapterFactory, createSchemaEngine, engineCall, migrationsDir, noFilters, readMigrationsList } from './schema-engine';

export interface MigrateOptions {
  /** Discrete pg connection fields (see connectionFromUrl). */
  connection: pg.PoolConfig;
  /** Defaults to prisma/migrations. */
  dir?: string;
}

export interface MigrateResult {
  /** Folder names applied by this call (empty when the database was up to date). */
  applied: string[];
}

/**
 * Applies pending migrations. Each migration.sql runs as ONE query, so a failing migration changes
 * nothing (the engine records it as failed; fix it and mark it rolled back before retrying). The engine
 * takes PostgreSQL's advisory lock itself, so several servers starting at once do not race.
 */
export async function migrateDatabase(options: MigrateOptions): Promise<MigrateResult> {
  const factory = createMigrationAdapterFactory({ connection: options.connection });
  const engine = await createSchemaEngine(factory);
  try {
    const migrationsList = await readMigrationsList(options.dir ?? migrationsDir);
    try {
      const out = await engineCall('applyMigrations', () => engine.applyMigrations({ migrationsList, filters: noFilters }));
      return { applied: out.appliedMigrationNames };
    } catch (error) {
      const failed = /migration_name="([^"]+)"/.exec(error instanceof Error ? error.message : '')?.[1];
      const cause = factory.lastScriptError;
      if (!cause) throw error;
      throw new Error(
        `Migration ${failed ?? '(unknown)'} failed and was rolled back: ${cause.message}. ` +
          'It is recorded as failed in _prisma_migrations; after fixing it, delete that row (nothing of it was applied) and run again.',
        { cause: error },
      );
    }
  } finally {
    engine.free();
    await factory.disposeAll();
  }
}
