import type { Cell, CellValue, SheetGrid, WorkbookGrid } from '../../../core/grid/cell';
import { parseA1 } from '../../../core/grid/address';
import type { Issue } from '../../../core/issues/issue';
import type {
  CellFix,
  ExcelPort,
  FixOutcome,
  HostCapabilities,
  Progress,
  SheetChange,
} from '../../excel/port';

/**
 * A small in-memory ExcelPort for the controller's unit tests: cells, highlights (one severity per
 * cell), the selection, and a `userEdit` that fires onChanged like a clerk typing. Not Excel: the
 * browser tests use the real port against the stand-in for that.
 */
export class FakePort implements ExcelPort {
  sheets = new Map<string, Cell[][]>();
  highlights = new Map<string, 'error' | 'warning'>();
  selection: { sheet: string; address: string } | null = null;
  textColumns: { sheet: string; column: number }[] = [];
  calls: string[] = [];
  /** The next call of the named method throws this error (once). */
  failNext = new Map<keyof ExcelPort, Error>();
  private handler: ((changes: SheetChange[]) => void) | null = null;
  inserted = 0;

  constructor(sheets: Record<string, CellValue[][]> = {}) {
    for (const [name, rows] of Object.entries(sheets))
      this.sheets.set(
        name,
        rows.map((r) => r.map((value) => cellOf(value))),
      );
  }

  private check(name: keyof ExcelPort): void {
    this.calls.push(name);
    const e = this.failNext.get(name);
    if (e) {
      this.failNext.delete(name);
      throw e;
    }
  }

  capabilities(): HostCapabilities {
    return { notes: false, batchedFormats: true, triggerSource: true, dataValidation: true };
  }

  async readWorkbook(onProgress?: (p: Progress) => void): Promise<WorkbookGrid> {
    this.check('readWorkbook');
    const names = [...this.sheets.keys()];
    const sheets: SheetGrid[] = [];
    names.forEach((name, i) => {
      sheets.push({ name, rows: (this.sheets.get(name) ?? []).map((r) => [...r]) });
      onProgress?.({ done: i + 1, total: names.length });
    });
    return { sheets };
  }

  async readRows(sheet: string, fromRow: number, toRow: number): Promise<SheetGrid> {
    this.check('readRows');
    const rows = this.sheets.get(sheet) ?? [];
    const out: Cell[][] = [];
    for (let r = 1; r <= toRow; r++) out.push(r < fromRow ? [] : [...(rows[r - 1] ?? [])]);
    return { name: sheet, rows: out };
  }

  async showIssues(issues: Issue[], onProgress?: (p: Progress) => void): Promise<void> {
    this.check('showIssues');
    this.highlights.clear();
    for (const i of issues) this.mark(i);
    onProgress?.({ done: issues.length, total: issues.length });
  }

  async showIssuesForRows(sheet: string, fromRow: number, toRow: number, issues: Issue[]): Promise<void> {
    this.check('showIssuesForRows');
    this.calls.push(`showIssuesForRows:${sheet}:${fromRow}-${toRow}`);
    for (const key of [...this.highlights.keys()]) {
      const [s = '', a = ''] = key.split('!');
      const row = parseA1(a)?.row ?? 0;
      if (s === sheet && row >= fromRow && row <= toRow) this.highlights.delete(key);
    }
    for (const i of issues) this.mark(i);
  }

  private mark(i: Issue): void {
    const key = `${i.sheet}!${i.address}`;
    if (this.highlights.get(key) !== 'error') this.highlights.set(key, i.severity);
  }

  async clearHighlights(): Promise<void> {
    this.check('clearHighlights');
    this.highlights.clear();
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    this.check('selectCell');
    this.selection = { sheet, address };
  }

  async applyFixes(fixes: CellFix[]): Promise<FixOutcome> {
    this.check('applyFixes');
    const stale: FixOutcome['stale'] = [];
    let applied = 0;
    for (const f of fixes) {
      if (this.value(f.sheet, f.address) !== f.expected) stale.push({ sheet: f.sheet, address: f.address });
      else {
        this.set(f.sheet, f.address, f.value);
        applied++;
      }
    }
    return { applied, stale };
  }

