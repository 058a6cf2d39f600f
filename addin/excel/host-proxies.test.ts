/**
 * Real Excel is stricter than a kind stand-in: the loaded office.js library can lack a proxy the host
 * claims (the npm @microsoft/office-js fallback has no NoteCollection), and unbounded ranges refuse
 * cell-level writes (excel-add-ins-ranges-unbounded; a 1×1 array works, office-js-docs-pr#5400).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../core/issues/issue';
import { issueMessage } from '../../core/messages/render';
import { createStandin, type Standin } from '../../test/excel-standin';
import { att2Rows } from '../../test/excel-standin/fixtures';
import { createExcelPort } from './excel-port';
import { HIGHLIGHT_COLORS, NOTE_MARK } from './highlighter';

function issue(address: string): Issue {
  const column = address.charCodeAt(0) - 64;
  return {
    code: 'id-checksum',
    severity: 'error',
    params: {},
    sheet: '附件2',
    row: Number(address.slice(1)),
    column,
    address,
  };
}

let s: Standin;
afterEach(() => s.uninstall());

describe('a library older than the host (the /office-js/ fallback)', () => {
  it('on a 1.18 host whose library has no NoteCollection, messages go into comments', async () => {
    s = createStandin({ maxApi: '1.18', libraryApi: '1.17' });
    s.install();
    s.addSheet('附件2', att2Rows(20));
    const port = createExcelPort();
    await port.readWorkbook();
    await port.showIssues([issue('D12')]);
    expect(s.cell('附件2', 'D12')).toMatchObject({
      fill: HIGHLIGHT_COLORS.error,
      comment: `${NOTE_MARK}${issueMessage(issue('D12'))}`,
      note: null,
    });
  });

  it('with neither proxy, the fills still come and the messages stay in the pane', async () => {
    s = createStandin({ maxApi: '1.18', libraryApi: '1.9' });
    s.install();
    s.addSheet('附件2', att2Rows(20));
    const port = createExcelPort();
    expect(port.capabilities().notes).toBe(false);
    await port.readWorkbook();
    await port.showIssues([issue('D12')]);
    expect(s.cell('附件2', 'D12')).toMatchObject({ fill: HIGHLIGHT_COLORS.error, comment: null, note: null });
  });
});

describe('unbounded ranges', () => {
  it('the stand-in refuses a scalar numberFormat on D:D, as Excel does', async () => {
    s = createStandin({ maxApi: '1.18' });
    s.install();
    s.addSheet('附件2', att2Rows(3));
    await expect(
      Excel.run(async (ctx) => {
        (
          ctx.workbook.worksheets.getItem('附件2').getRange('D:D') as unknown as { numberFormat: string }
        ).numberFormat = '@';
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('"set ID columns to text" formats the whole column, so IDs typed later keep their 18 digits', async () => {
    s = createStandin({ maxApi: '1.7' });
    s.install();
    s.addSheet('附件2', att2Rows(3));
    await createExcelPort().setColumnsToText('附件2', [4]);
    expect(s.columnFormat('附件2', 4)).toBe('@');
    s.userEdit('附件2', 'D200', '440305200506121234');
    expect(s.cell('附件2', 'D200').value).toBe('440305200506121234');
  });

  it('a refusal reaches the pane as a message in Chinese', async () => {
    s = createStandin({ maxApi: '1.18' });
    s.install();
    s.addSheet('附件2', att2Rows(3));
    await expect(createExcelPort().setColumnsToText('没有这张表', [4])).rejects.toThrow(/设为文本格式/);
  });
});

describe('comments.add throws NotImplemented (office-js-docs-pr#2006, office-js#1847)', () => {
  it('the fills still land and later repaints stop trying comments', async () => {
    s = createStandin({ maxApi: '1.12', commentsAddNotImplemented: true });
    s.install();
    s.addSheet('附件2', att2Rows(20));
    const port = createExcelPort();
    await port.readWorkbook();
    await port.showIssues([issue('D12'), issue('D13')]);
    expect(s.fills('附件2')).toMatchObject({ D12: HIGHLIGHT_COLORS.error, D13: HIGHLIGHT_COLORS.error });
    expect(s.comments('附件2')).toEqual({});
    s.resetStats();
    await port.showIssues([issue('D12'), issue('D13'), issue('D14')]);
    expect(s.fills('附件2')).toMatchObject({ D14: HIGHLIGHT_COLORS.error });
    expect(s.stats.records.some((r) => r.failed)).toBe(false);
  });
});

describe('a stray value far away (XFD1048576)', () => {
  it('does not make the read cover 16,384 columns by a million rows', async () => {
    s = createStandin({ maxApi: '1.18' });
    s.install();
    s.addSheet('附件2', att2Rows(20));
    s.userEdit('附件2', 'XFD1048576', 'x');
    s.resetStats();
    const grid = await createExcelPort().readWorkbook();
    const rows = grid.sheets[0]?.rows ?? [];
    expect(rows.length).toBeLessThan(100);
    expect(Math.max(...rows.map((r) => r.length))).toBeLessThanOrEqual(64);
    expect(s.stats.syncs).toBeLessThanOrEqual(4);
  }, 20_000);
});

describe('an over-limit payload reported as GeneralException (office-js#1012, #2564)', () => {
  it('the read is retried in smaller chunks', async () => {
    s = createStandin({ maxApi: '1.18', payloadErrorCode: 'GeneralException' });
    s.install();
    s.addSheet('长文本', Array.from({ length: 3_000 }, (_, i) => [i, '备注'.repeat(300)]));
    const grid = await createExcelPort().readWorkbook();
    expect(grid.sheets[0]?.rows).toHaveLength(3_000);
    expect(s.stats.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
  });
});
