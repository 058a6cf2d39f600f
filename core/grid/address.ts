/** 1-based column number → Excel letters (1 → A, 27 → AA). */
export function columnLetters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Excel letters → 1-based column number (A → 1, AA → 27); either case. */
export function columnNumber(letters: string): number {
  let column = 0;
  for (const ch of letters.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return column;
}

/** 1-based row and column → A1 address. */
export function toA1(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/** `B12` → { row: 12, column: 2 }; `$B$12` accepted; null when not an A1 cell address. */
export function parseA1(address: string): { row: number; column: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m || !m[1] || !m[2]) return null;
  return { row: Number(m[2]), column: columnNumber(m[1]) };
}
