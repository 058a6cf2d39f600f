/** The province's organisations (cities, schools, colleges) with their accounts, for the console's set-up page. */
import { AppError } from '../errors';
import type { Actor, DbOrTx } from './context';

export interface ListOrganisationsOptions {
  actor: Actor;
}

export async function listOrganisations(db: DbOrTx, { actor }: ListOrganisationsOptions) {
  if (actor.role !== 'PROVINCE_ADMIN') throw new AppError('forbidden');
  const orgs = await db.organization.findMany({
    where: { OR: [{ id: actor.orgId }, { parentId: actor.orgId }, { parent: { parentId: actor.orgId } }] },
    include: {
      parent: { select: { id: true, name: true } },
      users: {
        select: { id: true, username: true, displayName: true, phone: true, role: true, disabled: true, mustChangePassword: true, lastLoginAt: true },
        orderBy: { username: 'asc' },
      },
    },
    orderBy: [{ kind: 'asc' }, { code: 'asc' }],
  });
  return {
    items: orgs.map((o) => ({
      id: o.id,
      kind: o.kind,
      name: o.name,
      // Generated codes (cities without a 行政区划代码) are not shown.
      code: /^[CP]-/.test(o.code) ? '' : o.code,
      parentId: o.parentId,
      parentName: o.parent?.name ?? null,
      accounts: o.users.map((u) => ({ ...u, lastLoginAt: u.lastLoginAt?.toISOString() ?? null })),
    })),
  };
}
