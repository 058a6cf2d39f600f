/**
 * The template pack a campaign runs: its pack id at the campaign's year. A yearly pack is one family at
 * many years, so a campaign stored as `gx-zz-2022` with year 2023 (or as `gx-zz`) validates with
 * 桂教中专毕字（2023） and the 2023 titles. The rule itself is core's (the pane applies the same one).
 */
export { campaignPackId } from '../../core/templates/registry';
