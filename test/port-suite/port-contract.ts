/**
 * The adapter contract every `ExcelPort` must meet, whatever the host (addin/excel/port.ts): one suite,
 * run against each host's stand-in through a small harness (the Excel stand-in on three API levels, the
 * WPS stand-in with plain properties and with methods-as-properties). Host-specific behaviour — sync
 * counts and 5 MB limits, coalesced change batches, ET rule objects — stays in the host's own test file.
 *
 * Colours are `#RRGGBB` here whatever the host stores (Office.js strings, ET's BGR longs); a cell's
 * "message" is its note or comment, whichever the host has.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../core/issues/issue';
import { issueMessage } from '../../core/messages/render';
import { HIGHLIGHT_COLORS, NOTE_MARK } from '../../addin/excel/highlighter';
import type { ExcelPort, SheetChange } from '../../addin/excel/port';
import { att2Rows, makeId } from '../excel-standin/fixtures';

export type Scalar = string | number | boolean | null;

export interface CellView {
  value: Scalar;
  numberFormat: string;
  /** `#RRGGBB`, or null for no fill. */
  fill: string | null;
  /** The note or comment on the cell, or null. */
  message: string | null;
}

export interface PortHarness {
  /** A port on the host as the pane would create it (a new one after `reload`). */
  port(): ExcelPort;
  /** The host can put the message on the cell (a note or a comment). */
  readonly messagesOnCells: boolean;
  /** The host takes data validation (dropdowns in inserted templates). */
  readonly dataValidation: boolean;
  /** Adds a sheet whose cells are TYPED as a clerk would (formats by 1-based column applied first). */
  addSheet(name: string, rows: Scalar[][], formats?: Record<number, string>): void;
  userEdit(sheet: string, address: string, typed: Scalar): void;
  userFill(sheet: string, address: string, hex: string): void;
  /** The clerk's own note or comment (whichever the host's clerk would add). */
  userMessage(sheet: string, address: string, text: string): void;
  userInsertRows(sheet: string, row: number, count: number): void;
  userDeleteRows(sheet: string, row: number, count: number): void;
  cell(sheet: string, address: string): CellView;
  fills(sheet: string): Record<string, string>;
  messages(sheet: string): Record<string, string>;
  values(sheet: string, address: string): Scalar[][];
  /** Displayed text of the used range's first rows, for templates. */
  texts(sheet: string, rows: number, columns: number): string[][];
  merges(sheet: string): string[];
  /** Dropdown (list) validations: their addresses and sources. */
  listValidations(sheet: string): { address: string; source: string }[];
  sheetNames(): string[];
  activeSheet(): string;
  selection(): { sheet: string; address: string } | null;
  isProtected(sheet: string): boolean;
  /** Closes and reopens the pane: event registrations go, the workbook stays. */
  reload(): void;
  /** Resolves once the host delivered every change event. */
  settled(): Promise<void>;
  /** Removes what the harness installed (globals). */
  dispose?(): void;
}

/** The error and warning fills every host paints; the mark that starts the add-in's own notes and comments. */
const RED = HIGHLIGHT_COLORS.error;
const YELLOW = HIGHLIGHT_COLORS.warning;

/** The message a note shows for a code without params (rendered by the port, core's issueMessage). */
const text = (code: string): string => issueMessage({ code, params: {} });

