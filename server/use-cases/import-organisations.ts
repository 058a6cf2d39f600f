/**
 * Imports a province's cities, schools and colleges with their accounts from the organisation sheet
 * (server/xlsx/org-sheet). Like a clerk's sheet: every problem is reported at its cell and nothing is
 * imported while one remains. Idempotent: a school is the same school by its 学校标识码 (a city by its
 * name, or its code when given), an account by its username; an unchanged row writes nothing, a changed
 * row updates, never duplicates. New accounts get one-time passwords, returned once (accounts.csv).
 */
import type { OrgKind, UserRole as Role } from '../../generated/prisma/client';
import type { OrgSheet, OrgSheetRow } from '../xlsx/org-sheet';
import { oneTimePasswordHash } from './admin-support';
import type { Actor, Db } from './context';
import { parseA1 } from '../../core/grid/address';
import { orgIssue, type OrgImportIssue } from './organisation-import-issues';

const KIND_OF: Record<string, Exclude<OrgKind, 'PROVINCE'>> = { 市教育局: 'CITY', 学校: 'SCHOOL', 高职院校: 'COLLEGE' };
const ROLE_OF: Record<Exclude<OrgKind, 'PROVINCE'>, Role> = { CITY: 'CITY_REVIEWER', SCHOOL: 'CLERK', COLLEGE: 'COLLEGE_CLERK' };
const USERNAME = /^[A-Za-z0-9._-]{3,64}$/;

