/**
 * A province at deployment scale, made in a few SQL statements instead of one import (or one argon2
 * sign-in) per school: thousands of schools under a city, a clerk account each, and optionally a live
 * session per clerk whose bearer token is returned (only its SHA-256 is stored, as server/auth/session.ts
 * does). For the scale benches (deadline-day, lookup-scale); what they measure starts after this.
 * The clerks' password hash is a placeholder: nobody signs in with a password here.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../server/db/client';

export interface BulkSchool {
  id: string;
  name: string;
  code: string;
  clerkId: string;
  /** Bearer token of the clerk's session (with `sessions`). */
  token?: string;
}

/** `count` schools named 广西第N职业技术学校 under `cityId`, each with one CLERK; ordered by N. */
export async function addSchools(
  db: PrismaClient,
  options: { cityId: string; count: number; sessions?: { ttlMs: number } },
): Promise<BulkSchool[]> {
  const tag = randomBytes(4).toString('hex');
  const orgs = await db.$queryRawUnsafe<{ id: string; name: string; code: string; n: number }[]>(
    `INSERT INTO organization (id, kind, parent_id, code, name)
     SELECT gen_random_uuid(), 'SCHOOL', $1::uuid, 'bench-' || $2 || '-' || g, '广西第' || g || '职业技术学校'
     FROM generate_series(1, $3::int) AS g
     RETURNING id::text, name, code, split_part(code, '-', 3)::int AS n`,
    options.cityId,
    tag,
    options.count,
  );
  orgs.sort((a, b) => a.n - b.n);
  const users = await db.$queryRawUnsafe<{ id: string; org_id: string }[]>(
    `INSERT INTO app_user (id, org_id, role, username, password_hash, updated_at)
     SELECT gen_random_uuid(), o, 'CLERK', 'clerk-' || $2 || '-' || i, 'bench: no password sign-in', now()
     FROM unnest($1::uuid[]) WITH ORDINALITY AS x(o, i)
     RETURNING id::text, org_id::text`,
    orgs.map((o) => o.id),
    tag,
  );
  const clerkOf = new Map(users.map((u) => [u.org_id, u.id]));
  const schools: BulkSchool[] = orgs.map((o) => ({ id: o.id, name: o.name, code: o.code, clerkId: clerkOf.get(o.id) ?? '' }));
  if (options.sessions) {
    for (const s of schools) s.token = randomBytes(32).toString('base64url');
    await db.$executeRawUnsafe(
      `INSERT INTO session (id, token_hash, user_id, created_at, last_seen_at, expires_at)
       SELECT gen_random_uuid(), h, u, now(), now(), now() + make_interval(secs => $3::double precision)
       FROM unnest($1::text[], $2::uuid[]) AS x(h, u)`,
      schools.map((s) => createHash('sha256').update(s.token ?? '', 'utf8').digest('hex')),
      schools.map((s) => s.clerkId),
      options.sessions.ttlMs / 1000,
    );
  }
  return schools;
}

/** Size of the current database in bytes (tables, indexes, TOAST; not the WAL). */
export async function databaseSize(db: PrismaClient): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ size: bigint }[]>('SELECT pg_database_size(current_database()) AS size');
  return Number(rows[0]?.size ?? 0);
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
export const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
