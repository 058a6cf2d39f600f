/**
 * Test-side identity numbers, computed independently of core/id so the tests check the core rather than
 * echo it. GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`need 17 digits, got ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '?';
}

/** Any check character except the right one. */
export function wrongCheckChar(first17: string): string {
  const right = checkChar(first17);
  return right === '1' ? '2' : '1';
}

export interface IdParts {
  /** 6-digit address code, e.g. 450103 (南宁市青秀区). */
  area?: string;
  /** YYYYMMDD. */
  birth?: string;
  gender: 'male' | 'female';
  /** 0–49: makes the 3-digit sequence distinct between students. */
  index?: number;
}

/** A valid 18-character citizen ID whose 17th digit matches the gender. */
export function makeId({ area = '450103', birth = '20040315', gender, index = 0 }: IdParts): string {
  // The 17th digit is the sequence's last: odd = male, even = female.
  const seq = 100 + index * 2 + (gender === 'male' ? 1 : 0);
  const first17 = `${area}${birth}${String(seq)}`;
  return `${first17}${checkChar(first17)}`;
}

/** A valid ID whose check character is X (searches sequences), for lowercase-x cases. */
export function makeIdEndingInX(area = '450103', birth = '20040315'): string {
  for (let seq = 100; seq < 999; seq++) {
    const first17 = `${area}${birth}${String(seq)}`;
    if (checkChar(first17) === 'X') return `${first17}X`;
  }
  throw new Error('no X check char found');
}

export function isValidId(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && checkChar(id.slice(0, 17)) === id[17];
}

export function genderOf(id: string): '男' | '女' {
  return Number(id[16]) % 2 === 1 ? '男' : '女';
}

/** Same number with the check character replaced by a wrong one. */
export function withWrongCheck(id: string): string {
  return `${id.slice(0, 17)}${wrongCheckChar(id.slice(0, 17))}`;
}

/** ASCII digits/X → full-width (as typed with a Chinese IME in full-width mode). */
export function toFullWidth(s: string): string {
  return s.replace(/[0-9X]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}
