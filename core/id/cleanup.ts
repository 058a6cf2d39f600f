/**
 * Safe, reversible-by-eye cleanup of an identity-number-like text: what Excel, CSV imports and copy-paste add
 * around the real characters. Only the slow path runs this (a clean 18-character value never gets here).
 */

/** What was removed or changed; the message lists them so the clerk knows what happened to the cell. */
export type CleanupKind = 'space' | 'invisible' | 'dash' | 'quote' | 'full-width' | 'lowercase' | 'label';

export interface Cleaned {
  text: string;
  /** In a stable order, empty when the text was already clean. */
  kinds: CleanupKind[];
}

// Zero-width space/joiners, word joiner, soft hyphen, BOM: `trim()` keeps U+200B, NFKC keeps all of them.
const INVISIBLE = /[\u200B-\u200D\u2060\u00AD\uFEFF]/g;
// After NFKC: NBSP, U+3000 and the other Unicode spaces are already U+0020; \s also takes tab, newline…
const SPACE = /\s/g;
// ASCII hyphen, U+2010–U+2015 (hyphen, non-breaking hyphen, figure dash, en, em, bar), minus, small hyphen.
// (Full-width U+FF0D became `-` under NFKC.)
const DASH = /[-\u2010-\u2015\u2212\uFE63]/g;
// ' " ` ´ and the curly quotes (full-width ＇＂ became ' " under NFKC).
const QUOTE = /['"`\u00B4\u2018-\u201F\u2032\u2033]/g;
/** `身份证号：`, `身份证号码:`, `公民身份号码`, `证件号码:` … at the start (after spaces were removed). */
export const ID_LABEL = /^(?:公民身份(?:证)?号码|(?:居民)?身份证(?:件)?(?:号码|号)?|证件(?:号码|号))(?::|为)?/;
/** Full-width digits and Latin letters (punctuation is reported as the dash/quote/label it becomes). */
const FULL_WIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/;

/** Strip spaces, invisible characters, dashes, quotes and a leading label; NFKC; uppercase. */
export function cleanIdText(raw: string, labelPattern: RegExp = ID_LABEL): Cleaned {
  // Only 0-9 and X (a 15-digit number, a wrong length): nothing any step below would change, and the
  // normalisation and five regex passes were most of the cost of such a cell (issue #14).
  if (isPlainIdChars(raw)) return { text: raw, kinds: [] };
  const kinds: CleanupKind[] = [];
  let s = raw;
  if (FULL_WIDTH.test(s)) kinds.push('full-width');
  s = s.normalize('NFKC');
  if (hasAndStrip(INVISIBLE)) kinds.push('invisible');
  if (hasAndStrip(SPACE)) kinds.push('space');
  if (hasAndStrip(DASH)) kinds.push('dash');
  if (hasAndStrip(QUOTE)) kinds.push('quote');
  const label = labelPattern.exec(s);
  if (label) {
    s = s.slice(label[0].length);
    kinds.push('label');
  }
  const upper = s.toUpperCase();
  if (upper !== s) kinds.push('lowercase');
  // NFKC also folds compatibility forms (e.g. circled or superscript digits): still a visible change.
  if (kinds.length === 0 && upper !== raw) kinds.push('full-width');
  return { text: upper, kinds };

  function hasAndStrip(re: RegExp): boolean {
    const next = s.replace(re, '');
    const changed = next !== s;
    s = next;
    return changed;
  }
}

/** Fast test: only 0-9 and X. Strings that pass need no cleanup at all. */
export function isPlainIdChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 88) return false;
  }
  return true;
}
