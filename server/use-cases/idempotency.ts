/**
 * Idempotent writes: the first response for (user, Idempotency-Key) is stored IN THE SAME TRANSACTION as
 * the change, so either both exist or neither; a retry replays it. The same key with a different request
 * body is refused. Two concurrent first attempts: one commits, the other hits the unique key, rolls back
 * and replays the winner's answer.
 */
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../errors';
import type { DbOrTx } from './context';

const KEEP_MS = 24 * 3_600_000;

export interface IdempotencyRequest {
  userId: string;
  key: string;
  requestHash: string;
  method: string;
  path: string;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** The stored answer of an earlier identical request, or null when this key is new. */
export async function findReplay(db: DbOrTx, r: IdempotencyRequest, now = new Date()): Promise<StoredResponse | null> {
  const row = await db.idempotencyKey.findUnique({ where: { userId_key: { userId: r.userId, key: r.key } } });
  if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
  if (row.requestHash !== r.requestHash || row.method !== r.method || row.path !== r.path) {
    throw new AppError('idempotency-key-reused');
  }
  if (row.responseStatus === null) throw new AppError('idempotency-in-progress');
  return { status: row.responseStatus, body: row.responseBody };
}

export async function storeResponse(tx: DbOrTx, r: IdempotencyRequest, response: StoredResponse, now = new Date()) {
  // An expired row with the same key is replaced.
  await tx.idempotencyKey.deleteMany({ where: { userId: r.userId, key: r.key, expiresAt: { lte: now } } });
  await tx.idempotencyKey.create({
    data: {
      userId: r.userId,
      key: r.key,
      requestHash: r.requestHash,
      method: r.method,
      path: r.path,
      responseStatus: response.status,
      responseBody: response.body as Prisma.InputJsonValue,
      completedAt: now,
      expiresAt: new Date(now.getTime() + KEEP_MS),
    },
  });
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  return err.code === 'P2002' || err.meta?.driverAdapterError?.cause?.originalCode === '23505';
}