export interface NewAccount {
  username: string;
  password: string;
  role: Role;
  organisation: string;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export type ImportOrganisationsResult =
  | { ok: false; issues: OrgImportIssue[] }
  | { ok: true; organisations: ImportCounts; accounts: ImportCounts; newAccounts: NewAccount[] };

interface Planned {
  row: OrgSheetRow;
  kind: Exclude<OrgKind, 'PROVINCE'>;
  existingId: string | null;
  /** Parent as a city name in this sheet, or an existing organisation's id. */
  parent: { cityName: string } | { id: string };
}

export interface ImportOrganisationsOptions {
  provinceId: string;
  sheet: OrgSheet;
  /** Null = the engineer's command line. */
  actor: Actor | null;
}

export async function importOrganisations(db: Db, { provinceId, sheet, actor }: ImportOrganisationsOptions): Promise<ImportOrganisationsResult> {
  const issues: OrgImportIssue[] = sheet.missing.map((m) => orgIssue('org-column-missing', sheet.sheet, m.address, { header: m.header }));
  if (issues.length > 0) return { ok: false, issues };
  if (sheet.rows.length === 0) return { ok: false, issues: [orgIssue('org-sheet-empty', sheet.sheet, `A${sheet.headerRow + 1}`)] };

  const province = await db.organization.findUniqueOrThrow({ where: { id: provinceId } });
  const cities = await db.organization.findMany({ where: { parentId: provinceId, kind: 'CITY' } });
  const cityIds = cities.map((c) => c.id);
  const codes = sheet.rows.map((r) => r.values.code).filter(Boolean);
  const byCode = new Map((await db.organization.findMany({ where: { code: { in: codes } } })).map((o) => [o.code, o]));
  const inProvince = new Set([provinceId, ...cityIds]);
  const usernames = sheet.rows.map((r) => r.values.username).filter(Boolean);
  const users = new Map(
    (await db.user.findMany({ where: { username: { in: usernames } }, include: { org: { select: { name: true } } } })).map((u) => [u.username, u]),
  );

  const add = (code: Parameters<typeof orgIssue>[0], address: string, params: Record<string, string> = {}) =>
    issues.push(orgIssue(code, sheet.sheet, address, params));
  const seenName = new Map<string, string>();
  const seenCode = new Map<string, string>();
  const seenUser = new Map<string, string>();
  const fileCities = new Set(sheet.rows.filter((r) => r.values.kind === '市教育局').map((r) => r.values.name));
  const planned: Planned[] = [];

  for (const row of sheet.rows) {
    const v = row.values;
    const a = row.address;
    const kind = KIND_OF[v.kind.replace(/\s/g, '')];
    if (!kind) add('org-kind-invalid', a.kind, { value: v.kind });
    if (!v.name) add('org-name-required', a.name);
    else if (kind) {
      const key = `${kind}|${v.name}`;
      const other = seenName.get(key);
      if (other) add('org-name-duplicate', a.name, { value: v.name, other });
      else seenName.set(key, a.name);
    }
    let existingId: string | null = null;
    if (kind) {
      if (v.code === '' && kind !== 'CITY') add('org-code-required', a.code, { kind: v.kind });
      else if (v.code !== '' && !(kind === 'CITY' ? /^\d{6}$/ : /^\d{10}$/).test(v.code)) add('org-code-format', a.code, { value: v.code, kind: v.kind });
      else if (v.code !== '') {
        const other = seenCode.get(v.code);
        if (other) add('org-code-duplicate', a.code, { value: v.code, other });
        seenCode.set(v.code, a.code);
        const owner = byCode.get(v.code);
        const sameGroup = owner && (kind === 'CITY' ? owner.kind === 'CITY' : owner.kind === 'SCHOOL' || owner.kind === 'COLLEGE');
        if (owner && (!sameGroup || !owner.parentId || !inProvince.has(owner.parentId))) add('org-code-elsewhere', a.code, { value: v.code, owner: owner.name });
        else if (owner) existingId = owner.id;
      }
      if (kind === 'CITY' && !existingId) existingId = cities.find((c) => c.name === v.name)?.id ?? null;
    }
    let parent: Planned['parent'] = { id: provinceId };
    if (kind === 'CITY' || kind === 'COLLEGE') {
      if (v.parent !== '' && v.parent !== province.name) add('org-parent-not-province', a.parent, { kind: v.kind, province: province.name });
    } else if (kind === 'SCHOOL') {
      const city = cities.find((c) => c.name === v.parent);
      if (v.parent === province.name) parent = { id: provinceId };
      else if (fileCities.has(v.parent)) parent = { cityName: v.parent };
      else if (city) parent = { id: city.id };
      else add('org-parent-unknown', a.parent, { value: v.parent || '（空）', province: province.name });
    }
    if (v.username) {
      if (!USERNAME.test(v.username)) add('account-username-format', a.username, { value: v.username });
      else {
        const other = seenUser.get(v.username.toLowerCase());
        if (other) add('account-username-duplicate', a.username, { value: v.username, other });
        seenUser.set(v.username.toLowerCase(), a.username);
        const user = users.get(v.username);
        if (user && user.orgId !== existingId) add('account-username-taken', a.username, { value: v.username, owner: user.org.name });
      }
    } else if (v.displayName || v.phone) add('account-name-without-username', a.username);
    if (v.phone && !/^1\d{10}$/.test(v.phone)) add('account-phone-format', a.phone, { value: v.phone });
    if (kind) planned.push({ row, kind, existingId, parent });
  }
  if (issues.length > 0) return { ok: false, issues: sortByCell(issues) };

  // Passwords are hashed before the transaction (argon2 is deliberately slow; the hashes run on libuv's
  // thread pool side by side: 300 accounts take seconds, not a minute).
  const newNames = planned.map((p) => p.row.values.username).filter((u) => u && !users.has(u));
  const fresh = new Map(await Promise.all(newNames.map(async (u) => [u, await oneTimePasswordHash()] as const)));
  const existingOrgs = new Map(
    (await db.organization.findMany({ where: { id: { in: planned.flatMap((p) => (p.existingId ? [p.existingId] : [])) } } })).map((o) => [o.id, o]),
  );

  return db.$transaction(
    async (tx) => {
      const orgs: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
      const accounts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
      const newAccounts: NewAccount[] = [];
      const auditRows: { action: string; entity: string; entityId: string; before?: object; after?: object }[] = [];
      const cityIdByName = new Map(cities.map((c) => [c.name, c.id]));
      // Cities first: schools in the same sheet hang under them.
      const ordered = [...planned.filter((p) => p.kind === 'CITY'), ...planned.filter((p) => p.kind !== 'CITY')];
      for (const p of ordered) {
        const v = p.row.values;
        const parentId = 'id' in p.parent ? p.parent.id : (cityIdByName.get(p.parent.cityName) as string);
        const old = p.existingId ? existingOrgs.get(p.existingId) : undefined;
        let orgId: string;
        if (!old) {
          const created = await tx.organization.create({
            data: { kind: p.kind, name: v.name, parentId, code: v.code || `C-${crypto.randomUUID()}` },
          });
          orgId = created.id;
          orgs.created++;
          auditRows.push({ action: 'organization.create', entity: 'organization', entityId: orgId, after: { kind: p.kind, name: v.name, code: created.code, parentId } });
        } else {
          orgId = old.id;
          const change = {
            ...(old.name !== v.name ? { name: v.name } : {}),
            ...(old.parentId !== parentId ? { parentId } : {}),
            ...(old.kind !== p.kind ? { kind: p.kind } : {}),
            ...(v.code && old.code !== v.code ? { code: v.code } : {}),
          };
          if (Object.keys(change).length === 0) orgs.unchanged++;
          else {
            await tx.organization.update({ where: { id: orgId }, data: change });
            orgs.updated++;
            auditRows.push({ action: 'organization.update', entity: 'organization', entityId: orgId, before: { name: old.name, parentId: old.parentId, kind: old.kind, code: old.code }, after: change });
          }
        }
        if (p.kind === 'CITY') cityIdByName.set(v.name, orgId);
        if (!v.username) continue;
        const user = users.get(v.username);
        const displayName = v.displayName || null;
        const phone = v.phone || null;
        if (!user) {
          const pw = fresh.get(v.username) as { password: string; passwordHash: string };
          const created = await tx.user.create({
            data: { username: v.username, orgId, role: ROLE_OF[p.kind], displayName, phone, passwordHash: pw.passwordHash, mustChangePassword: true },
          });
          accounts.created++;
          newAccounts.push({ username: v.username, password: pw.password, role: ROLE_OF[p.kind], organisation: v.name });
          auditRows.push({ action: 'user.create', entity: 'user', entityId: created.id, after: { username: v.username, role: ROLE_OF[p.kind], orgId } });
        } else if (user.displayName !== displayName || user.phone !== phone || user.role !== ROLE_OF[p.kind]) {
          await tx.user.update({ where: { id: user.id }, data: { displayName, phone, role: ROLE_OF[p.kind] } });
          accounts.updated++;
          auditRows.push({ action: 'user.update', entity: 'user', entityId: user.id, before: { displayName: user.displayName, phone: user.phone, role: user.role }, after: { displayName, phone, role: ROLE_OF[p.kind] } });
        } else accounts.unchanged++;
      }
      if (auditRows.length > 0) {
        auditRows.push({ action: 'organizations.import', entity: 'organization', entityId: provinceId, after: { organisations: orgs, accounts } });
        await tx.auditLog.createMany({
          data: auditRows.map((r) => ({
            actorId: actor?.userId ?? null,
            requestId: actor?.requestId ?? null,
            action: r.action,
            entity: r.entity,
            entityId: r.entityId,
            ...(r.before ? { before: r.before } : {}),
            ...(r.after ? { after: JSON.parse(JSON.stringify(r.after)) as object } : {}),
          })),
        });
      }
      return { ok: true as const, organisations: orgs, accounts, newAccounts };
    },
    { timeout: 120_000 },
  );
}

/** `username,password,role,organisation` — the file handed to the people who get the new accounts. */
export function accountsCsv(accounts: readonly NewAccount[]): string {
  const cell = (t: string) => (/[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  return ['username,password,role,organisation', ...accounts.map((a) => [a.username, a.password, a.role, a.organisation].map(cell).join(','))].join('\r\n') + '\r\n';
}

/** Top to bottom, left to right, as a person reads the sheet. */
function sortByCell(issues: OrgImportIssue[]): OrgImportIssue[] {
  const at = (i: OrgImportIssue) => parseA1(i.address) ?? { row: 0, column: 0 };
  return [...issues].sort((a, b) => at(a).row - at(b).row || at(a).column - at(b).column);
}
