/**
 * `onChanged` fires "when either the format or the value of a cell changes"
 * (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-worksheets, "Detect changes"): the add-in's
 * own red and yellow fills come back as events. Before ExcelApi 1.14 (no `triggerSource`) the add-in
 * must recognise them itself, or every repaint is taken as the clerk's edits and re-checked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../core/issues/issue';
import { createStandin, type Standin } from '../../test/excel-standin';
import { att2Rows } from '../../test/excel-standin/fixtures';
import { createExcelPort } from './excel-port';
import type { SheetChange } from './port';

function issue(row: number): Issue {
  const address = `D${row}`;
  return {
    code: 'id-checksum',
    severity: 'error',
    params: {},
    sheet: '附件2',
    row,
    column: 4,
    address,
  };
}

let s: Standin;
afterEach(() => s.uninstall());

const settle = async (): Promise<void> => {
  await s.eventsDelivered();
  await new Promise((r) => setTimeout(r, 150));
};

describe.each(['1.7', '1.12', '1.18'])('ExcelApi %s', (maxApi) => {
  it("the add-in's fills are not taken as the clerk's edits; the clerk's are", async () => {
    s = createStandin({ maxApi });
    s.install();
    s.addSheet('附件2', att2Rows(60));
    const port = createExcelPort();
    await port.readWorkbook();
    const seen: SheetChange[] = [];
    const unsubscribe = await port.onChanged((changes) => void seen.push(...changes));
    await port.showIssues([12, 13, 14, 20, 30, 40].map(issue));
    await settle();
    await port.showIssues([13, 20].map(issue));
    await settle();
    await port.clearHighlights();
    await settle();
    expect(seen).toEqual([]);
    s.userEdit('附件2', 'B15', '王五');
    await settle();
    expect(seen.map((c) => c.address)).toEqual(['B15']);
    await unsubscribe();
  });
});

describe('undo: Ctrl+Z after a repaint (excel-add-ins-undo-capabilities)', () => {
  const paintAfterEdit = async (maxApi: string): Promise<{ by: string }[]> => {
    s = createStandin({ maxApi });
    s.install();
    s.addSheet('附件2', att2Rows(60));
    const port = createExcelPort({ highlight: { opsPerSync: 1, addressChars: 8 } });
    await port.readWorkbook();
    s.userEdit('附件2', 'B15', '王五');
    await port.showIssues([12, 14, 20, 30, 40, 50].map(issue));
    return s.host.undoLog.slice(s.host.undoLog.findIndex((e) => e.by === 'clerk'));
  };

  it('on ExcelApi 1.20 a whole repaint is one undo step', async () => {
    expect(await paintAfterEdit('1.20')).toEqual([{ by: 'clerk' }, expect.objectContaining({ by: 'add-in' })]);
  });

  it('older hosts put each sync of a repaint on the undo stack', async () => {
    expect((await paintAfterEdit('1.18')).length).toBeGreaterThan(2);
  });
});
