/**
 * The REAL server for the round-trip tests: server/app.ts createApp on a fresh embedded database
 * (server/db openDatabase, in memory, migrated), the demo organisations and accounts seeded with one known
 * password, listening on 127.0.0.1 at a random port. The built pane and look-up page are mounted
 * by the same function as in server/main.ts.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApp } from '../../../server/app';
import { testConfig } from '../../../server/config';
import { openDatabase, type Database } from '../../../server/db';
import type { Logger } from '../../../server/http/logger';
import { mountPublicFiles, type PublicFiles } from '../../../server/http/public-files';
import { seedDemo, type DemoSeed } from '../../../server/use-cases/seed-demo';

export const PASSWORD = 'Yanyin-test-2022';

export interface RunningServer {
  origin: string;
  seed: DemoSeed;
  database: Database;
  /** Requests answered (method path status), for assertions and debugging. */
  requests: string[];
  close(): Promise<void>;
}

const quiet: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: (message, fields) => console.error('[server]', message, fields),
};

/** `files`: the built pane and look-up page, mounted exactly as server/main.ts mounts them. */
export async function startServer(options: { files?: PublicFiles } = {}): Promise<RunningServer> {
  const database = await openDatabase({ dataDir: ':memory:' });
  const seed = await seedDemo(database.prisma, { password: PASSWORD });
  const requests: string[] = [];
  const config = testConfig({
    rateLimits: {
      signIn: { windowMs: 60_000, limit: 100 },
      lookUp: { windowMs: 60_000, limit: 100 },
      api: { windowMs: 60_000, limit: 10_000 },
    },
  });
  const app = createApp({
    db: database.prisma,
    config,
    logger: quiet,
    beforeFallback: (a) => {
      if (options.files) mountPublicFiles(a, options.files);
    },
  });
  const outer = express();
  outer.use((req, res, next) => {
    const path = req.path; // before mounted routers rewrite it
    res.on('finish', () => requests.push(`${req.method} ${path} ${res.statusCode}`));
    next();
  });
  outer.use(app);
  const server: Server = await new Promise((resolve) => {
    const s = outer.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seed,
    database,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await database.close();
    },
  };
}