export function issue(sheet: string, address: string, severity: Issue['severity'] = 'error', code = 'id-checksum'): Issue {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  const column = [...(m?.[1] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { code, severity, params: {}, sheet, row: Number(m?.[2]), column, address };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

export function describePortContract(name: string, makeHarness: () => PortHarness): void {
  describe(`ExcelPort contract: ${name}`, () => {
    let h: PortHarness;
    beforeEach(() => {
      h = makeHarness();
    });
    afterEach(() => h.dispose?.());

    it('reads values, types and formats into the core grid, damage included', async () => {
      h.addSheet('附件2', [
        ['姓名', '身份证号码', '文本身份证', '成绩'],
        ['张三', '440305200506121234', '440305200506121234', 88],
        ['李四', '44030520050612123X', null, true],
      ], { 3: '@' });
      const port = h.port();
      const rows = (await port.readWorkbook()).sheets[0]?.rows ?? [];
      expect(rows[1]?.[1]).toEqual({ value: 440305200506121000, type: 'number' });
      expect(rows[1]?.[2]).toEqual({ value: '440305200506121234', type: 'string', numberFormat: '@' });
      expect(rows[1]?.[3]).toEqual({ value: 88, type: 'number' });
      expect(rows[2]?.[1]).toEqual({ value: '44030520050612123X', type: 'string' });
      expect(rows[2]?.[2]).toEqual({ value: null, type: 'empty', numberFormat: '@' });
      expect(rows[2]?.[3]).toEqual({ value: true, type: 'boolean' });
      const one = await port.readRows('附件2', 2, 2);
      expect(one.name).toBe('附件2');
      expect(one.rows).toHaveLength(2);
      expect(one.rows[1]?.[0]).toEqual({ value: '张三', type: 'string' });
    });

    it('reads every sheet and reports progress to the last one', async () => {
      h.addSheet('附件1', [['学校名称', '毕业生总数'], ['一中', 3]]);
      h.addSheet('附件2', att2Rows(3));
      const progress: { done: number; total: number }[] = [];
      const grid = await h.port().readWorkbook((p) => progress.push(p));
      expect(grid.sheets.map((s) => s.name)).toEqual(['附件1', '附件2']);
      expect(grid.sheets[1]?.rows[11]?.[1]).toMatchObject({ type: 'string' });
      const last = progress.at(-1);
      expect(last && last.done === last.total).toBe(true);
    });

    it('highlights by severity, puts the message on the cell where it can, and clears only its own', async () => {
      h.addSheet('附件2', att2Rows(20));
      h.userFill('附件2', 'B12', '#00B0F0'); // the clerk's own colour, not an issue cell
      h.userFill('附件2', 'D13', '#92D050'); // the clerk's colour on a cell that gets an issue
      h.userMessage('附件2', 'D14', '已核对');
      const port = h.port();
      await port.readWorkbook();
      await port.showIssues([
        issue('附件2', 'D12'),
        issue('附件2', 'D12', 'warning', 'id-age'),
        issue('附件2', 'D13'),
        issue('附件2', 'D14'),
        issue('附件2', 'C15', 'warning', 'gender-id-mismatch'),
      ]);
      expect(h.fills('附件2')).toMatchObject({ B12: '#00B0F0', D12: RED, D13: RED, D14: RED, C15: YELLOW });
      if (h.messagesOnCells) {
        expect(h.cell('附件2', 'D12').message).toBe(`${NOTE_MARK}${text('id-checksum')}\n${text('id-age')}`);
        expect(h.cell('附件2', 'C15').message).toBe(`${NOTE_MARK}${text('gender-id-mismatch')}`);
      }
      expect(h.cell('附件2', 'D14').message).toBe('已核对');

      // D12 fixed, C15 still wrong.
      await port.showIssues([issue('附件2', 'D13'), issue('附件2', 'D14'), issue('附件2', 'C15', 'warning', 'gender-id-mismatch')]);
      expect(h.cell('附件2', 'D12')).toMatchObject({ fill: null, message: null });
      expect(h.cell('附件2', 'C15').fill).toBe(YELLOW);

      await port.clearHighlights();
      expect(h.fills('附件2')).toEqual({ B12: '#00B0F0', D13: '#92D050' });
      expect(h.messages('附件2')).toEqual({ D14: '已核对' });
    });

    it('updates the highlights of the given rows only', async () => {
      h.addSheet('附件2', att2Rows(10));
      const port = h.port();
      await port.showIssues([issue('附件2', 'D12'), issue('附件2', 'D15')]);
      await port.showIssuesForRows('附件2', 12, 13, [issue('附件2', 'C13', 'warning', 'gender-id-mismatch')]);
      expect(h.fills('附件2')).toEqual({ C13: YELLOW, D15: RED });
    });

    it('remembers its highlights across a reload of the pane', async () => {
      h.addSheet('附件2', att2Rows(20));
      h.userFill('附件2', 'D13', '#92D050');
      await h.port().showIssues([issue('附件2', 'D12'), issue('附件2', 'D13')]);
      h.reload();
      await h.port().clearHighlights();
      expect(h.fills('附件2')).toEqual({ D13: '#92D050' });
      expect(h.messages('附件2')).toEqual({});
    });

    it('leaves a highlight alone once the clerk recoloured the cell', async () => {
      h.addSheet('附件2', att2Rows(5));
      const port = h.port();
      await port.showIssues([issue('附件2', 'D12')]);
      h.userFill('附件2', 'D12', '#7030A0');
      await port.clearHighlights();
      expect(h.cell('附件2', 'D12').fill).toBe('#7030A0');
    });

    it('moves its memory with inserted and deleted rows', async () => {
      h.addSheet('附件2', att2Rows(20));
      const port = h.port();
      await port.readWorkbook();
      const unsubscribe = await port.onChanged(() => undefined);
      await port.showIssues([issue('附件2', 'D20')]);
      h.userInsertRows('附件2', 12, 2);
      await h.settled();
      expect(h.cell('附件2', 'D22').fill).toBe(RED);
      h.userDeleteRows('附件2', 11, 1);
      await h.settled();
      expect(h.cell('附件2', 'D21').fill).toBe(RED);
      await port.clearHighlights();
      expect(h.fills('附件2')).toEqual({});
      expect(h.messages('附件2')).toEqual({});
      await unsubscribe();
    });

    it('re-reads one edited row: an ID typed into a General cell arrives as the damaged number', async () => {
      h.addSheet('附件2', att2Rows(30));
      const port = h.port();
      await port.readWorkbook();
      h.userEdit('附件2', 'D20', makeId(9, false));
      const grid = await port.readRows('附件2', 20, 20);
      expect(grid.rows).toHaveLength(20);
      expect(grid.rows[19]?.[3]).toMatchObject({ type: 'number' });
      expect(grid.rows[19]?.[1]).toMatchObject({ type: 'string' });
    });

    it('applies fixes, skips cells changed since validation, keeps IDs as text', async () => {
      h.addSheet('附件2', att2Rows(5));
      h.userEdit('附件2', 'D12', '４５０１０２２００４０２０２０１２２');
      h.userEdit('附件2', 'B13', '王 芳');
      h.userEdit('附件2', 'B14', '张 伟');
      const port = h.port();
      await port.readWorkbook();
      h.userEdit('附件2', 'B14', '张大伟'); // the clerk got there first
      const outcome = await port.applyFixes([
        { sheet: '附件2', address: 'D12', expected: '４５０１０２２００４０２０２０１２２', value: '450102200402020122' },
        { sheet: '附件2', address: 'B13', expected: '王 芳', value: '王芳' },
        { sheet: '附件2', address: 'B14', expected: '张 伟', value: '张伟' },
      ]);
      expect(outcome).toEqual({ applied: 2, stale: [{ sheet: '附件2', address: 'B14' }] });
      expect(h.cell('附件2', 'D12')).toMatchObject({ value: '450102200402020122', numberFormat: '@' });
      expect(h.cell('附件2', 'B13').value).toBe('王芳');
      expect(h.cell('附件2', 'B14').value).toBe('张大伟');
    });

    it('sets columns to text so a typed ID stays a string', async () => {
      h.addSheet('附件2', att2Rows(3));
      await h.port().setColumnsToText('附件2', [4]);
      h.userEdit('附件2', 'D12', '440305200506121234');
      expect(h.cell('附件2', 'D12')).toMatchObject({ value: '440305200506121234', numberFormat: '@' });
    });

    it('writes values and whole sheets without letting the host convert digit strings', async () => {
      h.addSheet('附件2', att2Rows(3));
      const port = h.port();
      await port.writeValues('附件2', [
        { address: 'I11', value: '2022000001' },
        { address: 'I12', value: '000123' },
        { address: 'I13', value: 7 },
      ]);
      expect(h.values('附件2', 'I11:I13')).toEqual([['2022000001'], ['000123'], [7]]);
      await port.writeSheet('审核副本', [['姓名', '身份证号码'], ['张三', '450102200402020122'], ['李四', 3]], { protect: true });
      expect(h.values('审核副本', 'A1:B3')).toEqual([['姓名', '身份证号码'], ['张三', '450102200402020122'], ['李四', 3]]);
      expect(h.isProtected('审核副本')).toBe(true);
      expect(h.sheetNames()).toEqual(['附件2', '审核副本']);
      await port.writeSheet('审核副本', [['只剩一行']]);
      expect(h.values('审核副本', 'A1:B3')).toEqual([['只剩一行', null], [null, null], [null, null]]);
      expect(h.sheetNames()).toEqual(['附件2', '审核副本']);
    });

    it('replaces a sheet that is the only one in the workbook, asking the clerk nothing', async () => {
      h.addSheet('审核副本', [['旧']]);
      await h.port().writeSheet('审核副本', [['新', '450102200402020122']], { protect: true });
      expect(h.sheetNames()).toEqual(['审核副本']);
      expect(h.values('审核副本', 'A1:B1')).toEqual([['新', '450102200402020122']]);
      expect(h.isProtected('审核副本')).toBe(true);
    });

    it('selects a cell on its sheet', async () => {
      h.addSheet('附件1', [['a']]);
      h.addSheet('附件2', att2Rows(3));
      await h.port().selectCell('附件2', 'D12');
      expect(h.activeSheet()).toBe('附件2');
      expect(h.selection()).toEqual({ sheet: '附件2', address: 'D12' });
    });

    it('inserts the official 附件2 template: title, two-row header, merges, text ID column, dropdowns where supported', async () => {
      h.addSheet('Sheet1', [[null]]);
      const port = h.port();
      const name = await port.insertTemplate('gx-zz-2022', 'att2');
      expect(name).toBe('附件2 资格审核与验印登记表');
      expect(h.sheetNames()).toEqual(['Sheet1', name]);
      const texts = h.texts(name, 12, 9);
      expect(texts[0]?.[0]).toBe('附件2');
      expect(texts[1]?.[0]).toContain('资格审核');
      const headerRow = texts.findIndex((r) => r[0] === '序号');
      expect(texts[headerRow]?.slice(0, 5)).toEqual(['序号', '姓名', '性别', '身份证号码', '各类课程综合成绩']);
      expect(texts[headerRow + 1]?.slice(4, 9)).toEqual(['公共基础课', '专业技能课', '操行', '毕业实习', '桂教中专毕字（2022）']);
      expect(texts[headerRow + 2]?.[0]).toBe('1');
      expect(h.merges(name)).toContain(`E${headerRow + 1}:H${headerRow + 1}`);
      const firstData = headerRow + 3;
      expect(h.cell(name, `D${firstData}`).numberFormat).toBe('@');
      h.userEdit(name, `D${firstData}`, '440305200506121234');
      expect(h.cell(name, `D${firstData}`).value).toBe('440305200506121234');
      const genders = h.listValidations(name).filter((v) => v.source.includes('男,女'));
      expect(genders).toHaveLength(h.dataValidation ? 1 : 0);
      expect(h.activeSheet()).toBe(name);
      expect(await port.insertTemplate('gx-zz-2022', 'att2')).toBe('附件2 资格审核与验印登记表(2)');
      await expect(port.insertTemplate('gx-zz-2022', 'att9')).rejects.toThrow(/att9/);
    });

    it('reports the clerk’s edits, never its own writes, until unsubscribed', async () => {
      h.addSheet('附件2', att2Rows(20));
      const port = h.port();
      const seen: SheetChange[] = [];
      const unsubscribe = await port.onChanged((changes) => void seen.push(...changes));
      await port.writeValues('附件2', [{ address: 'I11', value: '2022000001' }]);
      await port.applyFixes([{ sheet: '附件2', address: 'B12', expected: h.cell('附件2', 'B12').value, value: '王芳' }]);
      await port.showIssues([issue('附件2', 'D13')]);
      await port.setColumnsToText('附件2', [4]);
      await port.clearHighlights();
      await h.settled();
      await tick();
      expect(seen).toEqual([]);

      h.userEdit('附件2', 'B13', '刘洋');
      await h.settled();
      await tick();
      h.userEdit('附件2', 'D40', '450102200402020122');
      await h.settled();
      await tick();
      expect(seen).toEqual([
        { sheet: '附件2', address: 'B13', changeType: 'RangeEdited' },
        { sheet: '附件2', address: 'D40', changeType: 'RangeEdited' },
      ]);
      await unsubscribe();
      h.userEdit('附件2', 'B15', '赵敏');
      await h.settled();
      await tick();
      expect(seen).toHaveLength(2);
    });
  });
}
