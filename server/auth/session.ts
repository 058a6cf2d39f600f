/**
 * Sessions: a random 256-bit bearer token; only its SHA-256 is stored, so a copy of the database does not
 * hold usable tokens. A session ends at its absolute expiry, exactly `idleMs` after its last request, or
 * on sign-out (revokedAt). Every authenticated request writes lastSeenAt (one small UPDATE).
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors';
import type { Actor, DbOrTx, Role } from '../use-cases/context';

export interface SessionSettings {
  ttlMs: number;
  idleMs: number;
}

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
  // One statement checks the session and moves lastSeenAt to this request, so the idle timeout counts
  // exactly from the last request (issue #8: it used to move only once a minute, so an idle setting of a
  // minute or less ended busy sessions). GREATEST: a slower concurrent request never moves it back.
  const idleSince = new Date(now.getTime() - settings.idleMs);
  const rows = await db.$queryRaw<{ id: string; user_id: string; role: string; org_id: string; disabled: boolean; must_change_password: boolean }[]>`
    WITH touched AS (
      UPDATE session SET last_seen_at = GREATEST(last_seen_at, ${now})
      WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL AND expires_at > ${now} AND last_seen_at > ${idleSince}
      RETURNING id, user_id)
    SELECT t.id::text AS id, u.id::text AS user_id, u.role::text AS role, u.org_id::text AS org_id, u.disabled, u.must_change_password
    FROM touched t JOIN app_user u ON u.id = t.user_id`;
  const live = rows[0];
  if (live && !live.disabled) {
    return { userId: live.user_id, role: live.role as Role, orgId: live.org_id, sessionId: live.id, mustChangePassword: live.must_change_password };
  }
  if (live) throw new AppError('unauthenticated');
  const session = await db.session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: { select: { disabled: true } } } });
  if (!session || session.revokedAt || session.user.disabled) throw new AppError('unauthenticated');
  throw new AppError('session-expired');
}

export async function revokeSession(db: DbOrTx, sessionId: string, now = new Date()): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}
