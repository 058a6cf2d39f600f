/** The signed-in user and their organisation, for /api/me. */
import { AppError } from '../errors';
import { type Actor, type DbOrTx } from './context';
import { userView } from './sign-in';

export interface GetCurrentUserOptions {
  actor: Actor;
}

export async function getCurrentUser(db: DbOrTx, options: GetCurrentUserOptions) {
  const user = await db.user.findUnique({ where: { id: options.actor.userId }, include: { org: true } });
  if (!user) throw new AppError('unauthenticated');
  return userView(user);
}
