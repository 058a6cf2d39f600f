import { createHash } from 'node:crypto';
import { verifyPassword } from '../auth/password';
import { createSession, type SessionSettings } from '../auth/session';
import { AppError } from '../errors';
import { audit, type Db } from './context';
import { clearAttempts, countAttempt, peekAttempts } from './count-attempts';

/**
 * After this many failed sign-ins of one name within LOCK_MS the name is locked until the window ends —
 * counted per NAME, whether or not an account has it, so a locked name and an unknown one answer alike
 * (issue #8: 429 only for existing names told which names exist). On top of the per-address limit.
 */
const MAX_FAILURES = 10;
const LOCK_MS = 15 * 60_000;

export interface SignInOptions {
  username: string;
  password: string;
  session: SessionSettings;
  requestId?: string;
  now?: Date;
}

const nameKey = (username: string) => `sign-in-name:${createHash('sha256').update(username.trim().toLowerCase(), 'utf8').digest('hex')}`;

/**
 * Username + password → a new session. Every failure looks the same to the caller, in answer and in
 * time: the password is verified (against a dummy hash for unknown names) before anything else is
 * decided, and a failure costs the same one write whether the name exists or not.
 */
export async function signIn(db: Db, { username, password, session, requestId, now = new Date() }: SignInOptions) {
  const user = await db.user.findUnique({ where: { username }, include: { org: true } });
  const ok = await verifyPassword(user?.passwordHash, password);
  const key = nameKey(username);
  const failures = await peekAttempts(db, key, now);
  if (failures.hits >= MAX_FAILURES) throw new AppError('rate-limited');
  if (!user || user.disabled || !ok) {
    await countAttempt(db, key, LOCK_MS, now);
    throw new AppError('invalid-credentials');
  }
  await clearAttempts(db, key);
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
