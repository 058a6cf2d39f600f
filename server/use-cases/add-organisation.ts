/** The province adds one city, school or college by hand (the import does many at once). */
import { AppError } from '../errors';
import { audit, type Actor, type Db } from './context';

export interface AddOrganisationInput {
  kind: 'CITY' | 'SCHOOL' | 'COLLEGE';
  name: string;
  /** The city (for a city school) or the province itself; default the province. */
  parentId?: string | undefined;
  code?: string | undefined;
}

export interface AddOrganisationOptions {
  actor: Actor;
  input: AddOrganisationInput;
}

export async function addOrganisation(db: Db, { actor, input }: AddOrganisationOptions) {
  if (actor.role !== 'PROVINCE_ADMIN') throw new AppError('forbidden');
  const name = input.name.trim();
  const code = input.code?.trim() ?? '';
  if (!name) throw new AppError('invalid-input', { detail: '单位名称不能为空', field: 'body.name' });
  if (input.kind !== 'CITY' && !/^\d{10}$/.test(code)) throw new AppError('invalid-input', { detail: '学校标识码应为 10 位数字', field: 'body.code' });
  if (input.kind === 'CITY' && code && !/^\d{6}$/.test(code)) throw new AppError('invalid-input', { detail: '市教育局的行政区划代码应为 6 位数字', field: 'body.code' });
  const parentId = input.parentId ?? actor.orgId;
  if (parentId !== actor.orgId) {
    const parent = await db.organization.findUnique({ where: { id: parentId } });
    if (!parent || parent.parentId !== actor.orgId || parent.kind !== 'CITY' || input.kind !== 'SCHOOL') {
      throw new AppError('invalid-input', { detail: '上级单位应为本省的市教育局（市县学校）或本省（区直学校、高职院校、市教育局）', field: 'body.parentId' });
    }
  }
  if (code && (await db.organization.findUnique({ where: { code } }))) throw new AppError('conflict');
  if (input.kind === 'CITY' && (await db.organization.findFirst({ where: { parentId: actor.orgId, kind: 'CITY', name } }))) throw new AppError('conflict');
  return db.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { kind: input.kind, name, parentId, code: code || `C-${crypto.randomUUID()}` } });
    await audit(tx, actor, { action: 'organization.create', entity: 'organization', entityId: org.id, after: { kind: org.kind, name, code: org.code, parentId } });
    return { id: org.id, kind: org.kind, name: org.name, code, parentId };
  });
}