  async setColumnsToText(sheet: string, columns: number[]): Promise<void> {
    this.check('setColumnsToText');
    for (const column of columns) this.textColumns.push({ sheet, column });
  }

  async insertTemplate(packId: string, kindId: string): Promise<string> {
    this.check('insertTemplate');
    const name = `${kindId}-${++this.inserted}`;
    this.sheets.set(name, [[cellOf(`${packId}/${kindId}`)]]);
    return name;
  }

  async writeValues(sheet: string, cells: { address: string; value: CellValue }[]): Promise<void> {
    this.check('writeValues');
    for (const c of cells) this.set(sheet, c.address, c.value);
  }

  async writeSheet(name: string, rows: CellValue[][]): Promise<void> {
    this.check('writeSheet');
    this.sheets.set(
      name,
      rows.map((r) => r.map((v) => cellOf(v))),
    );
  }

  async onChanged(handler: (changes: SheetChange[]) => void): Promise<() => Promise<void>> {
    this.check('onChanged');
    this.handler = handler;
    return async () => {
      this.handler = null;
    };
  }

  get subscribed(): boolean {
    return this.handler !== null;
  }

  value(sheet: string, address: string): CellValue {
    const a = parseA1(address);
    if (!a) throw new Error(address);
    return this.sheets.get(sheet)?.[a.row - 1]?.[a.column - 1]?.value ?? null;
  }

  set(sheet: string, address: string, value: CellValue): void {
    const a = parseA1(address);
    if (!a) throw new Error(address);
    const rows = this.sheets.get(sheet) ?? [];
    this.sheets.set(sheet, rows);
    while (rows.length < a.row) rows.push([]);
    const row = rows[a.row - 1] ?? [];
    rows[a.row - 1] = row;
    while (row.length < a.column) row.push(cellOf(null));
    row[a.column - 1] = cellOf(value);
  }

  /** The clerk types a value: the cell changes and onChanged fires (synchronously, like a batch). */
  userEdit(sheet: string, address: string, value: CellValue): void {
    this.set(sheet, address, value);
    this.handler?.([{ sheet, address, changeType: 'RangeEdited' }]);
  }

  /** The clerk inserts `count` rows at `atRow` (fills move with the rows, as in Excel). */
  userInsertRows(sheet: string, atRow: number, count: number): void {
    const rows = this.sheets.get(sheet) ?? [];
    rows.splice(atRow - 1, 0, ...Array.from({ length: count }, () => []));
    this.moveHighlights(sheet, atRow, count);
    this.handler?.([{ sheet, address: `${atRow}:${atRow + count - 1}`, changeType: 'RowInserted' }]);
  }

  userDeleteRows(sheet: string, atRow: number, count: number): void {
    const rows = this.sheets.get(sheet) ?? [];
    rows.splice(atRow - 1, count);
    for (const key of [...this.highlights.keys()]) {
      const [s = '', a = ''] = key.split('!');
      const row = parseA1(a)?.row ?? 0;
      if (s === sheet && row >= atRow && row < atRow + count) this.highlights.delete(key);
    }
    this.moveHighlights(sheet, atRow + count, -count);
    this.handler?.([{ sheet, address: `${atRow}:${atRow + count - 1}`, changeType: 'RowDeleted' }]);
  }

  private moveHighlights(sheet: string, fromRow: number, by: number): void {
    const moved = new Map<string, 'error' | 'warning'>();
    for (const [key, sev] of this.highlights) {
      const [s = '', a = ''] = key.split('!');
      const p = parseA1(a);
      if (s === sheet && p && p.row >= fromRow)
        moved.set(`${s}!${a.replace(/\d+$/, String(p.row + by))}`, sev);
      else moved.set(key, sev);
    }
    this.highlights = moved;
  }
}

function cellOf(value: CellValue): Cell {
  return {
    value,
    type:
      value === null
        ? 'empty'
        : typeof value === 'number'
          ? 'number'
          : typeof value === 'boolean'
            ? 'boolean'
            : 'string',
  };
}
