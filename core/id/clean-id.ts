/**
 * The result for an 18-character citizen number or HK/Macao/Taiwan permit that needs no finding at all —
 * most of a sheet's ID column — in one pass over the char codes: no loop, no slice, no Date, no allocation
 * but the result. Anything else (a finding to make, a foreigner card) answers null and takes the full check,
 * which explains it; the two must agree on every input (check-id-number.differential.test.ts).
 */
import type { Finding } from '../issues/issue';
import { cleanRegionBits } from './address-codes';
import { CHECK_CHARS } from './checksum';
import { ageOn, isoDateOf, isRealYmd, todayValue } from './dates';
import type { IdCheckOptions, IdCheckResult, IdKind } from './types';

/** The check character's code for R = Σ digit × weight mod 11. */
const CHECK_CODES = Uint8Array.from(CHECK_CHARS, (c) => c.charCodeAt(0));
let cleanRegions: Uint32Array | null = null;
/** The findings of every clean result: frozen, never to be pushed to (callers only read results). */
export const NO_FINDINGS = Object.freeze([]) as unknown as Finding[];

/** `s` has 18 characters. */
export function cleanIdResult(s: string, options: IdCheckOptions): IdCheckResult | null {
  const d0 = s.charCodeAt(0) - 48;
  const d1 = s.charCodeAt(1) - 48;
  const d2 = s.charCodeAt(2) - 48;
  const d3 = s.charCodeAt(3) - 48;
  const d4 = s.charCodeAt(4) - 48;
  const d5 = s.charCodeAt(5) - 48;
  const d6 = s.charCodeAt(6) - 48;
  const d7 = s.charCodeAt(7) - 48;
  const d8 = s.charCodeAt(8) - 48;
  const d9 = s.charCodeAt(9) - 48;
  const d10 = s.charCodeAt(10) - 48;
  const d11 = s.charCodeAt(11) - 48;
  const d12 = s.charCodeAt(12) - 48;
  const d13 = s.charCodeAt(13) - 48;
  const d14 = s.charCodeAt(14) - 48;
  const d15 = s.charCodeAt(15) - 48;
  const d16 = s.charCodeAt(16) - 48;
  // Negative iff some d is below 0 or above 9.
  const low = d0 | d1 | d2 | d3 | d4 | d5 | d6 | d7 | d8 | d9 | d10 | d11 | d12 | d13 | d14 | d15 | d16;
  const high =
    (9 - d0) | (9 - d1) | (9 - d2) | (9 - d3) | (9 - d4) | (9 - d5) | (9 - d6) | (9 - d7) | (9 - d8) |
    (9 - d9) | (9 - d10) | (9 - d11) | (9 - d12) | (9 - d13) | (9 - d14) | (9 - d15) | (9 - d16);
  // 9…: a foreigner's card, whose nationality the full check looks up.
  if ((low | high) < 0 || d0 === 9) return null;

  // GB 11643-1999 weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
  const sum =
    7 * (d0 + d10) + 9 * (d1 + d11) + 10 * (d2 + d12) + 5 * (d3 + d13) + 8 * (d4 + d14) + 4 * (d5 + d15) +
    2 * (d6 + d16) + d7 + 6 * d8 + 3 * d9;
  if (CHECK_CODES[sum % 11] !== s.charCodeAt(17)) return null;

  const province = d0 * 10 + d1;
  const county = d2 * 1000 + d3 * 100 + d4 * 10 + d5;
  let kind: IdKind = 'citizen';
  if (province >= 71) {
    // 71 (Taiwan's own code) and 8x other than the three permit codes have findings.
    if (county !== 0) return null;
    if (province === 81) kind = 'permit-hk';
    else if (province === 82) kind = 'permit-mo';
    else if (province === 83) kind = 'permit-tw';
    else return null;
  } else {
    const code = province * 10_000 + county;
    const regions = cleanRegions ?? (cleanRegions = cleanRegionBits());
    if ((((regions[code >>> 5] ?? 0) >>> (code & 31)) & 1) === 0) return null;
  }

  const year = d6 * 1000 + d7 * 100 + d8 * 10 + d9;
  const month = d10 * 10 + d11;
  const day = d12 * 10 + d13;
  if (!isRealYmd(year, month, day)) return null;
  const birth = year * 10_000 + month * 100 + day;
  const today = todayValue(options.today);
  if (birth > today) return null;
  const cohort = options.birthYears;
  if (cohort !== undefined && (year < cohort.min || year > cohort.max)) return null;
  if (options.minAge !== undefined || options.maxAge !== undefined) {
    const age = ageOn(birth, today);
    if ((options.minAge !== undefined && age < options.minAge) || (options.maxAge !== undefined && age > options.maxAge)) return null;
  }
  return {
    normalized: s,
    kind,
    birthDate: isoDateOf(year, month, day),
    gender: d16 % 2 === 1 ? 'male' : 'female',
    findings: NO_FINDINGS,
    valid: true,
  };
}
