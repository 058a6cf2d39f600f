/** The province disables (or re-enables) an account of its organisations; a disabled account's sessions end. */
import { AppError } from '../errors';
import { actorCovers, audit, type Actor, type Db } from './context';

export interface SetAccountDisabledOptions {
  actor: Actor;
  userId: string;
  disabled: boolean;
}

export async function setAccountDisabled(db: Db, { actor, userId, disabled }: SetAccountDisabledOptions) {
  if (actor.role !== 'PROVINCE_ADMIN') throw new AppError('forbidden');
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || !(await actorCovers(db, actor, user.orgId))) throw new AppError('not-found', { what: '账号' });
  if (user.id === actor.userId && disabled) throw new AppError('invalid-input', { detail: '不能停用自己的账号', field: 'params.id' });
  if (user.disabled === disabled) return { id: user.id, username: user.username, disabled };
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { disabled } });
    if (disabled) await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await audit(tx, actor, { action: disabled ? 'user.disable' : 'user.enable', entity: 'user', entityId: user.id, before: { disabled: user.disabled }, after: { disabled } });
  });
  return { id: user.id, username: user.username, disabled };
}
