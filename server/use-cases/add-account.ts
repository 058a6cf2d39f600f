/** The province adds one account to one of its organisations; the answer holds its one-time password. */
import type { UserRole } from '../../generated/prisma/client';
import { AppError } from '../errors';
import { oneTimePasswordHash } from './admin-support';
import { actorCovers, audit, type Actor, type Db } from './context';

const ROLE_OF: Record<string, UserRole> = { PROVINCE: 'PROVINCE_ADMIN', CITY: 'CITY_REVIEWER', SCHOOL: 'CLERK', COLLEGE: 'COLLEGE_CLERK' };

export interface AddAccountInput {
  orgId: string;
  username: string;
  displayName?: string | undefined;
  phone?: string | undefined;
}

export interface AddAccountOptions {
  actor: Actor;
  input: AddAccountInput;
}

export async function addAccount(db: Db, { actor, input }: AddAccountOptions) {
  if (actor.role !== 'PROVINCE_ADMIN') throw new AppError('forbidden');
  const org = await db.organization.findUnique({ where: { id: input.orgId } });
  if (!org || !(await actorCovers(db, actor, org.id))) throw new AppError('not-found', { what: '单位' });
  const username = input.username.trim();
  if (!/^[A-Za-z0-9._-]{3,64}$/.test(username)) throw new AppError('invalid-input', { detail: '账号只能由字母、数字、点、下划线或短横线组成，3–64 位', field: 'body.username' });
  if (input.phone && !/^1\d{10}$/.test(input.phone)) throw new AppError('invalid-input', { detail: '手机号码应为 11 位数字，以 1 开头', field: 'body.phone' });
  const taken = await db.user.findUnique({ where: { username }, include: { org: { select: { name: true } } } });
  if (taken) throw new AppError('username-taken', { username });
  const { password, passwordHash } = await oneTimePasswordHash();
  const role = ROLE_OF[org.kind] as UserRole;
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { orgId: org.id, username, role, displayName: input.displayName?.trim() || null, phone: input.phone || null, passwordHash, mustChangePassword: true },
    });
    await audit(tx, actor, { action: 'user.create', entity: 'user', entityId: user.id, after: { username, role, orgId: org.id } });
    return { id: user.id, username, role, organisation: org.name, password };
  });
}
