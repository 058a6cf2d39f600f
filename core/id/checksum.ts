/** ISO 7064 MOD 11-2 as used by GB 11643-1999 (and by the 2023 foreigner card and the J 学籍号). */

const WEIGHTS = Int32Array.of(7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2);
/** R = Σ digit × weight mod 11 → check character. */
export const CHECK_CHARS = '10X98765432';

/**
 * The weighted sum of 17 digits starting at `offset` in `s`, or -1 when one of them is not a digit.
 * Works on char codes: this is on the hot path of every ID cell.
 */
export function weightedSum(s: string, offset: number): number {
  let sum = 0;
  let outOfRange = 0;
  for (let i = 0; i < 17; i++) {
    const d = s.charCodeAt(offset + i) - 48;
    // Branch-free range check: negative iff d < 0 or d > 9 (NaN past the end becomes 0 under `|`: length is
    // checked by the callers).
    outOfRange |= d | (9 - d);
    sum += d * (WEIGHTS[i] ?? 0);
  }
  return outOfRange < 0 ? -1 : sum;
}

/** The check character for 17 digits, e.g. `11010519491231002` → `X`. Throws a RangeError for anything else. */
export function idChecksumChar(first17: string): string {
  const sum = first17.length === 17 ? weightedSum(first17, 0) : -1;
  if (sum < 0) throw new RangeError(`idChecksumChar needs exactly 17 digits, got "${first17}"`);
  return CHECK_CHARS.charAt(sum % 11);
}

/** The 18-digit number for a 15-digit legacy one (insert `19`, append the check character); null if not 15 digits. */
export function upgradeLegacyId(id15: string): string | null {
  if (!/^\d{15}$/.test(id15)) return null;
  const first17 = id15.slice(0, 6) + '19' + id15.slice(6);
  return first17 + idChecksumChar(first17);
}
