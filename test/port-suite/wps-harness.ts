/**
 * The port contract's harness on the WPS stand-in (test/wps-standin): a build with plain properties, or one
 * where `Value2`/`NumberFormat`/`Name` are methods. Colours come back from ET's BGR longs as `#RRGGBB`.
 */
import { createWpsPort } from '../../addin/wps/wps-port';
import { parseA1 } from '../../core/grid/address';
import { bgr, WpsStandin } from '../wps-standin';
import type { PortHarness, Scalar } from './port-contract';

const hexOf = (bgrLong: number): string => {
  const rgb = ((bgrLong & 0xff) << 16) | (bgrLong & 0xff00) | ((bgrLong >> 16) & 0xff);
  return `#${rgb.toString(16).padStart(6, '0').toUpperCase()}`;
};

export function wpsHarness(methodProperties: boolean): PortHarness & { standin: WpsStandin } {
  const s = new WpsStandin({ methodProperties });
  const at = (sheet: string, address: string) => {
    const p = parseA1(address);
    if (!p) throw new Error(`bad address ${address}`);
    return s.sheet(sheet).cell(p.row, p.column, true);
  };
  const everyCell = <T>(sheet: string, pick: (c: ReturnType<typeof at>) => T | null): Record<string, T> => {
    const out: Record<string, T> = {};
    s.sheet(sheet).rows.forEach((row, r) =>
      row?.forEach((c, j) => {
        const v = c ? pick(c) : null;
        if (v !== null) out[`${String.fromCharCode(65 + j)}${r + 1}`] = v;
      }),
    );
    return out;
  };
  const read = (sheet: string, address: string): Scalar[][] => {
    const [a = '', b = a] = address.split(':');
    const p = parseA1(a);
    const q = parseA1(b);
    if (!p || !q) throw new Error(`bad address ${address}`);
    const out: Scalar[][] = [];
    for (let r = p.row; r <= q.row; r++) {
      const row: Scalar[] = [];
      for (let c = p.column; c <= q.column; c++) row.push(s.sheet(sheet).cell(r, c).value ?? null);
      out.push(row);
    }
    return out;
  };
  return {
    standin: s,
    port: () => createWpsPort(() => s.application as never),
    messagesOnCells: true,
    dataValidation: true,
    addSheet: (name, rows, formats) => void s.addSheet(name, rows.map((r) => r.map((v) => v ?? undefined)), formats),
    userEdit: (sheet, address, typed) => s.userEdit(sheet, address, typed ?? undefined),
    userFill: (sheet, address, hex) => void (at(sheet, address).color = bgr(hex)),
    userMessage: (sheet, address, text) => void (at(sheet, address).comment = text),
    userInsertRows: (sheet, row, count) => s.userInsertRows(sheet, row, count),
    userDeleteRows: (sheet, row, count) => s.userDeleteRows(sheet, row, count),
    cell(sheet, address) {
      const p = parseA1(address);
      if (!p) throw new Error(`bad address ${address}`);
      const c = s.sheet(sheet).cell(p.row, p.column);
      return { value: c.value ?? null, numberFormat: c.format, fill: c.color === null ? null : hexOf(c.color), message: c.comment };
    },
    fills: (sheet) => everyCell(sheet, (c) => (c.color === null ? null : hexOf(c.color))),
    messages: (sheet) => everyCell(sheet, (c) => c.comment),
    values: read,
    texts: (sheet, rows, columns) =>
      read(sheet, `A1:${String.fromCharCode(64 + columns)}${rows}`).map((r) => r.map((v) => (v === null ? '' : String(v)))),
    merges: (sheet) => s.sheet(sheet).merges,
    listValidations: (sheet) => s.sheet(sheet).validations.filter((v) => v.type === 3).map((v) => ({ address: v.address, source: v.formula1 })),
    sheetNames: () => s.sheets.map((w) => w.name),
    activeSheet: () => s.active ?? s.sheets[0]?.name ?? '',
    selection: () => s.selection,
    isProtected: (sheet) => s.sheet(sheet).protectedSheet,
    reload: () => s.reload(),
    settled: async () => undefined, // WPS calls listeners synchronously
  };
}
