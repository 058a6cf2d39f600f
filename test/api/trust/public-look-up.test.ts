/**
 * Issue #8, public look-up: numbers typed as people type them are found; the holder's name is required
 * with the number; the answer is genuine / not genuine plus the minimum; each number may be asked only
 * so often (from all addresses together), besides the per-address limit.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { canonicalCertificateNumber } from '../../../core/text/certificate-number';
import { STUDENTS } from '../fixtures';
import { startApi, type Api } from '../harness';
import { approvedSchool } from '../scenario';

let api: Api;
beforeAll(async () => {
  api = await startApi();
  await approvedSchool(api); // 南宁一职 numbered 桂教中专毕字（2022）000001–000005 in sheet order
});
afterAll(async () => {
  await api?.close();
});

const lookUp = (q: Record<string, string>, app = api.app) => request(app).get('/api/public/certificates').query(q);

describe('public look-up', () => {
  it('reads numbers as people type them', async () => {
    expect(canonicalCertificateNumber('桂教中专毕字〔2022〕 000003')).toBe('桂教中专毕字(2022)000003');
    const third = STUDENTS[2];
    if (!third) throw new Error('students');
    for (const typed of ['桂教中专毕字(2022)000003', '桂教中专毕字〔2022〕000003', '桂教中专毕字【2022】000003', ' 桂教中专毕字（2022）000003 ', '000003', '3']) {
      const res = await lookUp({ name: third.name, certificateNumber: typed }).expect(200);
      expect(res.body, typed).toEqual({
        found: true,
        certificate: { number: '桂教中专毕字（2022）000003', name: third.name, schoolName: '南宁市第一职业技术学校', year: 2022, conclusion: null, status: 'ISSUED' },
      });
    }
    expect((await lookUp({ name: third.name, certificateNumber: '桂教中专毕字(2022)000004' }).expect(200)).body).toEqual({ found: false });
  });

  it('requires the name with the number, and never answers a name for a number', async () => {
    const bare = await lookUp({ certificateNumber: '桂教中专毕字（2022）000001' }).expect(400);
    expect(bare.body.error.code).toBe('invalid-input');
    const wrong = await lookUp({ name: '张三', certificateNumber: '桂教中专毕字（2022）000001' }).expect(200);
    expect(wrong.body).toEqual({ found: false });
  });

  it('limits look-ups per number across addresses', async () => {
    const app = createApp({
      db: api.db,
      logger: api.logger,
      config: { ...api.config, trustProxy: 1, rateLimits: { ...api.config.rateLimits, lookUpPerNumber: { windowMs: 60_000, limit: 3 } } },
    });
    const q = { name: '李四', certificateNumber: '桂教中专毕字（2022）000002' };
    // Four different addresses (behind one trusted proxy): the fourth question about the number is refused.
    for (let i = 1; i <= 3; i++) await lookUp(q, app).set('X-Forwarded-For', `203.0.113.${i}`).expect(200);
    const limited = await lookUp(q, app).set('X-Forwarded-For', '203.0.113.9').expect(429);
    expect(limited.body.error.code).toBe('rate-limited');
    // Typed another way, it is the same number.
    await lookUp({ ...q, certificateNumber: '桂教中专毕字〔2022〕2' }, app).set('X-Forwarded-For', '203.0.113.11').expect(429);
    // The serial alone may mean several series: its own count, whatever the leading zeros.
    for (const serial of ['2', '02', '000002']) await lookUp({ ...q, certificateNumber: serial }, app).set('X-Forwarded-For', '203.0.113.12').expect(200);
    await lookUp({ ...q, certificateNumber: '0002' }, app).set('X-Forwarded-For', '203.0.113.13').expect(429);
  });
});
