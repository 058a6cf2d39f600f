/**
 * Text normalisation shared by detection and rules. Everything here is pure and allocation-light: it runs
 * on every header cell and on many data cells.
 */

/** Whitespace as clerks produce it: ASCII, NBSP, U+3000 ideographic space, zero-width characters. */
const SPACE_CLASS = '\\s\\u00A0\\u3000\\u200B-\\u200D\\u2060\\uFEFF';
const SPACES = new RegExp(`[${SPACE_CLASS}]+`, 'g');
const EDGE_SPACES = new RegExp(`^[${SPACE_CLASS}]+|[${SPACE_CLASS}]+$`, 'g');
const HAS_SPACE = new RegExp(`[${SPACE_CLASS}]`);

/** Trims all kinds of whitespace at both ends (String.trim misses zero-width characters). */
export function cleanText(text: string): string {
  if (text === '') return text;
  // Fast path: most cells have no space at either end.
  if (!isSpaceCode(text.charCodeAt(0)) && !isSpaceCode(text.charCodeAt(text.length - 1))) return text;
  return text.replace(EDGE_SPACES, '');
}

function isSpaceCode(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0xa0 ||
    c === 0x3000 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0xfeff ||
    c === 0x1680 ||
    c === 0x85
  );
}

/** Removes every whitespace character, inside too. */
export function stripSpaces(text: string): string {
  return text.replace(SPACES, '');
}

export function hasSpace(text: string): boolean {
  return HAS_SPACE.test(text);
}

/** Full-width ASCII (Ｘ１２（）：) → half-width; leaves CJK alone. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

/**
 * Canonical form of a header or label for comparison: NFKC (full-width → half-width punctuation and
 * digits), no whitespace or line breaks anywhere, no trailing colon, no required-field asterisks, lower case.
 * `姓 名`, `身份证\n号码`, `学校名称（盖章）：` → `姓名`, `身份证号码`, `学校名称(盖章)`.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(SPACES, '')
    .replace(/^\*+|[:*]+$/g, '')
    .toLowerCase();
}

/** `身份证号码(18位)` → `身份证号码`: drops parenthesised remarks (after normalizeHeader). */
export function stripParenthetical(normalized: string): string {
  return normalized.replace(/\([^)]*\)/g, '');
}

/** Comparison key for free-text values (专业名称, school names): NFKC, no spaces. */
export function valueKey(text: string): string {
  return text.normalize('NFKC').replace(SPACES, '').toLowerCase();
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A regex finding `label` inside raw cell text, tolerant to spaces between characters and to full/half-width
 * parentheses and colons: `学校名称（盖章）` matches `学校名称(盖章)`, `学 校 名 称（盖章）`.
 */
export function labelRegex(label: string): RegExp {
  const chars = [...normalizeHeader(label)];
  const parts = chars.map((c) => {
    if (c === '(') return '[(（]';
    if (c === ')') return '[)）]';
    if (c === ':') return '[:：]';
    if (c === '/') return '[/／]';
    return escapeRegex(c);
  });
  return new RegExp(`${parts.join(`[${SPACE_CLASS}]*`)}[${SPACE_CLASS}]*[:：]?`, 'giu');
}
