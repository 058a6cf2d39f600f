// Prisma's schema engine compiled to WASM, driven through @prisma/adapter-pg: migrations and schema
// diffs without the binary engine (which `prisma migrate` would try to download). See
// shared/notes/prisma-offline.md for why each workaround below exists.
import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlResultSet,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import pg from 'pg';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const schemaPath = path.join(projectRoot, 'prisma/schema.prisma');
export const migrationsDir = path.join(projectRoot, 'prisma/migrations');
export const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

// ───────────────────────── loading the engine ─────────────────────────

interface WasmGlue {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: typeof SchemaEngine;
}

let gluePromise: Promise<WasmGlue> | undefined;

/** Loads the WASM schema engine once per process (Node 20 has no ESM WASM imports without a flag). */
function loadGlue(): Promise<WasmGlue> {
  gluePromise ??= (async () => {
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    // Without this, an engine panic surfaces as an unrelated TypeError.
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        lastPanic = message;
      },
    };
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as WasmGlue;
    const require = createRequire(import.meta.url);
    // The package exports only its JS entry points; the .wasm sits beside the glue.
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
    // The engine arms timers (e.g. its connection timeouts) that engine.free() does not clear; left
    // referenced they keep a finished process alive for ~10 s. Unreference them.
    const imports: Record<string, unknown> = { ...(glue as unknown as Record<string, unknown>) };
    for (const [name, fn] of Object.entries(imports)) {
      if (name.startsWith('__wbg_setTimeout_') && typeof fn === 'function') {
        imports[name] = (...args: unknown[]) => {
          const timer: unknown = fn(...args);
          (timer as { unref?: () => void } | null)?.unref?.();
          return timer;
        };
      }
    }
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), { './schema_engine_bg.js': imports as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return gluePromise;
}

let lastPanic: string | undefined;

/** Wraps engine errors so that a panic message is not lost. */
export async function engineCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  lastPanic = undefined;
  try {
    return await call();
  } catch (error) {
    const detail = lastPanic ?? (error instanceof Error ? error.message : JSON.stringify(error));
    throw new Error(`schema engine ${what} failed: ${detail}`, { cause: error });
  }
}

export interface EngineLogger {
  (line: string): void;
}

export async function createSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: { schemaText?: string; log?: EngineLogger } = {},
): Promise<SchemaEngine> {
  const glue = await loadGlue();
  const schemaText = options.schemaText ?? (await readFile(schemaPath, 'utf8'));
  const log = options.log ?? (() => {});
  return engineCall('start', () =>
    glue.SchemaEngine.new({ datamodels: [[schemaPath, schemaText]] }, log, bindMigrationAwareSqlAdapterFactory(factory)),
  );
}

// ───────────────────────── the adapter, fixed for the migration path ─────────────────────────

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_constraint.contype, …)
const PG_TEXT_OID = 25;

interface PgResultLike {
  fields: { dataTypeID: number }[];
}
interface PatchableQueryable {
  performIO(query: object): Promise<PgResultLike>;
  queryRaw(query: object): Promise<SqlResultSet>;
}

/**
 * adapter-pg cannot decode "char" (OID 18), which the engine's schema reader selects from the catalogs
 * and reads back as a character column: let adapter-pg decode it as text, then report the column as
 * Character. The query object is the key between the two calls, so concurrent queries do not mix.
 * Patches one adapter or transaction object in place.
 */
function decodeCharColumns<T extends object>(queryable: T): T {
  const q = queryable as unknown as PatchableQueryable;
  const charColumns = new WeakMap<object, number[]>();
  const performIO = q.performIO.bind(q);
  const queryRaw = q.queryRaw.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    const found: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        found.push(i);
      }
    });
    if (found.length > 0) charColumns.set(query, found);
    return result;
  };
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    charColumns.delete(query);
    return result;
  };
  return queryable;
}

/**
 * The engine's adapter for one database: (1) "char" decoded as text; (2) executeScript sends the whole
 * script as ONE simple query — PostgreSQL runs a multi-statement simple query in one implicit
 * transaction, so a failing migration leaves nothing behind (adapter-pg splits on ';', which breaks
 * PL/pgSQL bodies and half-applies a failing script).
 */
