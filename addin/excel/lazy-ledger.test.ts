/**
 * The highlight ledger (a workbook setting) is written lazily (issue #10): not in every keystroke's live
 * repaint — each write changes the workbook and, on older hosts, is one more undo step — but once the
 * clerk pauses.
 */
import { afterEach, expect, it } from 'vitest';
import type { Issue } from '../../core/issues/issue';
import { createStandin, type Standin } from '../../test/excel-standin';
import { att2Rows } from '../../test/excel-standin/fixtures';
import { createExcelPort } from './excel-port';

let s: Standin;
afterEach(() => s.uninstall());

const issue = (row: number): Issue => ({ code: 'id-checksum', severity: 'error', params: {}, sheet: '附件2', row, column: 4, address: `D${row}` });

it('five live repaints write the ledger once, after the pause', async () => {
  s = createStandin({ maxApi: '1.18' });
  s.install();
  s.addSheet('附件2', att2Rows(40));
  const port = createExcelPort({ ledgerFlushMs: 100 });
  await port.readWorkbook();
  const saved = (): string => JSON.stringify(s.settings());
  const before = saved();
  for (let row = 10; row < 15; row++) {
    await port.showIssuesForRows('附件2', row, row, [issue(row)]);
    expect(saved()).toBe(before);
  }
  await new Promise((r) => setTimeout(r, 250));
  expect(saved()).not.toBe(before);
  // A reload of the pane still clears them all.
  await createExcelPort().clearHighlights();
  expect(s.fills('附件2')).toEqual({});
});
