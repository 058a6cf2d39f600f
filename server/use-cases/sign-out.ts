import { revokeSession } from '../auth/session';
import { audit, type Actor, type Db } from './context';

export interface SignOutOptions {
  actor: Actor;
  sessionId: string;
}

export async function signOut(db: Db, { actor, sessionId }: SignOutOptions): Promise<void> {
  await db.$transaction(async (tx) => {
    await revokeSession(tx, sessionId);
    await audit(tx, actor, { action: 'session.sign-out', entity: 'user', entityId: actor.userId });
  });
}
