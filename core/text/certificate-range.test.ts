import { describe, expect, it } from 'vitest';
import { formatCertificateRanges } from './certificate-range';
import { parseRange } from './parse';

const SERIES = { prefix: '桂教中专毕字（2023）', serialWidth: 6 };

describe('formatCertificateRanges (起止号, one format everywhere)', () => {
  it('prints the prefix once, pads serials, merges consecutive blocks and joins the rest with 、', () => {
    expect(formatCertificateRanges([{ startSerial: 6, endSerial: 10 }, { startSerial: 1, endSerial: 5 }], SERIES)).toBe('桂教中专毕字（2023）000001-000010');
    expect(formatCertificateRanges([{ startSerial: 1, endSerial: 5 }, { startSerial: 8, endSerial: 9 }], SERIES)).toBe('桂教中专毕字（2023）000001-000005、000008-000009');
    expect(formatCertificateRanges([], SERIES)).toBe('');
  });

  it('reads back with the core parser', () => {
    const text = formatCertificateRanges([{ startSerial: 101, endSerial: 150 }], SERIES);
    expect(parseRange(text, SERIES.prefix)).toMatchObject({ start: 101n, end: 150n });
  });
});
