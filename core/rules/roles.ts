/**
 * How generic rules find what a sheet means: through the pack's roles (core/templates/roles.ts) and column
 * types, never through kind ids or column keys of one province.
 */
import type { ChangeEffect, ChangesRole, GraduateListRole } from '../templates/roles';
import type { ColumnType } from '../templates/types';
import { cleanText, valueKey } from '../text/normalize';
import { readOption } from './checks';
import type { RowState, SheetModel, WorkbookModel } from './types';

/** Key of the sheet's first column of a type (`id-number`, `certificate-number`), '' when none. */
export function keyOfType(sheet: SheetModel, type: ColumnType): string {
  return sheet.kind.columns.find((c) => c.type === type)?.key ?? '';
}

/** Sheets of a role's kind ([] when the pack has no such role). */
export function sheetsOf(wb: WorkbookModel, role: { kind: string } | undefined): SheetModel[] {
  return role ? wb.byKind(role.kind) : [];
}

/** The pack's attachment name (附件2) of a role's sheets, for messages; '' when the pack has no such kind. */
export function attachmentOf(wb: WorkbookModel, role: { kind: string }): string {
  return wb.pack.sheetKinds.find((k) => k.id === role.kind)?.attachment ?? '';
}

/** The normalised major named by a graduate-list sheet's meta line, or null (no such line, or blank). */
export function listMajorKey(sheet: SheetModel): string | null {
  const key = sheet.pack.roles.graduates?.majorMeta;
  const m = key ? sheet.meta[key] : undefined;
  if (typeof m !== 'string' && typeof m !== 'number') return null;
  const k = valueKey(String(m));
  return k === '' ? null : k;
}

/** The sheet's school name (roles.schoolMeta), '' when absent. */
export function schoolOf(sheet: SheetModel): string {
  const key = sheet.pack.roles.schoolMeta;
  const v = key ? sheet.meta[key] : undefined;
  return typeof v === 'string' ? v : '';
}

/** The effect of a change row's type (null when the type is unreadable or only informative). */
export function changeEffect(sheet: SheetModel, role: ChangesRole, st: RowState): { type: string; effect: ChangeEffect | null } | null {
  const ti = sheet.spec(role.type);
  const typeSpec = sheet.kind.columns[ti];
  if (!typeSpec) return null;
  const type = readOption(st.texts[ti] ?? '', typeSpec);
  if (!type) return null;
  return { type, effect: role.effects[type] ?? null };
}

/** Effects that take a student off the graduate list. */
export function leavesList(effect: ChangeEffect | null | undefined): boolean {
  return effect === 'suspend' || effect === 'transfer-out';
}

/** A meta line's value as clean text ('' when absent or not text/number). */
export function metaText(sheet: SheetModel, key: string): string {
  const v = sheet.meta[key];
  return typeof v === 'string' || typeof v === 'number' ? cleanText(String(v)) : '';
}

/** Rows of the graduate list by normalised ID (the first row of each ID). */
export function listById(wb: WorkbookModel, list: GraduateListRole): Map<string, { sheet: SheetModel; state: RowState }> {
  const map = new Map<string, { sheet: SheetModel; state: RowState }>();
  for (const sheet of wb.byKind(list.kind)) {
    for (const state of sheet.rows) if (!state.blank && state.idKey !== null && !map.has(state.idKey)) map.set(state.idKey, { sheet, state });
  }
  return map;
}
