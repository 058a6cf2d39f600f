/**
 * Issue #8: logs mask personal data only (names, ID numbers, phone numbers) and keep request ids whole —
 * before, a UUID request id was logged as `e02***-6f8e-…`, so support could not trace a request.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger, redact } from '../../../server/http/logger';
import { startApi, type Api } from '../harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe('log masking', () => {
  it('keeps UUIDs and request ids whole, masks IDs, student numbers, phones and names', () => {
    const logger = createMemoryLogger();
    const requestId = 'e0212345-6f8e-4a1b-9c2d-123456789abc';
    logger.error('failed for 韦丽娟 450103200405211234 tel 13877112345 G450103200405211234 in request e0212345-6f8e-4a1b-9c2d-123456789abc', {
      requestId,
      userId: '01900000-0000-7000-8000-000000000123',
      detail: 'id_number=450103200405211234',
    });
    const line = JSON.parse(logger.lines[0] ?? '{}') as Record<string, string>;
    expect(line.requestId).toBe(requestId);
    expect(line.userId).toBe('01900000-0000-7000-8000-000000000123');
    expect(line.msg).toContain(requestId);
    for (const personal of ['韦丽娟', '450103200405211234', '13877112345', 'G450103200405211234']) {
      expect(line.msg).not.toContain(personal);
    }
    expect(line.detail).not.toContain('450103200405211234');
    expect(redact('20261204000123')).not.toBe('20261204000123'); // a bare long digit run is still masked
  });

  it('a request is logged with the whole request id it was answered with', async () => {
    for (const given of ['e0212345-6f8e-4a1b-9c2d-123456789abc', '20261204-000123', '1234567890']) {
      const res = await request(api.app).get('/api/health').set('X-Request-Id', given).expect(200);
      expect(res.headers['x-request-id']).toBe(given);
      const logged = api.logger.lines.map((l) => JSON.parse(l) as { requestId?: string }).filter((l) => l.requestId === given);
      expect(logged, given).toHaveLength(1);
    }
  });
});
