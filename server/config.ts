/**
 * The server's settings, read once from the environment and checked with zod: a typo in a variable is
 * a clear start-up error, not a surprise at the first request.
 */
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  /** Seed the demo organisations, campaigns and accounts even on a DATABASE_URL database. */
  YANYIN_DEMO: flag,
  YANYIN_TLS_CERT: z.string().min(1).optional(),
  YANYIN_TLS_KEY: z.string().min(1).optional(),
  /** Comma-separated origins allowed by CORS (the task pane's). Same-origin needs no CORS at all. */
  YANYIN_ADDIN_ORIGINS: z.string().optional(),
  /** Absolute session lifetime and idle timeout. */
  YANYIN_SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  YANYIN_SESSION_IDLE_MINUTES: z.coerce.number().positive().max(24 * 60).default(60),
  /** JSON body limit for submissions (a 20,000-row workbook as JSON is ≈ 8–10 MB). */
  YANYIN_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i).default('20mb'),
  /** Where the per-address rate limits count: `database` (shared by all servers) or `memory` (one process). */
  YANYIN_RATE_LIMIT_STORE: z.enum(['database', 'memory']).optional(),
  /** Number of proxies in front of the server (for req.ip and the rate limits). */
  YANYIN_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Embedded database folder (default data/pglite); ignored with DATABASE_URL. */
  YANYIN_DATA_DIR: z.string().min(1).optional(),
  /** Where the built task pane lives. */
  YANYIN_ADDIN_DIR: z.string().default('dist/addin'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  demo: boolean;
  tls: { cert: string; key: string } | undefined;
  corsOrigins: string[];
  session: { ttlMs: number; idleMs: number };
  bodyLimit: string;
  trustProxy: number;
  /**
   * `database` by default with DATABASE_URL (several servers share one count), `memory` on the embedded
   * database (one process by construction: its folder lock admits one server).
   */
  rateLimitStore: 'database' | 'memory';
  addinDir: string;
  dataDir: string | undefined;
  rateLimits: {
    /** Sign-in attempts per username + IP per window. */
    signIn: { windowMs: number; limit: number };
    /** Public certificate look-ups per IP per window. */
    lookUp: { windowMs: number; limit: number };
    /** Public look-ups of one certificate number (or 学籍号) per window, from all addresses together. */
    lookUpPerNumber?: { windowMs: number; limit: number };
    /** All API requests per IP per window. */
    api: { windowMs: number; limit: number };
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `DATABASE_URL=` in an .env file means "not set", as in most tools, not an invalid URL.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`环境变量配置有误 / invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.YANYIN_TLS_CERT) !== Boolean(e.YANYIN_TLS_KEY)) {
    throw new ConfigError('YANYIN_TLS_CERT and YANYIN_TLS_KEY must be set together');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    demo: e.YANYIN_DEMO,
    tls: e.YANYIN_TLS_CERT && e.YANYIN_TLS_KEY ? { cert: e.YANYIN_TLS_CERT, key: e.YANYIN_TLS_KEY } : undefined,
    // Unset outside production: the task pane's dev origins. Same-origin (pane served by this server) needs none.
    corsOrigins: (e.YANYIN_ADDIN_ORIGINS ?? (e.NODE_ENV === 'production' ? '' : 'https://localhost:3000,https://localhost:3001'))
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    session: { ttlMs: e.YANYIN_SESSION_TTL_HOURS * 3_600_000, idleMs: e.YANYIN_SESSION_IDLE_MINUTES * 60_000 },
    bodyLimit: e.YANYIN_BODY_LIMIT,
    trustProxy: e.YANYIN_TRUST_PROXY,
    rateLimitStore: e.YANYIN_RATE_LIMIT_STORE ?? (e.DATABASE_URL ? 'database' : 'memory'),
    addinDir: e.YANYIN_ADDIN_DIR,
    dataDir: e.YANYIN_DATA_DIR,
    rateLimits: {
      signIn: { windowMs: 15 * 60_000, limit: 10 },
      lookUp: { windowMs: 60_000, limit: 30 },
      lookUpPerNumber: { windowMs: 3_600_000, limit: 10 },
      api: { windowMs: 60_000, limit: 1200 },
    },
  };
}

/** Settings for tests: defaults, overridable piecemeal. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test' }), ...overrides };
}

/** The demo seed only ever runs on an embedded database, or where explicitly asked for. */
export function demoSeedAllowed(config: Config): boolean {
  if (config.env === 'production') return false;
  if (config.databaseUrl && !config.demo) return false;
  return true;
}
