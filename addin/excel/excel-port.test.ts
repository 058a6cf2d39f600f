/**
 * The adapter against the in-memory Excel stand-in, on an old host (ExcelApi 1.7: Office 2019), a middle
 * one (1.12: comments, no notes, no triggerSource) and Microsoft 365 (1.18).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../core/issues/issue';
import { createStandin, type Standin } from '../../test/excel-standin';
import { att2Rows, ATT2_FIRST_DATA_ROW, makeId } from '../../test/excel-standin/fixtures';
import { createExcelPort } from './excel-port';
import { HIGHLIGHT_COLORS, NOTE_MARK } from './highlighter';
import type { SheetChange } from './port';

const RED = HIGHLIGHT_COLORS.error;
const YELLOW = HIGHLIGHT_COLORS.warning;
const FIVE_MB = 5 * 1024 * 1024;

function issue(sheet: string, address: string, severity: Issue['severity'] = 'error', message = '身份证号码校验位错误'): Issue {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  const column = [...(m?.[1] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { code: 'id-checksum', severity, params: {}, sheet, row: Number(m?.[2]), column, address, message };
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

  it('reads values, types and formats into the core grid, damage included', async () => {
    s.addSheet('附件2', [
      ['姓名', '身份证号码', '文本身份证', '入学时间', '成绩'],
      ['张三', '440305200506121234', '440305200506121234', '2019-09-01', 88],
      ['李四', '44030520050612123X', null, null, true],
    ], { columnFormats: { 3: '@' } });
    const grid = await createExcelPort().readWorkbook();
    const rows = grid.sheets[0]?.rows ?? [];
    expect(rows[1]?.[1]).toEqual({ value: 440305200506121000, type: 'number' });
    expect(rows[1]?.[2]).toEqual({ value: '440305200506121234', type: 'string', numberFormat: '@' });
    expect(rows[1]?.[3]).toEqual({ value: 43709, type: 'date', numberFormat: 'yyyy/m/d' });
    expect(rows[2]?.[1]).toEqual({ value: '44030520050612123X', type: 'string' });
    expect(rows[2]?.[2]).toEqual({ value: null, type: 'empty', numberFormat: '@' });
    expect(rows[2]?.[4]).toEqual({ value: true, type: 'boolean' });
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

  it('highlights by severity, puts the message on the cell where it can, and clears only its own', async () => {
    s.addSheet('附件2', att2Rows(20));
    s.userFill('附件2', 'B12', '#00B0F0'); // the clerk's own colour, not an issue cell
    s.userFill('附件2', 'D13', '#92D050'); // the clerk's colour on a cell that gets an issue
    s.userNote('附件2', 'D14', '已核对');
    s.userComment('附件2', 'D14', '已核对');
    const port = createExcelPort();
    await port.readWorkbook();
    await port.showIssues([issue('附件2', 'D12'), issue('附件2', 'D13'), issue('附件2', 'D14'), issue('附件2', 'C15', 'warning', '性别与身份证号码不符')]);
    expect(s.fills('附件2')).toMatchObject({ B12: '#00B0F0', D12: RED, D13: RED, D14: RED, C15: YELLOW });
    if (notes) {
      expect(s.cell('附件2', 'D12').note).toBe(`${NOTE_MARK}身份证号码校验位错误`);
      expect(s.cell('附件2', 'D14').note).toBe('已核对');
    } else if (comments) {
      expect(s.cell('附件2', 'D12').comment).toBe(`${NOTE_MARK}身份证号码校验位错误`);
      expect(s.cell('附件2', 'D14').comment).toBe('已核对');
    } else {
      expect(s.notes('附件2')).toEqual({ D14: '已核对' });
      expect(s.comments('附件2')).toEqual({ D14: '已核对' });
    }

    // D12 fixed, C15 still wrong.
    await port.showIssues([issue('附件2', 'D13'), issue('附件2', 'D14'), issue('附件2', 'C15', 'warning', '性别与身份证号码不符')]);
    expect(s.cell('附件2', 'D12')).toMatchObject({ fill: null, note: null, comment: null });

    await port.clearHighlights();
    expect(s.fills('附件2')).toEqual({ B12: '#00B0F0', D13: '#92D050' });
    expect(s.notes('附件2')).toEqual({ D14: '已核对' });
    expect(s.comments('附件2')).toEqual({ D14: '已核对' });
  });

  it('remembers its highlights across a reload of the pane', async () => {
    s.addSheet('附件2', att2Rows(20));
    s.userFill('附件2', 'D13', '#92D050');
    await createExcelPort().showIssues([issue('附件2', 'D12'), issue('附件2', 'D13')]);
    s.reload();
    const fresh = createExcelPort();
    await fresh.clearHighlights();
    expect(s.fills('附件2')).toEqual({ D13: '#92D050' });
    expect(s.notes('附件2')).toEqual({});
    expect(s.comments('附件2')).toEqual({});
  });

  it('leaves a highlight alone once the clerk recoloured the cell', async () => {
    s.addSheet('附件2', att2Rows(5));
    const port = createExcelPort();
    await port.showIssues([issue('附件2', 'D12')]);
    s.userFill('附件2', 'D12', '#7030A0');
    await port.clearHighlights();
    expect(s.cell('附件2', 'D12').fill).toBe('#7030A0');
  });

  it('moves its memory with inserted and deleted rows', async () => {
    s.addSheet('附件2', att2Rows(20));
    const port = createExcelPort();
    await port.readWorkbook();
    const unsubscribe = await port.onChanged(() => undefined);
    await port.showIssues([issue('附件2', 'D20')]);
    s.userInsertRows('附件2', 12, 2);
    await s.eventsDelivered();
    expect(s.cell('附件2', 'D22').fill).toBe(RED);
    s.userDeleteRows('附件2', 11, 1);
    await s.eventsDelivered();
    await port.clearHighlights();
    expect(s.fills('附件2')).toEqual({});
    await unsubscribe();
  });

  it('paints 10,000 rows of issues in a bounded number of syncs under 5 MB', async () => {
    s.addSheet('附件2', att2Rows(10_000));
    const port = createExcelPort();
    await port.readWorkbook();
    const issues: Issue[] = [];
    for (let r = ATT2_FIRST_DATA_ROW; r < ATT2_FIRST_DATA_ROW + 10_000; r++) {
      if (r % 3 === 0) issues.push(issue('附件2', `D${r}`));
      if (r % 5 === 0) issues.push(issue('附件2', `C${r}`, 'warning', '性别与身份证号码不符'));
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

  it('applies fixes in one batch, skips cells changed since validation, keeps IDs as text', async () => {
    s.addSheet('附件2', att2Rows(5));
    s.userEdit('附件2', 'D12', '４５０１０２２００４０２０２０１２２');
    s.userEdit('附件2', 'B13', '王 芳');
    s.userEdit('附件2', 'B14', '张 伟');
    const port = createExcelPort();
    await port.readWorkbook();
    s.userEdit('附件2', 'B14', '张大伟'); // the clerk got there first
    const outcome = await port.applyFixes([
      { sheet: '附件2', address: 'D12', expected: '４５０１０２２００４０２０２０１２２', value: '450102200402020122' },
      { sheet: '附件2', address: 'B13', expected: '王 芳', value: '王芳' },
      { sheet: '附件2', address: 'B14', expected: '张 伟', value: '张伟' },
    ]);
    expect(outcome).toEqual({ applied: 2, stale: [{ sheet: '附件2', address: 'B14' }] });
    expect(s.cell('附件2', 'D12')).toMatchObject({ value: '450102200402020122', valueType: 'String', numberFormat: '@' });
    expect(s.cell('附件2', 'B13').value).toBe('王芳');
    expect(s.cell('附件2', 'B14').value).toBe('张大伟');
  });

  it('sets columns to text so a typed ID stays a string', async () => {
    s.addSheet('附件2', att2Rows(3));
    await createExcelPort().setColumnsToText('附件2', [4]);
    s.userEdit('附件2', 'D30', '440305200506121234');
    expect(s.cell('附件2', 'D30')).toMatchObject({ value: '440305200506121234', numberFormat: '@' });
  });

  it('writes values and whole sheets without letting Excel convert digit strings', async () => {
    s.addSheet('附件2', att2Rows(3));
    const port = createExcelPort();
    await port.writeValues('附件2', [
      { address: 'I11', value: '2022000001' },
      { address: 'I12', value: '2022000002' },
      { address: 'I13', value: 7 },
    ]);
    expect(s.values('附件2', 'I11:I13')).toEqual([['2022000001'], ['2022000002'], [7]]);
    await port.writeSheet('审核副本', [['姓名', '身份证号码'], ['张三', '450102200402020122'], ['李四', 3]], { protect: true });
    expect(s.values('审核副本')).toEqual([['姓名', '身份证号码'], ['张三', '450102200402020122'], ['李四', 3]]);
    expect(s.isProtected('审核副本')).toBe(true);
    await port.writeSheet('审核副本', [['只剩一行']]);
    expect(s.values('审核副本')).toEqual([['只剩一行']]);
  });

  it('selects a cell on its sheet', async () => {
    s.addSheet('附件1', [['a']]);
    s.addSheet('附件2', att2Rows(3));
    await createExcelPort().selectCell('附件2', 'D12');
    expect(s.activeSheet()).toBe('附件2');
    expect(s.selection()).toEqual({ sheet: '附件2', address: 'D12' });
  });

  it('inserts the official 附件2 template: title, two-row header, text ID column, dropdowns where supported', async () => {
    s.addSheet('Sheet1', [[]]);
    const port = createExcelPort();
    const name = await port.insertTemplate('gx-zz-2022', 'att2');
    expect(name).toBe('附件2 资格审核与验印登记表');
    const texts = s.texts(name, 'A1:I12');
    expect(texts[0]?.[0]).toBe('附件2');
    expect(texts[1]?.[0]).toContain('资格审核');
    const headerRow = texts.findIndex((r) => r[0] === '序号');
    expect(texts[headerRow]?.slice(0, 5)).toEqual(['序号', '姓名', '性别', '身份证号码', '各类课程综合成绩']);
    expect(texts[headerRow + 1]?.slice(4, 9)).toEqual(['公共基础课', '专业技能课', '操行', '毕业实习', '桂教中专毕字（2022）']);
    expect(texts[headerRow + 2]?.[0]).toBe('1');
    expect(s.merges(name)).toContain(`E${headerRow + 1}:H${headerRow + 1}`);
    const firstData = headerRow + 3;
    expect(s.cell(name, `D${firstData}`).numberFormat).toBe('@');
    s.userEdit(name, `D${firstData}`, '440305200506121234');
    expect(s.cell(name, `D${firstData}`).value).toBe('440305200506121234');
    const lists = s.validations(name).filter((v) => JSON.stringify(v.rule).includes('男,女'));
    expect(lists).toHaveLength(maxApi === '1.7' ? 0 : 1); // data validation needs ExcelApi 1.8
    expect(s.activeSheet()).toBe(name);
    expect(await port.insertTemplate('gx-zz-2022', 'att2')).toBe('附件2 资格审核与验印登记表(2)');
    await expect(port.insertTemplate('gx-zz-2022', 'att9')).rejects.toThrow(/att9/);
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
