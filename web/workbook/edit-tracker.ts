/**
 * What the clerk changed since the workbook was opened, followed from the mutations Univer executes:
 * - the rows and columns inserted and deleted, in order (replayed on the original file when saving,
 *   xlsx-structure.ts);
 * - which rows hold changed values, so the draft re-reads only those rows instead of the whole sheet
 *   after every edit (a 20,000-row sheet takes seconds to read; one row takes microseconds).
 * Highlights, notes, selections and sizes change no value and are ignored; a change it cannot follow row by
 * row (a sheet added or renamed, columns, moved ranges) makes the next read a full one.
 */
import type { SheetGrid, WorkbookGrid } from '../../core/grid/cell';
import type { Progress } from '../../addin/excel/port';
import type { RowOp, StructureOp } from './xlsx-structure';

type Rows = SheetGrid['rows'];

type ReadWorkbook = (onProgress?: (p: Progress) => void) => Promise<WorkbookGrid>;

export interface GridReader {
  readWorkbook: ReadWorkbook;
  readRows(sheet: string, fromRow: number, toRow: number): Promise<SheetGrid>;
}

/** Mutations that change neither values nor rows. */
const IGNORED = /note|merge|selection|height|width|frozen|zoom|scroll|hidden|tab-color|gridlines|active|protection|permission|condition|data-validation|numfmt|style/i;

export interface EditTracker {
  /** Starts following a freshly opened workbook; `ops` are row and column edits already made (a restored draft). */
  start(ops?: readonly StructureOp[]): void;
  /** Feeds one executed mutation; true when the workbook's values or rows changed. */
  onMutation(id: string, params: Record<string, unknown>, sheet: string | null): boolean;
  /** The row and column insertions and deletions since the original file, in order. */
  rowOps(): StructureOp[];
  /** Wraps a full read made for another purpose (the controller's validation) so it serves as the last read. */
  sharing(read: ReadWorkbook): ReadWorkbook;
  /** The workbook's cells now: the last read, with only the rows changed since re-read. */
  grid(reader: GridReader): Promise<SheetGrid[]>;
}

export function createEditTracker(): EditTracker {
  let ops: StructureOp[] = [];
  let cache: { name: string; rows: Rows }[] | null = null;
  let dirty = new Map<string, Set<number>>();
  /** Bumped by every row insertion/deletion: a read that spans one is redone in full. */
  let generation = 0;

  const markRow = (sheet: string, row: number): void => {
    let rows = dirty.get(sheet);
    if (!rows) dirty.set(sheet, (rows = new Set()));
    rows.add(row);
  };
  const shiftRows = (sheet: string, op: RowOp): void => {
    const rows = cache?.find((s) => s.name === sheet)?.rows;
    if (rows) {
      if (op.kind === 'delete') rows.splice(op.row - 1, op.count);
      else if (rows.length >= op.row - 1) rows.splice(op.row - 1, 0, ...Array.from({ length: op.count }, () => []));
    }
    const marked = dirty.get(sheet);
    if (marked) {
      const next = new Set<number>();
      for (const r of marked) {
        if (r < op.row) next.add(r);
        else if (op.kind === 'insert') next.add(r + op.count);
        else if (r >= op.row + op.count) next.add(r - op.count);
      }
      dirty.set(sheet, next);
    }
    if (op.kind === 'insert') for (let r = op.row; r < op.row + op.count; r++) markRow(sheet, r);
  };

  return {
    start(initial = []) {
      ops = [...initial];
      cache = null;
      dirty = new Map();
      generation++;
    },

    onMutation(id, params, sheet) {
      if (!id.startsWith('sheet.mutation.') || IGNORED.test(id)) return false;
      if (id === 'sheet.mutation.set-range-values') {
        const matrix = params.cellValue as Record<string, Record<string, Record<string, unknown> | null>> | undefined;
        if (!sheet || !matrix) return false;
        let changed = false;
        for (const [r, cols] of Object.entries(matrix)) {
          const values = Object.values(cols ?? {}).some((c) => c === null || 'v' in c || 'p' in c || 'f' in c || 't' in c);
          if (!values) continue; // a fill or a format: not in the draft
          markRow(sheet, Number(r) + 1);
          changed = true;
        }
        return changed;
      }
      const range = params.range as { startRow: number; endRow: number } | undefined;
      if (sheet && range && (id === 'sheet.mutation.insert-row' || id === 'sheet.mutation.remove-rows')) {
        const op: RowOp = { sheet, kind: id === 'sheet.mutation.insert-row' ? 'insert' : 'delete', row: range.startRow + 1, count: range.endRow - range.startRow + 1 };
        ops.push(op);
        shiftRows(sheet, op);
        generation++;
        return true;
      }
      if (sheet && range && 'startColumn' in range && (id === 'sheet.mutation.insert-col' || id === 'sheet.mutation.remove-col')) {
        const cols = range as unknown as { startColumn: number; endColumn: number };
        ops.push({ sheet, kind: id === 'sheet.mutation.insert-col' ? 'insert-columns' : 'delete-columns', column: cols.startColumn + 1, count: cols.endColumn - cols.startColumn + 1 });
      }
      // Anything else that reaches here may move values: read everything next time.
      cache = null;
      generation++;
      return true;
    },

    rowOps: () => [...ops],

    sharing(read) {
      return async (onProgress) => {
        const started = generation;
        const wb = await read(onProgress);
        // Rows edited during the read stay marked and are read again; a row edit during it voids the read.
        if (generation === started) cache = wb.sheets.map((s) => ({ name: s.name, rows: s.rows.slice() }));
        return wb;
      };
    },

    async grid(reader) {
      const started = generation;
      if (!cache) {
        const wb = await reader.readWorkbook();
        if (generation !== started) return this.grid(reader);
        cache = wb.sheets.map((s) => ({ name: s.name, rows: s.rows.slice() }));
        dirty = new Map();
      }
      const current = cache;
      const todo = dirty;
      dirty = new Map();
      for (const [sheet, marked] of todo) {
        const target = current.find((s) => s.name === sheet);
        if (!target) {
          cache = null;
          return this.grid(reader);
        }
        for (const [from, to] of spans([...marked].sort((a, b) => a - b))) {
          const read = await reader.readRows(sheet, from, to);
          if (generation !== started) {
            cache = null;
            return this.grid(reader);
          }
          while (target.rows.length < from - 1) target.rows.push([]);
          target.rows.splice(from - 1, to - from + 1, ...read.rows.slice(from - 1, to).map((r) => r ?? []));
        }
        while (target.rows.length > 0 && (target.rows[target.rows.length - 1] ?? []).length === 0) target.rows.pop();
      }
      return current.map((s) => ({ name: s.name, rows: s.rows.slice() }));
    },
  };
}

/** Sorted row numbers → runs of consecutive rows. */
function spans(rows: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}
