import { gxZz2022 } from './gx-zz-2022';
import { hbPg2018 } from './hb-pg-2018';
import type { SheetKindSpec, TemplatePackSpec } from './types';

/** Every built-in pack, in detection priority order. */
export const packs: readonly TemplatePackSpec[] = [gxZz2022, hbPg2018];

export function getPack(id: string): TemplatePackSpec | undefined {
  return packs.find((p) => p.id === id);
}

export function getSheetKind(pack: TemplatePackSpec, kindId: string): SheetKindSpec | undefined {
  return pack.sheetKinds.find((k) => k.id === kindId);
}
