/**
 * Which pack a campaign of a given year uses, and its certificate series. The ONE place that reads the
 * pack registry for campaigns, so that packs parameterised by year (`gx-zz` + year) re-point here only.
 *
 * Today a pack id carries its year (`gx-zz-2022`); a campaign may name it exactly or by its family
 * (`gx-zz`): the family's newest pack not after the year is used. The series prefix is the pack's
 * certificate prefix with its year replaced (桂教中专毕字（2022） → 桂教中专毕字（2023）).
 */
import { packs } from '../../core/templates/registry';
import type { TemplatePackSpec } from '../../core/templates/types';

export interface CampaignSeries {
  prefix: string;
  serialWidth: number;
  maxSerial: number;
}

/** Serial width of the printed numbers (桂教中专毕字（2022）000001): six digits, as the demo and notice use. */
const SERIAL_WIDTH = 6;

function family(id: string): string {
  return id.replace(/-\d{4}$/, '');
}

export function campaignPackFor(packId: string, year: number): TemplatePackSpec | undefined {
  const exact = packs.find((p) => p.id === packId);
  if (exact) return exact;
  return packs
    .filter((p) => family(p.id) === packId && p.graduationYear <= year)
    .sort((a, b) => b.graduationYear - a.graduationYear)[0];
}

export function campaignSeriesFor(packId: string, year: number): CampaignSeries | null {
  const pack = campaignPackFor(packId, year);
  if (!pack?.certificatePrefix) return null;
  const prefix = pack.certificatePrefix.replace(String(pack.graduationYear), String(year));
  return { prefix, serialWidth: SERIAL_WIDTH, maxSerial: 10 ** SERIAL_WIDTH - 1 };
}

/** `2023年广西壮族自治区中等职业学校毕业证书验印` */
export function campaignNameFor(pack: TemplatePackSpec, year: number): string {
  return `${year}年${pack.region}${pack.level}毕业证书验印`;
}

/** Pack ids and families offered to people (CLI help, the console's campaign form). */
export function campaignPackChoices(): { id: string; name: string }[] {
  return packs.map((p) => ({ id: family(p.id), name: `${p.region}${p.level}` }));
}
