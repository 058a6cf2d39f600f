/**
 * Filling blank templates in tests the way a clerk would: find the table by its header texts (not by
 * hard-coded row numbers, so a layout change in the writer does not silently shift the data), type the
 * values, save. Column positions follow the pack's column order, as the template writer lays them out.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { SheetKindSpec } from '../../core/templates/types';

export const REPO = join(import.meta.dirname, '../..');
export const BIN = join(REPO, 'bin/yanyin.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (`node bin/yanyin.mjs …`) as a child process. */
export function runCli(args: readonly string[], options: { cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'yanyin-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function loadXlsx(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

export async function saveXlsx(wb: ExcelJS.Workbook, path: string): Promise<void> {
  await wb.xlsx.writeFile(path);
}

const squash = (s: unknown) => String(s ?? '').replace(/\s+/g, '');

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return squash(v);
}

/** The sheet whose name starts with the kind's attachment (附件2 …). */
export function sheetFor(wb: ExcelJS.Workbook, kind: SheetKindSpec): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => w.name.startsWith(kind.attachment));
  if (!ws) throw new Error(`no sheet for ${kind.attachment}`);
  return ws;
}

export interface TableLocation {
  headerRow: number;
  firstDataRow: number;
  /** key → 1-based column. */
  columns: Record<string, number>;
}

/** Finds the header row by the first column's header text; data starts under the (one or two) header rows. */
export function locateTable(ws: ExcelJS.Worksheet, kind: SheetKindSpec): TableLocation {
  const first = kind.columns[0];
  if (!first) throw new Error('kind without columns');
  const target = squash(first.header);
  for (let r = 1; r <= ws.rowCount; r++) {
    if (squash(cellText(ws.getCell(r, 1))) !== target) continue;
    const twoRows = kind.columns.some((c) => c.group || c.subHeader);
    const columns: Record<string, number> = {};
    kind.columns.forEach((c, i) => (columns[c.key] = i + 1));
    return { headerRow: r, firstDataRow: r + (twoRows ? 2 : 1), columns };
  }
  throw new Error(`header ${first.header} not found on ${ws.name}`);
}

/** Row number of the `label：` line (meta or footer), found by its label. */
export function labelRow(ws: ExcelJS.Worksheet, label: string): number {
  const target = squash(label).replace(/[：:]$/, '');
  for (let r = 1; r <= ws.rowCount; r++) {
    const text = cellText(ws.getCell(r, 1));
    if (text.includes(target)) return r;
  }
  throw new Error(`label ${label} not found on ${ws.name}`);
}

/** Types a meta value after the label's colon, in the label cell (the writer merges it across the table). */
export function fillLabel(ws: ExcelJS.Worksheet, label: string, value: string): void {
  const r = labelRow(ws, label);
  const plain = label.replace(/[：:]$/, '');
  ws.getCell(r, 1).value = `${plain}：${value}`;
}

export type RowValues = Record<string, ExcelJS.CellValue>;

/** Writes one data row (index 0 = first data row) by column key; keys not given are left as they are. */
export function fillRow(
  ws: ExcelJS.Worksheet,
  table: TableLocation,
  index: number,
  values: RowValues,
): number {
  const r = table.firstDataRow + index;
  for (const [key, value] of Object.entries(values)) {
    const c = table.columns[key];
    if (c === undefined) throw new Error(`no column ${key}`);
    ws.getCell(r, c).value = value;
  }
  return r;
}

/** A1 address of a data cell. */
export function addressOf(table: TableLocation, index: number, key: string): string {
  const c = table.columns[key];
  if (c === undefined) throw new Error(`no column ${key}`);
  let n = c;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${table.firstDataRow + index}`;
}
