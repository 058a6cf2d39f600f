/**
 * Builds core/id/data/nationality-codes.json: the 3-digit numeric country codes a 2023 foreigner's permanent
 * residence ID may carry in digits 4–6.
 *
 * The National Immigration Administration's 《新版外国人永久居留身份证机读信息规则（2023版）》 says the card's
 * 3-letter nationality code became a numeric one; China's country-code standard GB/T 2659.1 (identical to
 * ISO 3166-1) gives each alpha-3 code its numeric code. Source of the table: npm `i18n-iso-countries`
 * (MIT, devDependency, maintained) `codes.json`, which lists alpha-2, alpha-3 and numeric for every ISO
 * 3166-1 entry. 156 (China), 158 (Taiwan), 344 (Hong Kong) and 446 (Macao) are left out: their people carry a
 * citizen number or a residence permit (810000/820000/830000), never a foreigner card.
 *
 * Run: npm run build:nationality-codes
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = resolve(root, 'core/id/data/nationality-codes.json');

const NOT_FOREIGN = new Set(['156', '158', '344', '446']);

/** Rows of [alpha-2, alpha-3, numeric]. */
const rows = JSON.parse(readFileSync(require.resolve('i18n-iso-countries/codes.json'), 'utf8')) as string[][];
const codes: Record<string, string> = {};
for (const [, alpha3, numeric] of rows) {
  if (!alpha3 || !numeric || !/^\d{3}$/.test(numeric)) throw new Error(`bad row ${alpha3} ${numeric}`);
  if (NOT_FOREIGN.has(numeric)) continue;
  codes[numeric] = alpha3;
}
const sorted = Object.fromEntries(Object.entries(codes).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(outFile, JSON.stringify({ format: 1, codes: sorted }) + '\n');
console.log(`nationality codes: ${Object.keys(sorted).length} → ${outFile}`);
