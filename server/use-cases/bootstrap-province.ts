/**
 * The first step of a deployment: the province and its first administrator, with a one-time password.
 * Idempotent: when the province exists, nothing changes (no new password either — reset-password does that).
 */
import { oneTimePasswordHash } from './admin-support';
import { audit, type Actor, type Db } from './context';

export interface BootstrapProvinceOptions {
  province: string;
  /** 行政区划代码 (e.g. 450000); generated when not given. */
  code?: string;
  /** The administrator's username (default `admin`). */
  username?: string;
  actor?: Actor | null;
}

export type BootstrapProvinceResult =
  | { created: true; provinceId: string; username: string; password: string }
  | { created: false; provinceId: string; username: string | null };

export async function bootstrapProvince(db: Db, options: BootstrapProvinceOptions): Promise<BootstrapProvinceResult> {
  const name = options.province.trim();
  const existing = await db.organization.findFirst({ where: { kind: 'PROVINCE', name } });
  if (existing) {
    const admin = await db.user.findFirst({ where: { orgId: existing.id, role: 'PROVINCE_ADMIN' }, orderBy: { createdAt: 'asc' } });
    return { created: false, provinceId: existing.id, username: admin?.username ?? null };
  }
  const username = options.username?.trim() || 'admin';
  const { password, passwordHash } = await oneTimePasswordHash();
  return db.$transaction(async (tx) => {
    const province = await tx.organization.create({
      data: { kind: 'PROVINCE', name, code: options.code?.trim() || `P-${crypto.randomUUID()}` },
    });
    const user = await tx.user.create({
      data: { orgId: province.id, role: 'PROVINCE_ADMIN', username, displayName: `${name} 管理员`, passwordHash, mustChangePassword: true },
    });
    await audit(tx, options.actor ?? null, {
      action: 'province.bootstrap',
      entity: 'organization',
      entityId: province.id,
      after: { name, code: province.code, administrator: username },
    });
    return { created: true as const, provinceId: province.id, username: user.username, password };
  });
}
