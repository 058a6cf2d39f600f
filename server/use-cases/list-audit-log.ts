import { AppError } from '../errors';
import type { Actor, DbOrTx } from './context';

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  before?: number | undefined;
  limit: number;
}

/** The province reads the append-only audit trail, newest first, paged by id. */
export interface ListAuditLogOptions {
  actor: Actor;
  filter: AuditFilter;
}

export async function listAuditLog(db: DbOrTx, { actor, filter }: ListAuditLogOptions) {
  if (actor.role !== 'PROVINCE_ADMIN') throw new AppError('forbidden');
  // A province reads what its own people did: users of the province, its cities and their schools.
  const orgs = await db.organization.findMany({
    where: { OR: [{ id: actor.orgId }, { parentId: actor.orgId }, { parent: { parentId: actor.orgId } }] },
    select: { id: true },
  });
  const people = await db.user.findMany({ where: { orgId: { in: orgs.map((o) => o.id) } }, select: { id: true } });
  const rows = await db.auditLog.findMany({
    where: {
      actorId: { in: people.map((p) => p.id) },
      ...(filter.entity ? { entity: filter.entity } : {}),
      ...(filter.entityId ? { entityId: filter.entityId } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.before ? { id: { lt: BigInt(filter.before) } } : {}),
    },
    orderBy: { id: 'desc' },
    take: filter.limit,
  });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => Boolean(x)))];
  const users = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, username: true, role: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  const items = rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    actor: r.actorId ? (byId.get(r.actorId) ?? { id: r.actorId, username: null, role: null }) : null,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
    requestId: r.requestId,
  }));
  const last = items[items.length - 1];
  return { items, nextBefore: items.length === filter.limit && last ? last.id : null };
}
