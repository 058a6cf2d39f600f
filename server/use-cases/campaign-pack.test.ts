import { describe, expect, it } from 'vitest';
import { campaignPackId } from './campaign-pack';

describe('campaignPackId', () => {
  it('runs a yearly pack at the campaign year; other ids stay', () => {
    expect(campaignPackId({ packId: 'gx-zz-2022', year: 2022 })).toBe('gx-zz-2022');
    expect(campaignPackId({ packId: 'gx-zz-2022', year: 2023 })).toBe('gx-zz-2023');
    expect(campaignPackId({ packId: 'gx-zz', year: 2024 })).toBe('gx-zz-2024');
    expect(campaignPackId({ packId: 'hb-pg-2018', year: 2018 })).toBe('hb-pg-2018');
    expect(campaignPackId({ packId: 'no-such', year: 2023 })).toBe('no-such');
  });
});
