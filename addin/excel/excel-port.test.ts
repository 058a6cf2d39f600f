/**
 * The Excel port's own behaviour on the in-memory Excel stand-in, on an old host (ExcelApi 1.7: Office 2019),
 * a middle one (1.12: comments, no notes, no triggerSource) and Microsoft 365 (1.18): capabilities, sync
 * counts and the 5 MB limits, coalesced change batches. What every port must do is the shared contract
 * (test/port-suite/port-contract.ts, run on this stand-in by test/port-suite/excel.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../core/issues/issue';
import { createStandin, type Standin } from '../../test/excel-standin';
import { att2Rows, ATT2_FIRST_DATA_ROW, makeId } from '../../test/excel-standin/fixtures';
import { createExcelPort } from './excel-port';
import { HIGHLIGHT_COLORS } from './highlighter';
import type { SheetChange } from './port';

const YELLOW = HIGHLIGHT_COLORS.warning;
const FIVE_MB = 5 * 1024 * 1024;

function issue(sheet: string, address: string, severity: Issue['severity'] = 'error', code = 'id-checksum'): Issue {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  const column = [...(m?.[1] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { code, severity, params: {}, sheet, row: Number(m?.[2]), column, address };
}

let s: Standin;
afterEach(() => s.uninstall());

describe.each(['1.7', '1.12', '1.18'])('ExcelApi %s', (maxApi) => {
  const notes = maxApi === '1.18';
  const comments = maxApi === '1.12';
  beforeEach(() => {
    s = createStandin({ maxApi });
    s.install();
  });

  it('reports its capabilities', () => {
    expect(createExcelPort().capabilities()).toEqual({
      notes: notes || comments,
      batchedFormats: maxApi !== '1.7',
      triggerSource: maxApi === '1.18',
      dataValidation: maxApi !== '1.7',
    });
  });

  it('reads a typed date as Excel stores it: a serial number with its date format', async () => {
    s.addSheet('附件2', [['入学时间'], ['2019-09-01']]);
    const rows = (await createExcelPort().readWorkbook()).sheets[0]?.rows ?? [];
    expect(rows[1]?.[0]).toEqual({ value: 43709, type: 'date', numberFormat: 'yyyy/m/d' });
  });
  it('reads 10,000 rows in a bounded number of syncs, every request and response under 5 MB', async () => {
    s.addSheet('附件2', att2Rows(10_000, { errorEvery: 7 }));
    s.addSheet('附件1', [['学校名称', '毕业生总数'], ['一中', 10000]]);
    s.resetStats();
    const progress: number[] = [];
    const grid = await createExcelPort().readWorkbook((p) => progress.push(p.done));
    const rows = 10_000 + ATT2_FIRST_DATA_ROW + 1;
    expect(grid.sheets.find((g) => g.name === '附件2')?.rows).toHaveLength(rows);
    const chunkRows = Math.floor(40_000 / 9);
    expect(s.stats.syncs).toBeLessThanOrEqual(2 + Math.ceil(rows / chunkRows));
    expect(s.stats.maxRequestBytes).toBeLessThan(FIVE_MB);
    expect(s.stats.maxResponseBytes).toBeLessThan(FIVE_MB);
    expect(progress.at(-1)).toBe(rows + 2);
  });

  it('halves a read chunk whose response would exceed 5 MB', async () => {
    s.addSheet('长文本', Array.from({ length: 3_000 }, (_, i) => [i, '备注'.repeat(300)]));
    s.resetStats();
    const grid = await createExcelPort().readWorkbook();
    expect(grid.sheets[0]?.rows).toHaveLength(3_000);
    expect(s.stats.maxResponseBytes).toBeLessThan(FIVE_MB);
  });

  it('paints 10,000 rows of issues in a bounded number of syncs under 5 MB', async () => {
    s.addSheet('附件2', att2Rows(10_000));
    const port = createExcelPort();
    await port.readWorkbook();
    const issues: Issue[] = [];
    for (let r = ATT2_FIRST_DATA_ROW; r < ATT2_FIRST_DATA_ROW + 10_000; r++) {
      if (r % 3 === 0) issues.push(issue('附件2', `D${r}`));
      if (r % 5 === 0) issues.push(issue('附件2', `C${r}`, 'warning', 'gender-id-mismatch'));
    }
    s.resetStats();
    await port.showIssues(issues);
    const cells = new Set(issues.map((i) => i.address)).size;
    expect(Object.keys(s.fills('附件2'))).toHaveLength(cells);
    // Probes + writes: fills in RangeAreas (or vertical runs on 1.7), ≤ 1,000 operations per sync.
    const perCellOps = notes ? 3 : comments ? 3 : 1;
    expect(s.stats.syncs).toBeLessThanOrEqual(4 + (comments ? 2 : 0) + Math.ceil((cells * perCellOps) / 1_000) + (notes ? Math.ceil(cells / 1_000) : 0));
    expect(s.stats.maxRequestBytes).toBeLessThan(FIVE_MB);
    expect(s.stats.maxResponseBytes).toBeLessThan(FIVE_MB);
    s.resetStats();
    await port.showIssues(issues); // nothing changed: nothing to write
    expect(s.stats.syncs).toBeLessThanOrEqual(2);
  });

  it('re-reads and repaints one edited cell in at most 2 syncs', async () => {
    s.addSheet('附件2', att2Rows(2_000));
    const port = createExcelPort();
    await port.readWorkbook();
    await port.showIssues([issue('附件2', 'D20')]);
    s.userEdit('附件2', 'D20', makeId(9, false));
    s.resetStats();
    const grid = await port.readRows('附件2', 20, 20);
    expect(grid.rows[19]?.[3]).toMatchObject({ type: 'number' });
    await port.showIssuesForRows('附件2', 20, 20, [issue('附件2', 'C20', 'warning')]);
    expect(s.stats.syncs).toBeLessThanOrEqual(2);
    expect(s.fills('附件2')).toEqual({ C20: YELLOW });
  });

  it('reports user edits, never its own, and loses no fast typing', async () => {
    s.addSheet('附件2', att2Rows(20));
    const port = createExcelPort({ coalesceMs: 5 });
    const batches: SheetChange[][] = [];
    let release: () => void = () => undefined;
    const unsubscribe = await port.onChanged((changes) => {
      batches.push(changes);
      // The first batch keeps the handler busy while the clerk types on.
      if (batches.length === 1) return new Promise<void>((r) => (release = r));
    });
    await port.writeValues('附件2', [{ address: 'I11', value: '2022000001' }]);
    await port.applyFixes([{ sheet: '附件2', address: 'B12', expected: s.cell('附件2', 'B12').value, value: '王芳' }]);
    await s.eventsDelivered();
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toEqual([]);

    s.userEdit('附件2', 'B13', '刘洋');
    await s.eventsDelivered();
    await new Promise((r) => setTimeout(r, 20));
    s.userEdit('附件2', 'C14', '男');
    s.userEdit('附件2', 'D14', '450102200402020122');
    s.userEdit('附件2', 'D40', '450102200402020122');
    await s.eventsDelivered();
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toHaveLength(1);
    release();
    await new Promise((r) => setTimeout(r, 30));
    expect(batches).toEqual([
      [{ sheet: '附件2', address: 'B13', changeType: 'RangeEdited' }],
      [
        { sheet: '附件2', address: 'C14:D14', changeType: 'RangeEdited' },
        { sheet: '附件2', address: 'D40', changeType: 'RangeEdited' },
      ],
    ]);
    await unsubscribe();
    s.userEdit('附件2', 'B15', '赵敏');
    await s.eventsDelivered();
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toHaveLength(2);
  });
});
