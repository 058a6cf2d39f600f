/**
 * What every use case shares: the database handle types, the signed-in actor, organisation scope checks
 * and the audit trail. Use cases take `db` (the client or a transaction), never a global client.
 */
import { SCHOOL_ROLES, type RoleName } from '../../contract/api';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { AppError } from '../errors';

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;
export type DbOrTx = Db | Tx;

/** The one role list is the API contract's (the pane reads the same). */
export type Role = RoleName;
export { SCHOOL_ROLES };

/** The signed-in user, as the HTTP layer hands it to use cases. */
export interface Actor {
  userId: string;
  role: Role;
  orgId: string;
  requestId?: string;
  /** Signed in with a one-time password: only changing it (and reading who they are) is allowed. */
  mustChangePassword?: boolean;
}

/**
 * The schools a reviewer covers, as an organisation filter: a city reviewer the organisations under their
 * city; a province admin those under the province (colleges) and those under its cities (schools).
 */
export function reviewerSchoolsWhere(actor: Actor): Prisma.OrganizationWhereInput {
  return actor.role === 'CITY_REVIEWER'
    ? { parentId: actor.orgId }
    : { OR: [{ parentId: actor.orgId }, { parent: { parentId: actor.orgId } }] };
}

export interface OrgChain {
  /** The organisation itself first, then its parent, up to the root. */
  ids: string[];
}

/** The organisation and its ancestors (at most a few hops: school → city → province). */
export async function orgChain(db: DbOrTx, orgId: string): Promise<string[]> {
  const ids: string[] = [];
  let current: string | null = orgId;
  while (current && ids.length < 6) {
    ids.push(current);
    const org: { parentId: string | null } | null = await db.organization.findUnique({
      where: { id: current },
      select: { parentId: true },
    });
    current = org?.parentId ?? null;
  }
  return ids;
}

/**
 * True when the actor may see the organisation: a clerk only their own school, a city reviewer the
 * schools of their city (and the city), a province admin everything under their province.
 */
export async function actorCovers(db: DbOrTx, actor: Actor, orgId: string): Promise<boolean> {
  if (SCHOOL_ROLES.includes(actor.role)) return actor.orgId === orgId;
  return (await orgChain(db, orgId)).includes(actor.orgId);
}

/** A school (or college) the actor may see; otherwise 404 — another organisation's data does not exist for them. */
export async function loadSchoolInScope(db: DbOrTx, actor: Actor, schoolId: string) {
  const school = await db.organization.findUnique({ where: { id: schoolId } });
  if (!school || (school.kind !== 'SCHOOL' && school.kind !== 'COLLEGE') || !(await actorCovers(db, actor, schoolId))) {
    throw new AppError('not-found', { what: '学校' });
  }
  return school;
}

/** A campaign of the actor's province (its owner is the actor's organisation or one of its ancestors). */
export async function loadCampaignInScope(db: DbOrTx, actor: Actor, campaignId: string) {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    include: { locks: { orderBy: { lockAt: 'asc' } }, series: true },
  });
  if (!campaign) throw new AppError('not-found', { what: '工作批次' });
  const chain = await orgChain(db, actor.orgId);
  if (!chain.includes(campaign.ownerOrgId)) throw new AppError('not-found', { what: '工作批次' });
  return campaign;
}

export type CampaignWithLocks = Awaited<ReturnType<typeof loadCampaignInScope>>;

/** Dates are shown to clerks in Beijing time. */
export function formatBeijing(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

/** Refuses a change once a lock of this scope has passed, naming the date. */
export function assertNotLocked(campaign: CampaignWithLocks, scope: string, now: Date): void {
  const passed = campaign.locks.filter((l) => l.scope === scope && l.lockAt.getTime() <= now.getTime());
  const first = passed[0];
  if (first) {
    throw new AppError('campaign-locked', { lockedAt: formatBeijing(first.lockAt), label: first.label, scope });
  }
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit row; call it inside the transaction that makes the change. */
export async function audit(tx: DbOrTx, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor?.userId ?? null,
      requestId: actor?.requestId ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}

function toJson(v: unknown): Prisma.InputJsonValue | undefined {
  if (v === undefined || v === null) return undefined;
  return JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;
}
