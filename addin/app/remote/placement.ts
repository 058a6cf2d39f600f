/**
 * Where fetched certificate numbers go in the clerk's workbook, computed from the core's SheetRecognition
 * (the column mapping the validator itself uses) and the pack's roles, never from fixed addresses:
 *
 * - 证书编号 (roles.graduates.certificateNumber; Guangxi 附件2, one sheet per major): each graduate's number on the row
 *   the server recorded for them (sheet + row as submitted) — after checking that the row still holds that
 *   graduate's name; if the clerk moved rows since, the graduate is looked up by name on the sheets of the
 *   same major (a unique match only). The series prefix printed in the sub-header (桂教中专毕字（2022）) is
 *   not repeated in the cells.
 * - 起止号 (roles.ranges.range; Guangxi 附件3): the allocated range of the row's major.
 *
 * Anything that cannot be placed safely is listed, never guessed.
 */
import { cellText, type CellValue, type SheetGrid, type WorkbookGrid } from '../../../core/grid/cell';
import { toA1 } from '../../../core/grid/address';
import { formatCertificateRanges } from '../../../core/text/certificate-range';
import type { SheetRecognition } from '../../../core/report';
import { getPack as builtInPack } from '../../../core/templates/registry';
import type { GraduateListRole, RangesRole } from '../../../core/templates/roles';
import type { TemplatePackSpec } from '../../../core/templates/types';
import type { CertificateNumbers } from './schemas';

export interface CellWrite {
  sheet: string;
  address: string;
  value: CellValue;
}

export interface Unplaced {
  name: string;
  number: string;
  reason: string;
}

export interface Placement {
  /** Grouped per sheet, in row order. */
  writes: CellWrite[];
  unplaced: Unplaced[];
  /** 附件3 rows whose major has no allocated range. */
  rangesMissing: { sheet: string; address: string; major: string }[];
  numbersPlaced: number;
  rangesPlaced: number;
}

export function normalizeName(v: string): string {
  return v.normalize('NFKC').replace(/[\s\u200b-\u200d\ufeff·•]/g, '');
}

function column(rec: SheetRecognition, key: string): number | null {
  return rec.columns.find((c) => c.key === key)?.column ?? null;
}

type PackLookup = (id: string) => TemplatePackSpec | undefined;

/** The graduate-list role when the recognised sheet is the pack's graduate list. */
function listRole(rec: SheetRecognition, lookup: PackLookup): GraduateListRole | null {
  const role = rec.packId ? lookup(rec.packId)?.roles.graduates : undefined;
  return role && role.kind === rec.kindId ? role : null;
}

function rangesRole(rec: SheetRecognition, lookup: PackLookup): RangesRole | null {
  const role = rec.packId ? lookup(rec.packId)?.roles.ranges : undefined;
  return role && role.kind === rec.kindId ? role : null;
}

/** Graduate-list sheets with a certificate-number column and data rows, with their role. */
function certificateSheets(recognitions: readonly SheetRecognition[], lookup: PackLookup): { rec: SheetRecognition; role: GraduateListRole; col: number }[] {
  const out: { rec: SheetRecognition; role: GraduateListRole; col: number }[] = [];
  for (const rec of recognitions) {
    const role = listRole(rec, lookup);
    const col = role?.certificateNumber ? column(rec, role.certificateNumber) : null;
    if (role && col !== null && rec.firstDataRow !== null) out.push({ rec, role, col });
  }
  return out;
}

const majorOf = (rec: SheetRecognition, role: GraduateListRole): string => String((role.majorMeta ? rec.meta[role.majorMeta] : null) ?? '');

function textAt(grid: SheetGrid | undefined, row: number, col: number): string {
  return cellText(grid?.rows[row - 1]?.[col - 1]).trim();
}

/** The serial part of a full number when it starts with one of the series' prefixes. */
export function serialText(number: string, prefixes: readonly string[]): string {
  const n = number.normalize('NFKC');
  for (const p of [...prefixes].sort((a, b) => b.length - a.length)) {
    const np = p.normalize('NFKC');
    if (np && n.startsWith(np)) return n.slice(np.length);
  }
  return number;
}

