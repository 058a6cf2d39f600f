/**
 * inTransaction: a transaction that could not start (P2028) or that PostgreSQL rolled back (P2034)
 * wrote nothing, so it is retried with back-off; when the attempts run out the caller gets a clean
 * `busy-retry` (503). Other errors pass through untouched, and a transaction client is used as is.
 */
import { describe, expect, it } from 'vitest';
import { Prisma, type PrismaClient } from '../../server/db/client';
import { AppError } from '../../server/errors';
import { inTransaction } from '../../server/use-cases/certificate-support';
import type { Tx } from '../../server/use-cases/context';

const prismaError = (code: string) => new Prisma.PrismaClientKnownRequestError(`simulated ${code}`, { code, clientVersion: 'test' });

function fakeClient(failures: string[]) {
  let calls = 0;
  const client = {
    calls: () => calls,
    $transaction: async (fn: (tx: Tx) => Promise<unknown>) => {
      calls++;
      const code = failures.shift();
      if (code) throw prismaError(code);
      return fn({} as Tx);
    },
  };
  return client as unknown as PrismaClient & { calls(): number };
}

describe('inTransaction', () => {
  it('retries P2028 and P2034, then succeeds', async () => {
    const db = fakeClient(['P2028', 'P2034', 'P2028']);
    expect(await inTransaction(db, async () => 'ok', { baseDelayMs: 1 })).toBe('ok');
    expect(db.calls()).toBe(4);
  });

  it('refuses cleanly with busy-retry when the attempts run out', async () => {
    const db = fakeClient(Array.from({ length: 10 }, () => 'P2028'));
    const error = await inTransaction(db, async () => 'ok', { attempts: 3, baseDelayMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('busy-retry');
    expect((error as AppError).status).toBe(503);
    expect(db.calls()).toBe(3);
  });

  it('does not retry other errors', async () => {
    const db = fakeClient(['P2002']);
    await expect(inTransaction(db, async () => 'ok', { baseDelayMs: 1 })).rejects.toThrow(/P2002/);
    expect(db.calls()).toBe(1);
  });

  it('runs inside a given transaction without opening another', async () => {
    const tx = { marker: true } as unknown as Tx;
    expect(await inTransaction(tx, async (inner) => inner === tx)).toBe(true);
  });
});
