/**
 * One API under test per test file: a throwaway migrated database (test/helpers/db.ts), the demo seed
 * with a fixed password, the app from createApp with an in-memory logger, and signed-in agents.
 */
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { testConfig, type Config } from '../../server/config';
import { createMemoryLogger } from '../../server/http/logger';
import { seedDemo, type DemoSeed } from '../../server/use-cases/seed-demo';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

export const PASSWORD = 'Demo-Passw0rd!';

export interface Api {
  app: Express;
  db: TestDatabase['prisma'];
  database: TestDatabase;
  seed: DemoSeed;
  logger: ReturnType<typeof createMemoryLogger>;
  config: Config;
  /** Bearer token of a demo account (signed in once, cached). */
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function startApi(overrides: Partial<Config> = {}): Promise<Api> {
  // YANYIN_TEST_DB=postgres runs the API suite on the PostgreSQL server instead of PGlite.
  const kind = process.env.YANYIN_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
  const database = await createTestDatabase({ kind, max: 8, transaction: { timeout: 60_000 } });
  const db = database.prisma;
  const seed = await seedDemo(db, { password: PASSWORD });
  const logger = createMemoryLogger();
  const base = testConfig();
  const config: Config = {
    ...base,
    rateLimits: {
      signIn: { windowMs: 60_000, limit: 1_000 },
      lookUp: { windowMs: 60_000, limit: 1_000 },
      api: { windowMs: 60_000, limit: 100_000 },
    },
    ...overrides,
  };
  const app = createApp({ db, config, logger });
  const tokens = new Map<string, string>();
  return {
    app,
    db,
    database,
    seed,
    logger,
    config,
    async token(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await request(app).post('/api/auth/sign-in').send({ username, password: PASSWORD });
      if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      const token = (res.body as { token: string }).token;
      tokens.set(username, token);
      return token;
    },
    close: () => database.close(),
  };
}

let keySeq = 0;
/** A fresh Idempotency-Key. */
export function newKey(): string {
  keySeq++;
  return `test-${Date.now().toString(36)}-${keySeq}-${Math.random().toString(36).slice(2, 10)}`;
}

export function auth(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}
