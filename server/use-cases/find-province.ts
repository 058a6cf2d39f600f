/** The province an engineer's command works on: the one named, or the only one there is. */
import { AppError } from '../errors';
import './admin-support';
import type { DbOrTx } from './context';

export interface FindProvinceOptions {
  /** The province's name; omitted = the only province there is. */
  name?: string | undefined;
}

export async function findProvince(db: DbOrTx, { name }: FindProvinceOptions = {}) {
  const provinces = await db.organization.findMany({ where: { kind: 'PROVINCE' }, orderBy: { createdAt: 'asc' } });
  if (name !== undefined) {
    const found = provinces.find((p) => p.name === name.trim());
    if (!found) throw new AppError('province-unknown', { name });
    return found;
  }
  if (provinces.length === 0) throw new AppError('province-unknown', {});
  if (provinces.length > 1) throw new AppError('province-ambiguous', { names: provinces.map((p) => p.name).join('、') });
  return provinces[0] as (typeof provinces)[number];
}
