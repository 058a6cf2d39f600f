/**
 * Events as real Excel sends them (test/excel-standin, issue #10): late, without details, with a
 * changeType that depends on the API version, none for a dropdown pick; and sorts, cut/paste and drags
 * that move the add-in's fills and notes with the cells.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../core/issues/issue';
import { createStandin, type Standin } from '../../test/excel-standin';
import type { StandinConfig } from '../../test/excel-standin/host';
import { att2Rows } from '../../test/excel-standin/fixtures';
import { createExcelPort } from './excel-port';
import { HIGHLIGHT_COLORS } from './highlighter';
import type { SheetChange } from './port';

const RED = HIGHLIGHT_COLORS.error;

function issue(address: string): Issue {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  const column = [...(m?.[1] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { code: 'id-checksum', severity: 'error', params: {}, sheet: '附件2', row: Number(m?.[2]), column, address };
}

let s: Standin;
afterEach(() => s.uninstall());

async function setup(config: Partial<StandinConfig>, rows = 40): Promise<{ port: ReturnType<typeof createExcelPort>; seen: SheetChange[]; off: () => Promise<void> }> {
  s = createStandin(config);
  s.install();
  s.addSheet('附件2', att2Rows(rows));
  const port = createExcelPort({ coalesceMs: 5, missedEventCheckMs: 0 });
  await port.readWorkbook();
  const seen: SheetChange[] = [];
  const off = await port.onChanged((changes) => void seen.push(...changes));
  return { port, seen, off };
}

const settle = async (): Promise<void> => {
  await s.eventsDelivered();
  await new Promise((r) => setTimeout(r, 300));
};

describe.each(['1.7', '1.12'])('events that arrive late, without triggerSource (ExcelApi %s)', (maxApi) => {
  it('the add-in’s fills are still its own when their events come 1.7 s later, after later writes', async () => {
    const { port, seen, off } = await setup({ maxApi, eventDelayMs: 1_700, omitDetails: true });
    await port.showIssues([12, 13, 20].map((r) => issue(`D${r}`)));
    await port.showIssues([13].map((r) => issue(`D${r}`)));
    await port.clearHighlights();
    await settle();
    expect(seen).toEqual([]);
    await off();
  });

  it('the clerk’s edit of a cell the add-in just painted reaches the pane', async () => {
    const { port, seen, off } = await setup({ maxApi, eventDelayMs: 50, omitDetails: true });
    await port.showIssues([issue('D12')]);
    s.userEdit('附件2', 'D12', '450102200402020122');
    await settle();
    // (On 1.7 the add-in's own fill event may be reported too, once the clerk changed the cell: a re-read.)
    expect([...new Set(seen.map((c) => c.address))]).toEqual(['D12']);
    await off();
  });
});

describe('rows inserted below ExcelApi 1.9 arrive as a plain edit (office-js-docs-pr#1303)', () => {
  it('the pane re-reads the sheet and the highlights are still found where the rows took them', async () => {
    const { port, seen, off } = await setup({ maxApi: '1.7' });
    await port.showIssues([issue('D12'), issue('D20')]);
    await settle();
    s.userInsertRows('附件2', 10, 1);
    await settle();
    expect(seen).toEqual([{ sheet: '附件2', address: 'A:XFD', changeType: 'Unknown' }]);
    expect(s.fills('附件2')).toEqual({ D13: RED, D21: RED });
    await port.clearHighlights();
    expect(s.fills('附件2')).toEqual({});
    await off();
  });
});

describe.each(['1.7', '1.12'])('a dropdown pick fires nothing (office-js#420, #3888), ExcelApi %s', (maxApi) => {
  it('the picked cell is reported once the clerk moves on', async () => {
    const { seen, off } = await setup({ maxApi });
    s.userSelect('附件2', 'C12');
    await settle();
    s.userPick('附件2', 'C12', s.cell('附件2', 'C12').value === '男' ? '女' : '男');
    await settle();
    s.userSelect('附件2', 'E15');
    await settle();
    expect(seen).toEqual([{ sheet: '附件2', address: 'C12', changeType: 'RangeEdited' }]);
    await off();
  });
});

describe.each(['1.7', '1.12', '1.18'])('sort, cut/paste and drag move fills and notes (ExcelApi %s)', (maxApi) => {
  it('after a sort the highlight follows its row: fixing that row clears it', async () => {
    const { port, off } = await setup({ maxApi });
    await port.showIssues([issue('D12')]);
    // Sort the data rows by 姓名 descending: row 12 moves elsewhere.
    s.userSort('附件2', 'A6:L45', 2, true);
    await settle();
    const moved = Object.keys(s.fills('附件2'));
    expect(moved).toHaveLength(1);
    expect(moved[0]).not.toBe('D12');
    const row = Number(moved[0]?.slice(1));
    // The pane re-validates the row: no issue any more.
    await port.showIssuesForRows('附件2', row, row, []);
    expect(s.fills('附件2')).toEqual({});
    await off();
  });

  it('a highlighted cell cut and pasted elsewhere is cleared where it landed', async () => {
    const { port, off } = await setup({ maxApi });
    await port.showIssues([issue('D12'), issue('D14')]);
    s.userMove('附件2', 'D12', 'H30');
    await settle();
    expect(s.cell('附件2', 'H30').fill).toBe(RED);
    await port.clearHighlights();
    expect(s.fills('附件2')).toEqual({});
    await off();
  });
});

describe('the fill to restore is never the add-in’s own colour', () => {
  it('a cell already showing the add-in’s red gets no fill back, not red forever', async () => {
    const { port, off } = await setup({ maxApi: '1.18' });
    // The clerk copied the red of a highlighted cell onto D14 (format painter): not in the ledger.
    await port.showIssues([issue('D12')]);
    s.userFill('附件2', 'D14', RED);
    await port.showIssues([issue('D12'), issue('D14')]);
    await port.clearHighlights();
    expect(s.fills('附件2')).toEqual({});
    await off();
  });
});
