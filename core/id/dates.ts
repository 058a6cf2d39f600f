/**
 * Calendar dates as `yyyymmdd` integers: comparisons and ages are integer arithmetic, and nothing goes through
 * `Date`, which silently rolls 2001-02-29 over to 03-01.
 */

/** Birth years before this are not dates we accept (the standard's own example is born in 1880). */
const MIN_YEAR = 1800;

/** The `YYYYMMDD` at `offset` in `s` as an integer, or -1 when it is not a real calendar date. */
export function readDate(s: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < 8; i++) {
    const d = s.charCodeAt(offset + i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return isRealDate(n) ? n : -1;
}

export function isRealDate(yyyymmdd: number): boolean {
  return isRealYmd(Math.floor(yyyymmdd / 10_000), Math.floor(yyyymmdd / 100) % 100, yyyymmdd % 100);
}

/** Index = month; February's 29 is checked against the leap rule apart. */
const DAYS_IN_MONTH = Uint8Array.of(0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31);

/** Year, month and day (integers) make a real calendar date from MIN_YEAR on. */
export function isRealYmd(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || m < 1 || m > 12 || d < 1 || d > (DAYS_IN_MONTH[m] ?? 0)) return false;
  return d !== 29 || m !== 2 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

/** 20010229 → `2001-02-29` (also for impossible dates: it is shown to the clerk as read). */
export function formatDate(yyyymmdd: number): string {
  const s = String(yyyymmdd).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/**
 * `isoDate(20030512)` → `2003-05-12` for a real date, the same string object for the same date: a column of
 * IDs repeats a few thousand birth dates, and building the string anew for every cell was a third of an ID
 * check's cost and most of its garbage. Indexed by year (lazily, per year) then month × 32 + day.
 */
const CACHED_YEARS = 400;
const isoByYear = new Array<string[] | undefined>(CACHED_YEARS);
export function isoDate(yyyymmdd: number): string {
  return isoDateOf(Math.floor(yyyymmdd / 10_000), Math.floor(yyyymmdd / 100) % 100, yyyymmdd % 100);
}

/** isoDate from the year, month and day of a real date (what the ID fast path has at hand). */
export function isoDateOf(y: number, m: number, d: number): string {
  const i = y - MIN_YEAR;
  if (i < 0 || i >= CACHED_YEARS) return formatDate(y * 10_000 + m * 100 + d);
  const slot = m * 32 + d;
  const year = isoByYear[i] ?? (isoByYear[i] = new Array<string>(13 * 32));
  return year[slot] ?? (year[slot] = formatDate(y * 10_000 + m * 100 + d));
}

/** Full years from `birth` to `today` (both yyyymmdd). */
export function ageOn(birth: number, today: number): number {
  return Math.floor((today - birth) / 10_000);
}

let cachedOption: string | undefined;
let cachedOptionValue = 0;
let cachedNowAt = -Infinity;
let cachedNowValue = 0;

/**
 * `options.today` (ISO `YYYY-MM-DD`) as yyyymmdd; the real local date when absent or malformed. Cached: this
 * runs once per ID cell.
 */
export function todayValue(today: string | undefined): number {
  if (today !== undefined) {
    if (today === cachedOption) return cachedOptionValue;
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(today);
    if (m) {
      const n = Number(m[1]) * 10_000 + Number(m[2]) * 100 + Number(m[3]);
      if (isRealDate(n)) {
        cachedOption = today;
        cachedOptionValue = n;
        return n;
      }
    }
  }
  const now = Date.now();
  if (now - cachedNowAt > 60_000) {
    const d = new Date(now);
    cachedNowValue = d.getFullYear() * 10_000 + (d.getMonth() + 1) * 100 + d.getDate();
    cachedNowAt = now;
  }
  return cachedNowValue;
}
