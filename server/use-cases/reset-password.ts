/**
 * A new one-time password for an account (the engineer's command, or the province's set-up page): the
 * user must change it at their next sign-in, and their open sessions end.
 */
import { AppError } from '../errors';
import { oneTimePasswordHash } from './admin-support';
import { actorCovers, audit, type Actor, type Db } from './context';

export interface ResetPasswordOptions {
  username: string;
  /** Null = the engineer's command line (no scope); otherwise a province admin covering the account. */
  actor: Actor | null;
}

export async function resetPassword(db: Db, { username, actor }: ResetPasswordOptions) {
  const user = await db.user.findUnique({ where: { username: username.trim() }, include: { org: true } });
  if (!user || (actor && !(await actorCovers(db, actor, user.orgId)))) throw new AppError('not-found', { what: `账号“${username}”` });
  const { password, passwordHash } = await oneTimePasswordHash();
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null },
    });
    await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await audit(tx, actor, { action: 'user.reset-password', entity: 'user', entityId: user.id, after: { username: user.username } });
  });
  return { username: user.username, password, organisation: user.org.name, role: user.role };
}
