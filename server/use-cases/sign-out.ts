import { revokeSession } from '../auth/session';
import { audit, type Actor, type Db } from './context';

export async function signOut({ db, actor, sessionId }: { db: Db; actor: Actor; sessionId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    await revokeSession(tx, sessionId);
    await audit(tx, actor, { action: 'session.sign-out', entity: 'user', entityId: actor.userId });
  });
}
