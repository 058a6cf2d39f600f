/**
 * Certificate numbers as people type them: `桂教中专毕字（2022）000003` is also typed with half-width
 * brackets `(2022)`, with 〔2022〕 (the bracket of official document numbers), with spaces, or as the
 * serial alone. Compared in one canonical form: NFKC (full-width → half-width), no whitespace, every
 * kind of bracket as ASCII round brackets.
 */
const OPEN = /[([〔【〖﹝⦅｟「『]/g;
const CLOSE = /[)\]〕】〗﹞⦆｠」』]/g;
const SPACES = /[\s\u00A0\u3000\u200B-\u200D\u2060\uFEFF]+/g;

export function canonicalCertificateNumber(text: string): string {
  return text.normalize('NFKC').replace(SPACES, '').replace(OPEN, '(').replace(CLOSE, ')');
}

/** A canonical number split at a printed prefix: the serial when `canonical` is that prefix + digits. */
export function serialAfterPrefix(canonical: string, prefix: string): number | undefined {
  const p = canonicalCertificateNumber(prefix);
  if (!canonical.startsWith(p)) return undefined;
  return serialOnly(canonical.slice(p.length));
}

/** The serial when the text is digits only (the serial typed alone, leading zeros or not). */
export function serialOnly(canonical: string): number | undefined {
  return /^\d{1,9}$/.test(canonical) ? Number(canonical) : undefined;
}