export function placeCertificates(
  workbook: WorkbookGrid,
  recognitions: readonly SheetRecognition[],
  numbers: CertificateNumbers,
  prefixes: readonly string[],
  lookup: PackLookup = builtInPack,
): Placement {
  const grids = new Map(workbook.sheets.map((s) => [s.name, s]));
  const writes: CellWrite[] = [];
  const unplaced: Unplaced[] = [];

  // ---- 证书编号 -------------------------------------------------------------------------------------------
  const certSheets = certificateSheets(recognitions, lookup);
  const taken = new Set<string>();

  const findByName = (name: string, major: string): { rec: SheetRecognition; row: number }[] => {
    const hits: { rec: SheetRecognition; row: number }[] = [];
    const wanted = normalizeName(name);
    for (const { rec, role } of certSheets) {
      const m = normalizeName(majorOf(rec, role));
      if (major && m && m !== normalizeName(major)) continue;
      const nameCol = column(rec, role.name);
      if (!nameCol || rec.firstDataRow === null || rec.lastDataRow === null) continue;
      const grid = grids.get(rec.sheet);
      for (let row = rec.firstDataRow; row <= rec.lastDataRow; row++) {
        if (normalizeName(textAt(grid, row, nameCol)) === wanted) hits.push({ rec, row });
      }
    }
    return hits;
  };

  // The newest issued number per graduate (a voided misprint is replaced by a later number).
  const issued = numbers.certificates.filter((c) => c.status === 'ISSUED').sort((a, b) => a.serial - b.serial);
  let numbersPlaced = 0;
  for (const c of issued) {
    let target: { rec: SheetRecognition; row: number } | null = null;
    const recorded = c.sheet ? certSheets.find((r) => r.rec.sheet === c.sheet) : undefined;
    if (recorded && c.rowNumber !== null) {
      const nameCol = column(recorded.rec, recorded.role.name);
      const there = nameCol ? normalizeName(textAt(grids.get(recorded.rec.sheet), c.rowNumber, nameCol)) : '';
      if (there === normalizeName(c.holderName)) target = { rec: recorded.rec, row: c.rowNumber };
    }
    if (!target) {
      const hits = findByName(c.holderName, c.major).filter((h) => !taken.has(`${h.rec.sheet}!${h.row}`));
      if (hits.length === 1 && hits[0]) target = hits[0];
      else {
        unplaced.push({
          name: c.holderName,
          number: c.number,
          reason: hits.length === 0 ? '工作簿中找不到此毕业生（可能已删除或改名）' : '工作簿中有多名同名毕业生，无法确定是哪一行',
        });
        continue;
      }
    }
    const col = certSheets.find((s) => s.rec === target.rec)?.col as number;
    const key = `${target.rec.sheet}!${target.row}`;
    // A later (re-issued) number replaces an earlier one for the same row.
    const existing = writes.findIndex((w) => `${w.sheet}!${w.address}` === `${target.rec.sheet}!${toA1(target.row, col)}`);
    const write = { sheet: target.rec.sheet, address: toA1(target.row, col), value: serialText(c.number, prefixes) };
    if (existing >= 0) writes[existing] = write;
    else {
      writes.push(write);
      numbersPlaced++;
    }
    taken.add(key);
  }

  // ---- 起止号 ---------------------------------------------------------------------------------------------
  const rangesMissing: Placement['rangesMissing'] = [];
  let rangesPlaced = 0;
  for (const rec of recognitions) {
    const role = rangesRole(rec, lookup);
    const rangeCol = role ? column(rec, role.range) : null;
    if (!role || rangeCol === null || rec.firstDataRow === null) continue;
    const majorCol = column(rec, role.major);
    const grid = grids.get(rec.sheet);
    const dataRows: number[] = [];
    for (let row = rec.firstDataRow as number; row <= (rec.lastDataRow ?? (rec.firstDataRow as number)); row++) {
      if (majorCol && textAt(grid, row, majorCol) !== '') dataRows.push(row);
    }
    for (const row of dataRows) {
      const major = majorCol ? textAt(grid, row, majorCol) : '';
      let ranges = numbers.ranges.filter((r) => r.major !== null && normalizeName(r.major) === normalizeName(major));
      if (ranges.length === 0 && dataRows.length === 1) ranges = numbers.ranges.filter((r) => r.major === null);
      if (ranges.length === 0) {
        rangesMissing.push({ sheet: rec.sheet, address: toA1(row, rangeCol), major });
        continue;
      }
      writes.push({ sheet: rec.sheet, address: toA1(row, rangeCol), value: rangeText(ranges, prefixes) });
      rangesPlaced++;
    }
  }

  return { writes, unplaced, rangesMissing, numbersPlaced, rangesPlaced };
}

/** 起止号 in the one format of core/text/certificate-range (prefix and width read from the numbers). */
export function rangeText(ranges: CertificateNumbers['ranges'], prefixes: readonly string[]): string {
  const first = ranges[0];
  if (!first) return '';
  const serial = serialText(first.first, prefixes);
  const prefix = first.first.normalize('NFKC') === serial ? '' : first.first.slice(0, first.first.length - serial.length);
  return formatCertificateRanges(ranges, { prefix, serialWidth: serial.length });
}

/** Graduates per major from the graduate-list sheets (rows with a name), for the number application. */
export function graduatesByMajor(
  workbook: WorkbookGrid,
  recognitions: readonly SheetRecognition[],
  lookup: PackLookup = builtInPack,
): { major: string; count: number }[] {
  const grids = new Map(workbook.sheets.map((s) => [s.name, s]));
  const counts = new Map<string, number>();
  for (const { rec, role } of certificateSheets(recognitions, lookup)) {
    if (rec.firstDataRow === null || rec.lastDataRow === null) continue;
    const nameCol = column(rec, role.name);
    const major = majorOf(rec, role).trim();
    if (!nameCol || !major) continue;
    let n = 0;
    for (let row = rec.firstDataRow; row <= rec.lastDataRow; row++) if (textAt(grids.get(rec.sheet), row, nameCol) !== '') n++;
    if (n > 0) counts.set(major, (counts.get(major) ?? 0) + n);
  }
  return [...counts].map(([major, count]) => ({ major, count }));
}