function fixAdapter(adapter: SqlDriverAdapter, pool: pg.Pool, onScriptError: (error: Error) => void): SqlDriverAdapter {
  decodeCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => decodeCharColumns(await startTransaction(isolationLevel));
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      const e = error as { code?: string; message?: string };
      const wrapped = new Error(`migration script failed${e.code ? ` (SQLSTATE ${e.code})` : ''}: ${e.message ?? String(error)}`, { cause: error });
      onScriptError(wrapped);
      throw wrapped;
    }
  };
  return adapter;
}

export interface MigrationFactoryOptions {
  /** Connection of the database to migrate. */
  connection: pg.PoolConfig;
  /** Where shadow databases come from (diff against migrations needs one). Omitted = none. */
  shadow?: () => Promise<{ connection: pg.PoolConfig; drop(): Promise<void> }>;
}

export interface MigrationAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  /**
   * Disposes every adapter the engine opened and did not dispose (engine.free() does not: its idle pg
   * pool would keep the process alive ~10 s) and drops their shadow databases.
   */
  disposeAll(): Promise<void>;
  /** The last failure of a migration script (the engine reports only "external error id#n"). */
  lastScriptError: Error | undefined;
}

/** A migration-aware adapter factory over pg pools, with the fixes above. */
export function createMigrationAdapterFactory(options: MigrationFactoryOptions): MigrationAdapterFactory {
  const open_ = new Set<SqlDriverAdapter>();
  const open = async (connection: pg.PoolConfig, release: () => Promise<void>): Promise<SqlDriverAdapter> => {
    const pool = new pg.Pool({ ...connection, max: 2 });
    const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
    const dispose = adapter.dispose.bind(adapter);
    let disposed = false;
    adapter.dispose = async () => {
      if (disposed) return;
      disposed = true;
      open_.delete(adapter);
      await dispose(); // closes the pool first …
      await release(); // … then drops the shadow database, if any
    };
    open_.add(adapter);
    return fixAdapter(adapter, pool, (error) => {
      factory.lastScriptError = error;
    });
  };
  const factory: MigrationAdapterFactory = {
    lastScriptError: undefined,
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => open(options.connection, async () => {}),
    connectToShadowDb: async () => {
      if (!options.shadow) throw new Error('no shadow database configured for this schema-engine call');
      const shadow = await options.shadow();
      return open(shadow.connection, shadow.drop);
    },
    async disposeAll() {
      for (const adapter of [...open_]) await adapter.dispose();
    },
  };
  return factory;
}

/** pg connection fields from a URL (discrete fields: adapter-pg's connectionString overrides `database`). */
export function connectionFromUrl(url: string): pg.PoolConfig {
  const u = new URL(url);
  const config: pg.PoolConfig = {
    host: decodeURIComponent(u.hostname) || '127.0.0.1',
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || process.env.PGUSER || 'postgres',
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
  if (u.password) config.password = decodeURIComponent(u.password);
  const host = u.searchParams.get('host'); // unix socket folder
  if (host) config.host = host;
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode && sslmode !== 'disable') config.ssl = sslmode === 'no-verify' ? { rejectUnauthorized: false } : true;
  return config;
}

// ───────────────────────── migrations on disk ─────────────────────────

/** The migrations folder in the engine's format (what `prisma migrate deploy` reads). */
export async function readMigrationsList(dir = migrationsDir): Promise<MigrationList> {
  const lockPath = path.join(dir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  const migrationDirectories: MigrationList['migrationDirectories'] = [];
  for (const name of names) {
    const folder = path.join(dir, name);
    if (!(await stat(folder)).isDirectory()) continue;
    const sql = await readFile(path.join(folder, 'migration.sql'), 'utf8').then(
      (value) => ({ tag: 'ok' as const, value }),
      (error: unknown) => ({ tag: 'error' as const, value: String(error) }),
    );
    migrationDirectories.push({ path: name, migrationFile: { path: 'migration.sql', content: sql } });
  }
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    migrationDirectories,
    shadowDbInitScript: '',
  };
}
