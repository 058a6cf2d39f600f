/**
 * Issue #8: per-address rate limits are counted in the database, so two API servers on one database
 * (behind a load balancer) share the count instead of each allowing the full limit. Behind the proxy,
 * YANYIN_TRUST_PROXY makes the limits see the client's address, not the proxy's.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { loadConfig, type Config } from '../../../server/config';
import { startApi, type Api } from '../harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const server = (overrides: Partial<Config>) =>
  createApp({
    db: api.db,
    logger: api.logger,
    config: { ...api.config, rateLimits: { ...api.config.rateLimits, lookUp: { windowMs: 60_000, limit: 3 } }, ...overrides },
  });

describe('rate limits shared by the servers of one database', () => {
  it('the database store: two servers together allow the limit once', async () => {
    const a = server({ rateLimitStore: 'database' });
    const b = server({ rateLimitStore: 'database' });
    const q = { name: '张三', certificateNumber: 'NO-SUCH-1' };
    const statuses: number[] = [];
    for (const app of [a, b, a, b]) statuses.push((await request(app).get('/api/public/certificates').query(q)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('behind a trusted proxy each client address has its own count', async () => {
    const a = server({ rateLimitStore: 'database', trustProxy: 1 });
    const b = server({ rateLimitStore: 'database', trustProxy: 1 });
    const ask = (app: typeof a, ip: string, i: number) =>
      request(app).get('/api/public/certificates').query({ name: '李四', certificateNumber: `NO-SUCH-2-${i}` }).set('X-Forwarded-For', ip);
    for (let i = 0; i < 3; i++) await ask(i % 2 ? a : b, '198.51.100.7', i).expect(200);
    await ask(a, '198.51.100.7', 9).expect(429);
    await ask(b, '198.51.100.8', 9).expect(200);
  });

  it('defaults: the database with DATABASE_URL, memory on the embedded database', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).rateLimitStore).toBe('memory');
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://x@127.0.0.1/y' }).rateLimitStore).toBe('database');
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://x@127.0.0.1/y', YANYIN_RATE_LIMIT_STORE: 'memory' }).rateLimitStore).toBe('memory');
  });
});
