/**
 * The province approves a number application (or allocates directly) and carves a contiguous range
 * [start, end] from the series' counter. The write is ONE SQL statement, hence one transaction, with
 * data-modifying CTEs:
 *   claim   UPDATE number_application … WHERE status = 'PENDING'          (only one decision wins)
 *   counter UPDATE certificate_series SET next_serial = next_serial + n … RETURNING   (atomic increment)
 *   range   INSERT certificate_range …                                     (EXCLUDE constraint: no overlap)
 *   audit   INSERT audit_log …
 * The series row lock is held for that one statement only, which is what makes ≥ 500 allocations/s
 * possible; an exhausted series trips certificate_series_counter_check and rolls the whole statement
 * back (the claim included). No interactive transaction, so no P2028 under a burst.
 */
import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/prisma/client';
import { AppError } from '../errors';
import { type Actor, type DbOrTx } from './context';
import { formatCertificateNumber, requireRole, sqlState } from './certificate-support';

export type AllocateCertificateRangeOptions = {
  actor: Actor;
  /** Which series to carve from; default: the campaign's only series covering the school. */
  seriesId?: string;
  comment?: string;
  now?: Date;
} & ({ applicationId: string } | { campaignId: string; schoolId: string; major: string; count: number });

export interface AllocatedRange {
  id: string;
  seriesId: string;
  schoolId: string;
  major: string;
  startSerial: number;
  endSerial: number;
  count: number;
  /** Printed first and last numbers, e.g. 桂教中专毕字（2022）000001. */
  first: string;
  last: string;
  applicationId: string | null;
}

interface SeriesRow {
  id: string;
  scope: string;
  scopeOrgId: string | null;
  prefix: string;
  serialWidth: number;
}

interface ScopeRow {
  school_kind: string | null;
  school_parent: string | null;
  covers: boolean;
  campaign_status: string | null;
  campaign_in_scope: boolean | null;
  series: SeriesRow[] | null;
}

/** One round trip: the school and its ancestors, the actor's ancestors, the campaign and its series. */
async function loadScope(db: DbOrTx, actor: Actor, schoolId: string, campaignId: string): Promise<ScopeRow | undefined> {
  const rows = await db.$queryRaw<ScopeRow[]>`
    WITH RECURSIVE
      school_up AS (
        SELECT id, parent_id, kind, 0 AS depth FROM "organization" WHERE id = ${schoolId}::uuid
        UNION ALL
        SELECT o.id, o.parent_id, o.kind, u.depth + 1 FROM "organization" o JOIN school_up u ON o.id = u.parent_id WHERE u.depth < 8),
      actor_up AS (
        SELECT id, parent_id, 0 AS depth FROM "organization" WHERE id = ${actor.orgId}::uuid
        UNION ALL
        SELECT o.id, o.parent_id, u.depth + 1 FROM "organization" o JOIN actor_up u ON o.id = u.parent_id WHERE u.depth < 8)
    SELECT
      (SELECT kind::text FROM school_up WHERE depth = 0) AS school_kind,
      (SELECT parent_id::text FROM school_up WHERE depth = 0) AS school_parent,
      EXISTS (SELECT 1 FROM school_up WHERE id = ${actor.orgId}::uuid) AS covers,
      c.status::text AS campaign_status,
      (c.owner_org_id IN (SELECT id FROM actor_up)) AS campaign_in_scope,
      (SELECT json_agg(json_build_object('id', s.id, 'scope', s.scope, 'scopeOrgId', s.scope_org_id,
                                         'prefix', s.prefix, 'serialWidth', s.serial_width) ORDER BY s.created_at)
         FROM "certificate_series" s WHERE s.campaign_id = c.id) AS series
    FROM (SELECT 1) one LEFT JOIN "campaign" c ON c.id = ${campaignId}::uuid`;
  return rows[0];
}

export async function allocateCertificateRange(db: DbOrTx, options: AllocateCertificateRangeOptions): Promise<AllocatedRange> {
  return (await allocate(db, options)).range;
}

/** The same, also naming the campaign the range belongs to (an application's campaign, say). */
export async function allocateCertificateRangeWithCampaign(
  db: DbOrTx,
  options: AllocateCertificateRangeOptions,
): Promise<{ range: AllocatedRange; campaignId: string }> {
  return allocate(db, options);
}

