/**
 * Which pack a campaign of a given year runs, and its certificate series: the one place the server reads
 * the pack registry for campaigns. A yearly pack is one family at many years, so a campaign stored as
 * `gx-zz-2022` with year 2023 (or as `gx-zz`) validates with 桂教中专毕字（2023） and the 2023 titles.
 * The year rule itself is core's `campaignPackId` (the pane applies the same one).
 */
import { packFamilies } from '../../core/packs';
import { packAtYear } from '../../core/templates/registry';
import type { TemplatePackSpec } from '../../core/templates/types';

export interface CampaignSeries {
  prefix: string;
  serialWidth: number;
  maxSerial: number;
}

/** Serial width of the printed numbers (桂教中专毕字（2022）000001): six digits, as the demo and notice use. */
const SERIAL_WIDTH = 6;

export function campaignPackFor(packId: string, year: number): TemplatePackSpec | undefined {
  return packAtYear(packId, year);
}

export function campaignSeriesFor(packId: string, year: number): CampaignSeries | null {
  const pack = campaignPackFor(packId, year);
  if (!pack?.certificatePrefix) return null;
  return { prefix: pack.certificatePrefix, serialWidth: SERIAL_WIDTH, maxSerial: 10 ** SERIAL_WIDTH - 1 };
}

/** `2023年广西壮族自治区中等职业学校毕业证书验印` */
export function campaignNameFor(pack: TemplatePackSpec, year: number): string {
  return `${year}年${pack.region}${pack.level}毕业证书验印`;
}

/** Pack families offered to people (CLI help, the console's campaign form). */
export function campaignPackChoices(): { id: string; name: string }[] {
  return packFamilies.map((f) => {
    const pack = f.make(f.years[0] ?? new Date().getFullYear());
    return { id: f.family, name: `${pack.region}${pack.level}` };
  });
}
