// Embedded PostgreSQL: PGlite (PostgreSQL in WASM) served on a loopback port by pglite-socket, so the
// app talks to it through the same pg driver and @prisma/adapter-pg as to a PostgreSQL server.
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface PgliteServer {
  db: PGlite;
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartPgliteOptions {
  /** Data folder; omitted = in memory. */
  dataDir?: string;
  /** A data-dir tarball (PGlite dumpDataDir) to start from, for in-memory instances. */
  loadDataDir?: Blob | File;
  /** Socket connection limit: must be ≥ the sum of all client pools (pglite-socket defaults to 1). */
  maxConnections?: number;
  /** 0 = any free port. */
  port?: number;
}

/**
 * PGlite's own start parameters (`PGlite.defaultStartParams`, pglite.dev/docs/api `startParams`) plus
 * `wal_init_zero = off`: PostgreSQL then writes only the last byte of a new 16 MB WAL file instead of
 * zero-filling it ("Copy-On-Write file systems may not benefit from this technique, so the option is given
 * to skip the unnecessary work", postgresql.org/docs/current/runtime-config-wal.html). In PGlite every
 * write goes through Emscripten's file system in the one JS thread, and a 20,000-row upload starts a new
 * WAL file or two: staging it took a median 760 ms with the zero-filling, 537 ms without (idle, in memory).
 * A WAL file is never read past its last valid record (each page and record is checked), so a file not
 * zeroed is as safe as a recycled one, which PostgreSQL reuses by default.
 */
export const PGLITE_START_PARAMS: readonly string[] = [...PGlite.defaultStartParams, '-c', 'wal_init_zero=off'];

export async function createPglite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<PGlite> {
  return PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { btree_gist },
    startParams: [...PGLITE_START_PARAMS],
  });
}

export async function startPgliteServer(options: StartPgliteOptions = {}): Promise<PgliteServer> {
  const db = await createPglite(options);
  const host = '127.0.0.1';
  const server = new PGLiteSocketServer({ db, host, port: options.port ?? 0, maxConnections: options.maxConnections ?? 32 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
  let stopped = false;
  return {
    db,
    host,
    port,
    url: `postgresql://postgres@${host}:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}

let emptyDump: Promise<Blob> | undefined;

/** The installed PGlite's version: a data folder is only valid for the PostgreSQL build that wrote it. */
export async function pgliteVersion(): Promise<string> {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const pkg = await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => null);
    if (pkg) {
      const { name, version } = JSON.parse(pkg) as { name?: string; version?: string };
      if (name === '@electric-sql/pglite' && version) return version;
    }
  }
  return 'unknown';
}

/**
 * A freshly initialised, empty PGlite data folder as a tarball, cached in the OS temp folder (initdb
 * costs ≈ 3 s; loading the tarball ≈ 0.5 s). For throwaway in-memory instances: shadow databases,
 * test templates.
 */
export function emptyDataDir(): Promise<Blob> {
  emptyDump ??= (async () => {
    const file = path.join(os.tmpdir(), `yanyin-pglite-empty-${await pgliteVersion()}.tar`);
    const cached = await readFile(file).catch(() => null);
    if (cached) return new Blob([cached]);
    const db = await createPglite();
    const bytes = Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer());
    await db.close();
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(tmp, bytes);
    await rename(tmp, file); // atomic: racing processes each write a whole file
    return new Blob([bytes]);
  })();
  return emptyDump;
}
