import { describe, expect, it } from 'vitest';
import type { SheetChange } from '../excel/port';
import { coalesceChanges, mergeSpans, rowsOf } from './coalesce-changes';

const edit = (sheet: string, address: string): SheetChange => ({ sheet, address, changeType: 'RangeEdited' });

describe('rowsOf', () => {
  it('reads rows from the address forms Excel reports', () => {
    expect(rowsOf('B7')).toEqual({ fromRow: 7, toRow: 7 });
    expect(rowsOf('A10:H12')).toEqual({ fromRow: 10, toRow: 12 });
    expect(rowsOf('5:7')).toEqual({ fromRow: 5, toRow: 7 });
    expect(rowsOf('$A$1:$C$3')).toEqual({ fromRow: 1, toRow: 3 });
    expect(rowsOf("'附件2'!D4")).toEqual({ fromRow: 4, toRow: 4 });
    expect(rowsOf('C:E')).toBeNull();
    expect(rowsOf('')).toBeNull();
  });
});

describe('coalesceChanges', () => {
  it('merges edits per sheet into spans', () => {
    const plan = coalesceChanges([
      edit('s', 'B7'),
      edit('s', 'C8'),
      edit('s', 'B20'),
      edit('t', 'A1'),
      edit('s', 'D7'),
    ]);
    expect(plan).toEqual({
      shifts: [],
      reads: [
        { sheet: 's', fromRow: 7, toRow: 8 },
        { sheet: 's', fromRow: 20, toRow: 20 },
        { sheet: 't', fromRow: 1, toRow: 1 },
      ],
      wholeSheets: [],
    });
  });

  it('moves earlier edits with later inserted and deleted rows (reads are in final coordinates)', () => {
    const plan = coalesceChanges([
      edit('s', 'B7'),
      { sheet: 's', address: '3:4', changeType: 'RowInserted' },
      edit('s', 'B3'),
      { sheet: 's', address: '10:12', changeType: 'RowDeleted' }, // B9 (was B7) survives, nothing of it deleted
      { sheet: 's', address: '2:2', changeType: 'RowDeleted' },
    ]);
    expect(plan.shifts).toEqual([
      { sheet: 's', kind: 'insert', atRow: 3, count: 2 },
      { sheet: 's', kind: 'delete', atRow: 10, count: 3 },
      { sheet: 's', kind: 'delete', atRow: 2, count: 1 },
    ]);
    expect(plan.reads).toEqual([
      { sheet: 's', fromRow: 2, toRow: 2 },
      { sheet: 's', fromRow: 8, toRow: 8 },
    ]);
  });

  it('drops edits of deleted rows', () => {
    const plan = coalesceChanges([
      edit('s', 'A5:A6'),
      { sheet: 's', address: 'A5:Z6', changeType: 'RowDeleted' },
    ]);
    expect(plan.reads).toEqual([]);
    expect(plan.shifts).toEqual([{ sheet: 's', kind: 'delete', atRow: 5, count: 2 }]);
  });

  it('re-reads a whole sheet when columns or cells moved', () => {
    const plan = coalesceChanges([
      edit('s', 'B7'),
      { sheet: 's', address: 'C:C', changeType: 'ColumnInserted' },
      { sheet: 's', address: '4:4', changeType: 'RowInserted' },
      { sheet: 't', address: 'B2', changeType: 'CellDeleted' },
      edit('u', 'A1'),
    ]);
    expect(plan).toEqual({
      shifts: [],
      reads: [{ sheet: 'u', fromRow: 1, toRow: 1 }],
      wholeSheets: ['s', 't'],
    });
  });
});

describe('mergeSpans', () => {
  it('merges touching spans and, with slack, near ones', () => {
    expect(
      mergeSpans([
        { fromRow: 5, toRow: 6 },
        { fromRow: 1, toRow: 2 },
        { fromRow: 3, toRow: 3 },
      ]),
    ).toEqual([
      { fromRow: 1, toRow: 3 },
      { fromRow: 5, toRow: 6 },
    ]);
    expect(
      mergeSpans(
        [
          { fromRow: 1, toRow: 1 },
          { fromRow: 4, toRow: 4 },
        ],
        2,
      ),
    ).toEqual([{ fromRow: 1, toRow: 4 }]);
  });
});
