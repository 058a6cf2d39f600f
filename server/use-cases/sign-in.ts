import { verifyPassword } from '../auth/password';
import { createSession, type SessionSettings } from '../auth/session';
import { AppError } from '../errors';
import { audit, type Db } from './context';

/** After this many consecutive failures the account is locked for LOCK_MS (on top of the per-IP limit). */
const MAX_FAILURES = 10;
const LOCK_MS = 15 * 60_000;

export interface SignInInput {
  db: Db;
  username: string;
  password: string;
  session: SessionSettings;
  requestId?: string;
  now?: Date;
}

/** Username + password → a new session. Every failure looks the same to the caller. */
export async function signIn({ db, username, password, session, requestId, now = new Date() }: SignInInput) {
  const user = await db.user.findUnique({ where: { username }, include: { org: true } });
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || user.disabled) throw new AppError('invalid-credentials');
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) throw new AppError('rate-limited');
  if (!ok) {
    const failures = user.failedLoginCount + 1;
    await db.user.update({
      where: { id: user.id },
      data: {
        failedLoginCount: { increment: 1 },
        lastFailedAt: now,
        ...(failures >= MAX_FAILURES ? { lockedUntil: new Date(now.getTime() + LOCK_MS), failedLoginCount: 0 } : {}),
      },
    });
    throw new AppError('invalid-credentials');
  }
  const created = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
    const s = await createSession(tx, user.id, session, now);
    await audit(tx, { userId: user.id, role: user.role, orgId: user.orgId, ...(requestId ? { requestId } : {}) }, {
      action: 'session.sign-in',
      entity: 'user',
      entityId: user.id,
    });
    return s;
  });
  return {
    token: created.token,
    expiresAt: created.expiresAt.toISOString(),
    idleTimeoutSeconds: Math.round(session.idleMs / 1000),
    user: userView(user),
  };
}

export function userView(user: {
  id: string;
  username: string;
  displayName: string | null;
  role: string;
  mustChangePassword?: boolean;
  org: { id: string; kind: string; name: string; code: string };
}) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    mustChangePassword: user.mustChangePassword ?? false,
    org: { id: user.org.id, kind: user.org.kind, name: user.org.name, code: user.org.code },
  };
}
