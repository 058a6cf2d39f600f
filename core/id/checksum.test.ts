import { describe, expect, it } from 'vitest';
import { lookupRegion } from './address-codes';
import { idChecksumChar, upgradeLegacyId } from './checksum';

describe('idChecksumChar', () => {
  it('computes ISO 7064 MOD 11-2 as in the standard', () => {
    expect(idChecksumChar('11010519491231002')).toBe('X');
    expect(idChecksumChar('44052418800101001')).toBe('4');
    expect(idChecksumChar('93268219850101001')).toBe('7');
    expect(idChecksumChar('91112419810803002')).toBe('4');
  });
  it('throws on anything but 17 digits (a programming error, not bad data)', () => {
    expect(() => idChecksumChar('1101051949123100')).toThrow(RangeError);
    expect(() => idChecksumChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('upgradeLegacyId', () => {
  it('inserts 19 and appends the check character', () => {
    expect(upgradeLegacyId('110105491231002')).toBe('11010519491231002X');
  });
  it('returns null for anything but 15 digits', () => {
    expect(upgradeLegacyId('11010549123100')).toBeNull();
    expect(upgradeLegacyId('11010549123100X')).toBeNull();
  });
});

describe('lookupRegion', () => {
  it('names current, prefecture-level and abolished codes', () => {
    expect(lookupRegion('110105')).toBe('北京市朝阳区');
    expect(lookupRegion('441900')).toBe('广东省东莞市');
    expect(lookupRegion('440000')).toBe('广东省');
    expect(lookupRegion('342401')).toBe('安徽省六安地区市辖区');
    expect(lookupRegion('810000')).toBe('香港特别行政区');
  });
  it('returns null for unknown codes and for 830000 (not a GB/T 2260 code)', () => {
    expect(lookupRegion('110199')).toBeNull();
    expect(lookupRegion('100101')).toBeNull();
    expect(lookupRegion('830000')).toBeNull();
    expect(lookupRegion('11010')).toBeNull();
  });
});