async function allocate(db: DbOrTx, options: AllocateCertificateRangeOptions): Promise<{ range: AllocatedRange; campaignId: string }> {
  const { actor } = options;
  requireRole(actor, ['PROVINCE_ADMIN', 'CITY_REVIEWER']);
  const now = options.now ?? new Date();

  let campaignId: string, schoolId: string, major: string, count: number, applicationId: string | null;
  if ('applicationId' in options) {
    const application = await db.numberApplication.findUnique({ where: { id: options.applicationId } });
    if (!application) throw new AppError('not-found', { what: '编号申请' });
    ({ campaignId, schoolId, major, count } = application);
    applicationId = application.id;
  } else {
    ({ campaignId, schoolId, count } = options);
    major = options.major.trim();
    applicationId = null;
    if (!Number.isInteger(count) || count < 1 || count > 100_000) {
      throw new AppError('invalid-input', { detail: '分配数量须为 1–100000 的整数' });
    }
  }

  const scope = await loadScope(db, actor, schoolId, campaignId);
  if (!scope?.school_kind || !['SCHOOL', 'COLLEGE'].includes(scope.school_kind) || !scope.covers) {
    throw new AppError('not-found', { what: applicationId ? '编号申请' : '学校' });
  }
  if (!scope.campaign_status || !scope.campaign_in_scope) throw new AppError('not-found', { what: '工作批次' });
  if (scope.campaign_status !== 'OPEN') throw new AppError('campaign-not-open');
  const series = pickSeries(scope.series ?? [], schoolId, scope.school_parent, options.seriesId);

  const rangeId = randomUUID();
  const after = {
    seriesId: series.id,
    schoolId,
    major,
    count,
    applicationId,
    comment: options.comment ?? null,
  };
  let rows: { start_serial: number; end_serial: number }[];
  try {
    rows = await db.$queryRaw<{ start_serial: number; end_serial: number }[]>`
      WITH claim AS (
        UPDATE "number_application"
           SET status = 'APPROVED', decided_by_id = ${actor.userId}::uuid, decided_at = ${now}, decision_comment = ${options.comment ?? null}
         WHERE id = ${applicationId}::uuid AND status = 'PENDING'
        RETURNING id),
      counter AS (
        UPDATE "certificate_series" SET next_serial = next_serial + ${count}::int
         WHERE id = ${series.id}::uuid AND (${applicationId}::uuid IS NULL OR EXISTS (SELECT 1 FROM claim))
        RETURNING next_serial - ${count}::int AS start_serial),
      range AS (
        INSERT INTO "certificate_range" (id, series_id, school_id, major, start_serial, end_serial, application_id, allocated_by_id, allocated_at)
        SELECT ${rangeId}::uuid, ${series.id}::uuid, ${schoolId}::uuid, ${major}, start_serial, start_serial + ${count}::int - 1,
               ${applicationId}::uuid, ${actor.userId}::uuid, ${now}
          FROM counter
        RETURNING start_serial, end_serial),
      audit AS (
        INSERT INTO "audit_log" (actor_id, action, entity, entity_id, after, at, request_id)
        SELECT ${actor.userId}::uuid, 'certificate-range.allocate', 'certificate_range', ${rangeId},
               ${JSON.stringify(after)}::jsonb || jsonb_build_object(
                 'startSerial', start_serial, 'endSerial', end_serial,
                 'first', ${series.prefix} || lpad(start_serial::text, ${series.serialWidth}::int, '0'),
                 'last', ${series.prefix} || lpad(end_serial::text, ${series.serialWidth}::int, '0')),
               ${now}, ${actor.requestId ?? null}
          FROM range
        RETURNING id)
      SELECT start_serial, end_serial FROM range, (SELECT count(*) FROM audit) AS written`;
  } catch (error) {
    const state = sqlState(error) ?? (error instanceof Prisma.PrismaClientKnownRequestError ? /\b(23514|23P01)\b/.exec(error.message)?.[1] : undefined);
    if (state === '23514') {
      const current = await db.certificateSeries.findUniqueOrThrow({ where: { id: series.id } });
      throw new AppError('series-exhausted', { prefix: series.prefix, remaining: current.maxSerial - current.nextSerial + 1, count }, { cause: error });
    }
    // Only possible if a range was written around the counter (e.g. by hand): the database refuses.
    if (state === '23P01') throw new AppError('certificate-conflict', { detail: '新编号段与已分配的编号段重叠' }, { cause: error });
    throw error;
  }
  const row = rows[0];
  if (!row) {
    // Nothing was written: the claim failed, so the application was decided by someone else.
    const application = applicationId ? await db.numberApplication.findUnique({ where: { id: applicationId } }) : null;
    throw new AppError('application-not-pending', { status: application?.status ?? 'UNKNOWN' });
  }
  const range: AllocatedRange = {
    id: rangeId,
    seriesId: series.id,
    schoolId,
    major,
    startSerial: row.start_serial,
    endSerial: row.end_serial,
    count,
    first: formatCertificateNumber(series, row.start_serial),
    last: formatCertificateNumber(series, row.end_serial),
    applicationId,
  };
  return { range, campaignId };
}

function pickSeries(all: SeriesRow[], schoolId: string, schoolParent: string | null, seriesId: string | undefined): SeriesRow {
  if (seriesId) {
    const chosen = all.find((x) => x.id === seriesId);
    if (!chosen) throw new AppError('not-found', { what: '证书编号段' });
    return chosen;
  }
  const fitting = all.filter(
    (x) => x.scope === 'CAMPAIGN' || (x.scope === 'CITY' && x.scopeOrgId === schoolParent) || (x.scope === 'SCHOOL' && x.scopeOrgId === schoolId),
  );
  const only = fitting[0];
  if (!only) throw new AppError('not-found', { what: '证书编号段' });
  if (fitting.length > 1) throw new AppError('series-ambiguous');
  return only;
}
