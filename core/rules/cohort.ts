/**
 * The birth years a sheet's students can have: the pack's school type gives the age at entry, the sheet's own
 * 入学时间 (or, without one, the graduation year less the program length) gives the entry year. Feeds
 * IdCheckOptions.birthYears (`id-birth-cohort`, `id-digits-dropped`).
 */
import type { CellValue } from '../grid/cell';
import type { CohortSpec } from '../templates/types';
import { parseDate, parseSchoolLength } from '../text/parse';

export function cohortBirthYears(
  cohort: CohortSpec,
  graduationYear: number,
  meta: Record<string, CellValue>,
): { min: number; max: number } {
  let first = graduationYear - cohort.programYears.max;
  let last = graduationYear - cohort.programYears.min;
  const entry = cohort.entryDateMeta ? parseDate({ value: meta[cohort.entryDateMeta] ?? null }) : null;
  const rawLength = cohort.lengthMeta ? meta[cohort.lengthMeta] : undefined;
  const length = typeof rawLength === 'number' ? rawLength : typeof rawLength === 'string' ? parseSchoolLength(rawLength) : null;
  // A plausible entry year on the sheet narrows the window; an implausible one is another rule's finding.
  if (entry && entry.year >= first - 2 && entry.year <= last) first = last = entry.year;
  else if (length !== null && length >= cohort.programYears.min && length <= cohort.programYears.max) first = last = graduationYear - length;
  return { min: first - cohort.entryAge.max, max: last - cohort.entryAge.min };
}
