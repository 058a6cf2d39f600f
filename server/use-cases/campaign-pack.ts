/**
 * The template pack a campaign runs: its pack id at the campaign's year. A yearly pack is one family at
 * many years, so a campaign stored as `gx-zz-2022` with year 2023 (or as `gx-zz`) validates with
 * 桂教中专毕字（2023） and the 2023 titles; an id that names no family stays as it is.
 */
import { packAtYear } from '../../core/templates/registry';

export function campaignPackId(campaign: { packId: string; year: number }): string {
  return packAtYear(campaign.packId, campaign.year)?.id ?? campaign.packId;
}
