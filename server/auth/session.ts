/**
 * Sessions: a random 256-bit bearer token; only its SHA-256 is stored, so a copy of the database does not
 * hold usable tokens. A session ends at its absolute expiry, after `idleMs` without a request, or on
 * sign-out (revokedAt).
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors';
import type { Actor, DbOrTx, Role } from '../use-cases/context';

export interface SessionSettings {
  ttlMs: number;
  idleMs: number;
}

/** Only move lastSeenAt when it is this stale: one write per minute per session, not per request. */
const TOUCH_AFTER_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createSession(
  db: DbOrTx,
  userId: string,
  settings: SessionSettings,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + settings.ttlMs);
  await db.session.create({ data: { tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt } });
  return { token, expiresAt };
}

/** Bearer token → actor; a missing, unknown, revoked, expired or idle session is refused with 401. */
export async function authenticate(
  db: DbOrTx,
  token: string,
  settings: SessionSettings,
  now = new Date(),
): Promise<Actor & { sessionId: string }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError('unauthenticated');
  const session = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, role: true, orgId: true, disabled: true, mustChangePassword: true } } },
  });
  if (!session || session.revokedAt || session.user.disabled) throw new AppError('unauthenticated');
  const idleEnd = session.lastSeenAt.getTime() + settings.idleMs;
  if (session.expiresAt.getTime() <= now.getTime() || idleEnd <= now.getTime()) {
    throw new AppError('session-expired');
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return {
    userId: session.user.id,
    role: session.user.role as Role,
    orgId: session.user.orgId,
    sessionId: session.id,
    mustChangePassword: session.user.mustChangePassword,
  };
}

export async function revokeSession(db: DbOrTx, sessionId: string, now = new Date()): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}
