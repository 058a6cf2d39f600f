import { packFamilies } from '../packs';
import type { SheetKindSpec, TemplatePackSpec } from './types';

/** Every built-in pack at its default years, in detection priority order. */
export const packs: readonly TemplatePackSpec[] = packFamilies.flatMap((f) => f.years.map((y) => f.make(y)));

const made = new Map<string, TemplatePackSpec>(packs.map((p) => [p.id, p]));

/**
 * A pack by id: a listed one, or a yearly family at another year (`gx-zz-2023` → gx-zz at 2023; plausible
 * years only). Unknown ids give undefined.
 */
export function getPack(id: string): TemplatePackSpec | undefined {
  const known = made.get(id);
  if (known) return known;
  const m = /^(.+)-(\d{4})$/.exec(id);
  const family = m ? packFamilies.find((f) => f.family === m[1]) : undefined;
  const year = m ? Number(m[2]) : 0;
  if (!family || year < 2000 || year > 2100) return undefined;
  const pack = family.make(year);
  made.set(id, pack);
  return pack;
}

/** `gxZz` at a year: `packAtYear('gx-zz', 2023)`; a pack id with a year also works (`gx-zz-2022`, 2023). */
export function packAtYear(familyOrId: string, year: number): TemplatePackSpec | undefined {
  const family = getPack(familyOrId)?.family ?? familyOrId;
  return getPack(`${family}-${year}`);
}

/**
 * The pack id a campaign runs: its pack at the campaign's year (`gx-zz-2022` with year 2023, or `gx-zz`,
 * → `gx-zz-2023`); an id that names no family stays as it is. The server and the pane both use this.
 */
export function campaignPackId(campaign: { packId: string; year: number }): string {
  return packAtYear(campaign.packId, campaign.year)?.id ?? campaign.packId;
}

/** A pack from a given list (detection's candidates), falling back to the built-in families. */
export function findPack(list: readonly TemplatePackSpec[], id: string): TemplatePackSpec | undefined {
  return list.find((p) => p.id === id) ?? getPack(id);
}

export function getSheetKind(pack: TemplatePackSpec, kindId: string): SheetKindSpec | undefined {
  return pack.sheetKinds.find((k) => k.id === kindId);
}
