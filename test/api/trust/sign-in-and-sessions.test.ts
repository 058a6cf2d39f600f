/**
 * Issue #8, accounts: sign-in does not tell which usernames exist (the same answers, lockout included,
 * and about the same time for an unknown name and a wrong password), and sessions end exactly at their
 * idle and absolute limits — a busy session is never ended by the idle timeout.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, createSession } from '../../../server/auth/session';
import { AppError } from '../../../server/errors';
import { PASSWORD, startApi, type Api } from '../harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const signIn = (username: string, password: string) => request(api.app).post('/api/auth/sign-in').send({ username, password });
const answer = (r: request.Response) => `${r.status} ${r.body.error?.code as string} ${r.body.error?.message as string}`;

describe('sign-in does not leak which names exist', () => {
  it('an existing name and an unknown one get the same answers, lockout included', async () => {
    const existing: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 11; i++) {
      existing.push(answer(await signIn('college-clerk', `wrong-${i}`)));
      unknown.push(answer(await signIn('no-such-clerk', `wrong-${i}`)));
    }
    expect(existing).toEqual(unknown);
    expect(existing.slice(0, 10).every((a) => a.startsWith('401 invalid-credentials'))).toBe(true);
    expect(existing[10]).toMatch(/^429 rate-limited/);
    // Locked: the right password is refused the same way until the window ends.
    expect(answer(await signIn('college-clerk', PASSWORD))).toBe(unknown[10]);
  });

  it('an unknown name costs about as much time as a wrong password', async () => {
    const time = async (username: string) => {
      const t = performance.now();
      await signIn(username, 'not-the-password').expect(401);
      return performance.now() - t;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const known: number[] = [];
    const unknownNames: number[] = [];
    for (let i = 0; i < 5; i++) {
      unknownNames.push(await time(`ghost-${i}`));
      known.push(await time('wh1-clerk'));
    }
    // Both verify one argon2id hash (the dummy for unknown names): the same order of time.
    const ratio = median(unknownNames) / median(known);
    expect(ratio, `unknown ${median(unknownNames).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe('session expiry is exact', () => {
  const code = async (p: Promise<unknown>) => {
    try {
      await p;
      return 'ok';
    } catch (e) {
      return e instanceof AppError ? e.code : String(e);
    }
  };

  it('idle: counted from the last request, to the millisecond', async () => {
    const user = await api.db.user.findUniqueOrThrow({ where: { username: 'nn1-clerk' } });
    const settings = { ttlMs: 3_600_000, idleMs: 50_000 };
    const t0 = Date.UTC(2026, 0, 5, 8, 0, 0);
    const at = (ms: number) => new Date(t0 + ms);
    const { token } = await createSession(api.db, user.id, settings, at(0));
    expect(await code(authenticate(api.db, token, settings, at(30_000)))).toBe('ok');
    // 49.999 s after the LAST request (before: lastSeenAt had not moved, so this was 79.999 s idle → expired).
    expect(await code(authenticate(api.db, token, settings, at(79_999)))).toBe('ok');
    expect(await code(authenticate(api.db, token, settings, at(129_998)))).toBe('ok');
    expect(await code(authenticate(api.db, token, settings, at(179_998)))).toBe('session-expired');
  });

  it('absolute: ends at expiresAt however busy', async () => {
    const user = await api.db.user.findUniqueOrThrow({ where: { username: 'nn1-clerk' } });
    const settings = { ttlMs: 100_000, idleMs: 60_000 };
    const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
    const { token } = await createSession(api.db, user.id, settings, new Date(t0));
    for (const ms of [20_000, 40_000, 60_000, 80_000, 99_999]) {
      expect(await code(authenticate(api.db, token, settings, new Date(t0 + ms))), `${ms}`).toBe('ok');
    }
    expect(await code(authenticate(api.db, token, settings, new Date(t0 + 100_000)))).toBe('session-expired');
    // A revoked or unknown token is not "expired": it was never (or is no longer) a session.
    expect(await code(authenticate(api.db, 'x'.repeat(43), settings, new Date(t0 + 1)))).toBe('unauthenticated');
  });
});
