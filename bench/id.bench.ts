/**
 * Identity-number checking speed: ours (`checkIdNumber`) vs npm `idcard` (`verify`) vs npm `id-validator`
 * (`isValid`, with its GB2260 table so it checks addresses too), on the same deterministic inputs, same run.
 *
 *   npx tsx bench/id.bench.ts [count=200000]
 *
 * Inputs mimic a real sheet column: mostly clean 18-digit IDs, plus the damage the notes describe (bad check
 * characters, impossible dates, lowercase x, spaces, 15-digit legacy, Excel `000` tails, permits, foreigner
 * cards). Ours gets cells (what the sheet reader hands it), the others get strings. The other libraries do
 * far less (no explanations, no fixes), so the figures compare cost, not features.
 *
 * `id-validator` memoises every number it sees; a fresh instance per timed pass keeps it from answering from
 * its cache on the repeated passes (a real sheet has unique numbers).
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import idcard from 'idcard';
import { checkIdNumber } from '../core/id';
import type { Cell } from '../core/grid/cell';
import { rng } from '../core/templates/testing';
import { checkChar } from '../test/helpers/ids';

const require = createRequire(import.meta.url);
interface IdValidator {
  isValid(id: string): boolean;
}
const IDValidator = require('id-validator') as new (gb2260?: Record<string, string>) => IdValidator;
const GB2260 = require('id-validator/src/GB2260') as Record<string, string>;

const COUNT = Number(process.argv[2] ?? 200_000);
const WARMUP_PASSES = 2;
const TIMED_PASSES = 5;

// --- deterministic inputs ---------------------------------------------------------------------------------

const rand = rng(20_250_601);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
const pad = (n: number, w: number) => String(n).padStart(w, '0');


// Real county codes, current and abolished (342401, 342622 …), across provinces.
const AREAS = [
  '110105', '110108', '120101', '130102', '140105', '150102', '210102', '220102', '230103', '310104',
  '320106', '330106', '340104', '342401', '342622', '350102', '360102', '370102', '410105', '420106',
  '430104', '440305', '440106', '441900', '450103', '460105', '500103', '510104', '520102', '530102',
  '540102', '610103', '620102', '630102', '640104', '650102',
] as const;

function birth(): string {
  const y = 1995 + int(18);
  const m = 1 + int(12);
  const d = 1 + int(28);
  return `${y}${pad(m, 2)}${pad(d, 2)}`;
}
function valid18(area: string = pick(AREAS)): string {
  const first17 = area + birth() + pad(int(1000), 3);
  return first17 + checkChar(first17);
}

/** Clean IDs generated (valid 18-character citizen numbers and permits): the clean set, by construction. */
const generatedClean = new Set<string>();
const clean = (id: string): string => (generatedClean.add(id), id);

function makeInput(): string {
  const r = rand();
  if (r < 0.8) return clean(valid18());
  const id = valid18();
  if (r < 0.85) {
    // wrong check character
    const c = id.charAt(17);
    return id.slice(0, 17) + (c === '1' ? '2' : '1');
  }
  if (r < 0.88) {
    // impossible date: Feb 29 of a non-leap year or 04-31
    const first17 = id.slice(0, 6) + pick(['20010229', '20030229', '20050431', '19990631']) + id.slice(14, 17);
    return first17 + checkChar(first17);
  }
  if (r < 0.91) return rand() < 0.5 ? ` ${id.slice(0, 6)} ${id.slice(6)}` : id.slice(0, 17) + 'x'; // cosmetic
  if (r < 0.94) return id.slice(0, 6) + id.slice(8, 17); // 15-digit legacy
  if (r < 0.96) return id.slice(0, 15) + '000'; // Excel damage
  if (r < 0.98) return clean(valid18(pick(['810000', '820000', '830000']))); // residence permits
  const first17 = `9${pick(['11', '31', '32', '44'])}${pick(['124', '276', '392', '682', '840'])}${birth()}${pad(int(1000), 3)}`;
  return first17 + checkChar(first17); // foreigner 2023
}

const inputs: string[] = Array.from({ length: COUNT }, makeInput);
const cells: Cell[] = inputs.map((value) => ({ value, type: 'string' }));
// Only what was generated clean: a format filter would let in the wrong check characters and impossible dates.
const cleanCells = cells.filter((c) => generatedClean.has(String(c.value)));
const cleanInputs = cleanCells.map((c) => String(c.value));

// --- timing -----------------------------------------------------------------------------------------------

interface Run {
  nsPerId: number;
  valid: number;
}

/** Median ns per item over the timed passes, after warm-up passes. */
function measure(prepare: () => (i: number) => boolean, n: number): Run {
  let valid = 0;
  const samples: number[] = [];
  for (let pass = 0; pass < WARMUP_PASSES + TIMED_PASSES; pass++) {
    const fn = prepare();
    let v = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (fn(i)) v++;
    const ns = Number(process.hrtime.bigint() - t0);
    if (pass >= WARMUP_PASSES) samples.push(ns / n);
    valid = v;
  }
  samples.sort((a, b) => a - b);
  return { nsPerId: samples[Math.floor(samples.length / 2)] ?? NaN, valid };
}

const options = { today: '2025-06-01' };

/** Issue #14's targets (ns per ID, on an idle machine). */
const TARGET_NS = { mixed: 200, clean: 100 } as const;

function runSet(label: string, theCells: Cell[], strings: string[], target: number): void {
  const n = strings.length;
  const ours = measure(() => (i) => checkIdNumber(theCells[i], options).valid, n);
  const idc = measure(() => (i) => idcard.verify(strings[i] ?? ''), n);
  const idv = measure(() => {
    const validator = new IDValidator(GB2260);
    return (i) => validator.isValid(strings[i] ?? '');
  }, n);

  const f = (x: number) => x.toFixed(0).padStart(6);
  const ratio = (x: number) => `${(x / ours.nsPerId).toFixed(1)}x`;
  console.log(`\n${label} (${n.toLocaleString('en')} IDs, median of ${TIMED_PASSES} passes after ${WARMUP_PASSES} warm-up)`);
  console.log('  validator            ns/id   vs yanyin   accepted');
  console.log(`  yanyin checkIdNumber ${f(ours.nsPerId)}   1.0x        ${ours.valid}`);
  console.log(`  idcard.verify        ${f(idc.nsPerId)}   ${ratio(idc.nsPerId).padEnd(10)}  ${idc.valid}`);
  console.log(`  id-validator.isValid ${f(idv.nsPerId)}   ${ratio(idv.nsPerId).padEnd(10)}  ${idv.valid}`);
  console.log(
    `  id: yanyin ${ours.nsPerId.toFixed(0)} ns/id · idcard ${idc.nsPerId.toFixed(0)} ns/id (${ratio(idc.nsPerId)}) · ` +
      `id-validator ${idv.nsPerId.toFixed(0)} ns/id (${ratio(idv.nsPerId)})`,
  );
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(
    `  target ≤ ${target} ns/id: ${ours.nsPerId.toFixed(0)} ns ${ours.nsPerId <= target ? 'PASS' : 'MISS'} (load average ${load} on ${os.cpus().length} CPUs)`,
  );
}

console.log(`node ${process.version}, ${COUNT.toLocaleString('en')} generated inputs (seed 20250601)`);
runSet('mixed column (80% clean, 20% damaged/other kinds)', cells, inputs, TARGET_NS.mixed);
runSet('clean 18-character IDs only (the fast path)', cleanCells, cleanInputs, TARGET_NS.clean);
