/** Everyone changes their own password (and must, after a one-time one). Other sessions of the user end. */
import { hashPassword, verifyPassword } from '../auth/password';
import { AppError } from '../errors';
import { passwordStrongEnough } from './admin-support';
import { audit, type Actor, type Db } from './context';

export interface ChangePasswordOptions {
  actor: Actor & { sessionId: string };
  currentPassword: string;
  newPassword: string;
}

export async function changePassword(db: Db, { actor, currentPassword, newPassword }: ChangePasswordOptions) {
  const user = await db.user.findUnique({ where: { id: actor.userId } });
  if (!user) throw new AppError('unauthenticated');
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new AppError('current-password-wrong');
  if (!passwordStrongEnough(newPassword)) throw new AppError('password-too-weak');
  if (newPassword === currentPassword) throw new AppError('password-unchanged');
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await tx.session.updateMany({ where: { userId: user.id, revokedAt: null, id: { not: actor.sessionId } }, data: { revokedAt: new Date() } });
    await audit(tx, actor, { action: 'user.change-password', entity: 'user', entityId: user.id });
  });
  return { mustChangePassword: false };
}
