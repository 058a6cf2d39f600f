import type { Finding } from '../issues/issue';

/**
 * `foreigner-2017`: the older 15-character permanent residence card (3 letters + 12 digits); recognised but
 * it has no verifiable check character, so it comes with an `id-foreigner-2017` warning.
 */
export type IdKind =
  | 'citizen'
  | 'legacy-15'
  | 'permit-hk'
  | 'permit-mo'
  | 'permit-tw'
  | 'foreigner-2023'
  | 'foreigner-2017';
export type Gender = 'male' | 'female';

export interface IdCheckOptions {
  /** ISO date the check runs on; birth dates after it are errors. Defaults to the real today. */
  today?: string;
  /** Plausible age range for the sheet's cohort (e.g. graduates: 14–60); outside → `id-age` warning. */
  minAge?: number;
  maxAge?: number;
  /**
   * Birth years the sheet's cohort can have (from the school type and the entry year on the sheet). Outside:
   * an `id-birth-cohort` warning; a 15-digit number outside: `id-digits-dropped` (an error, not a legacy number).
   */
  birthYears?: { min: number; max: number };
}

export interface IdCheckResult {
  /**
   * The 18-character number after safe cleanup (or the 15→18 upgrade); null when it cannot be derived (empty,
   * wrong format, digits lost to Excel). For a `foreigner-2017` card: its 15 characters.
   */
  normalized: string | null;
  kind: IdKind | null;
  /** YYYY-MM-DD from the number, when it is a real date. */
  birthDate: string | null;
  gender: Gender | null;
  /** `id-*` findings; error findings make the number unusable. */
  findings: Finding[];
  valid: boolean;
}
