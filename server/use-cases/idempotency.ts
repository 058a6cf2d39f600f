/**
 * Idempotent writes. The first request for (user, Idempotency-Key) CLAIMS the key (a row with no answer
 * yet, committed at once); a concurrent retry finds the claim and is told `idempotency-in-progress` (409,
 * retry shortly) instead of doing the work a second time. The answer is stored IN THE SAME TRANSACTION as
 * the change, so either both exist or neither; a later retry replays it byte for byte (the JSON text is
 * kept as written: a jsonb object would reorder its keys). A request that fails releases its claim; a
 * claim left by a crashed server is taken over after STALE_CLAIM_MS. The same key with a different
 * request body is refused.
 */
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../errors';
import type { DbOrTx } from './context';

const KEEP_MS = 24 * 3_600_000;
/** Longer than any transaction may run (120 s) plus its wait for the connection (120 s). */
const STALE_CLAIM_MS = 5 * 60_000;

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

type KeyRow = { requestHash: string; method: string; path: string; responseStatus: number | null; responseBody: unknown; createdAt: Date; expiresAt: Date };

function isLive(row: KeyRow, now: Date): boolean {
  if (row.expiresAt.getTime() <= now.getTime()) return false;
  return row.responseStatus !== null || row.createdAt.getTime() > now.getTime() - STALE_CLAIM_MS;
}

/** The stored answer of an earlier identical request, or null when this key is new (or its claim abandoned). */
export async function findReplay(db: DbOrTx, r: IdempotencyRequest, now = new Date()): Promise<StoredResponse | null> {
  const row = await db.idempotencyKey.findUnique({ where: { userId_key: { userId: r.userId, key: r.key } } });
  if (!row || !isLive(row, now)) return null;
  if (row.requestHash !== r.requestHash || row.method !== r.method || row.path !== r.path) {
    throw new AppError('idempotency-key-reused');
  }
  if (row.responseStatus === null) throw new AppError('idempotency-in-progress');
  const body = typeof row.responseBody === 'string' ? (JSON.parse(row.responseBody) as unknown) : row.responseBody;
  return { status: row.responseStatus, body };
}

/**
 * Claims the key for this request (outside any transaction, so other requests see it at once). Returns
 * null when claimed; otherwise the replay of an earlier answer (or throws in-progress / key-reused).
 */
export async function claimKey(db: DbOrTx, r: IdempotencyRequest, now = new Date()): Promise<StoredResponse | null> {
  const replay = await findReplay(db, r, now);
  if (replay) return replay;
  // An expired record or an abandoned claim with this key is replaced.
  await db.idempotencyKey.deleteMany({
    where: {
      userId: r.userId,
      key: r.key,
      OR: [{ expiresAt: { lte: now } }, { responseStatus: null, createdAt: { lte: new Date(now.getTime() - STALE_CLAIM_MS) } }],
    },
  });
  try {
    await db.idempotencyKey.create({
      data: { userId: r.userId, key: r.key, requestHash: r.requestHash, method: r.method, path: r.path, createdAt: now, expiresAt: new Date(now.getTime() + KEEP_MS) },
    });
    return null;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Another request claimed it between our look and our insert.
    const again = await findReplay(db, r, now);
    if (again) return again;
    throw new AppError('idempotency-in-progress', {}, { cause: e });
  }
}

/** Gives the key up after a failed attempt, so the client's retry runs the request again. */
export async function releaseKey(db: DbOrTx, r: IdempotencyRequest): Promise<void> {
  await db.idempotencyKey.deleteMany({ where: { userId: r.userId, key: r.key, responseStatus: null } });
}

/** Records the answer on the claimed key; call inside the transaction that makes the change. */
export async function storeResponse(tx: DbOrTx, r: IdempotencyRequest, response: StoredResponse, now = new Date()) {
  const stored = await tx.idempotencyKey.updateMany({
    where: { userId: r.userId, key: r.key, responseStatus: null },
    data: {
      responseStatus: response.status,
      // The JSON text itself (as a JSON string), so the replay is the same bytes.
      responseBody: JSON.stringify(response.body) as Prisma.InputJsonValue,
      completedAt: now,
      expiresAt: new Date(now.getTime() + KEEP_MS),
    },
  });
  // The claim was taken over (this attempt outlived STALE_CLAIM_MS): let the newer attempt answer.
  if (stored.count !== 1) throw new AppError('idempotency-in-progress');
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  // P2002 from Prisma; 23505 straight from pg (the bulk writes of submission-stage.ts use the pool itself).
  return err.code === 'P2002' || err.code === '23505' || err.meta?.driverAdapterError?.cause?.originalCode === '23505';
}
