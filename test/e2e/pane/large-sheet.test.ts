/**
 * A 6,000-student 附件2: the pane shows determinate progress while the port reads and paints in chunks,
 * ends with the right counts, and the page's event loop keeps turning (the lag is printed, not asserted:
 * performance targets live in the benchmarks).
 */
import { describe, expect, it } from 'vitest';
import { ATT2_SHEET, largeAtt2 } from './fixtures';
import { paneIdle, screenshot, usePaneBrowser } from './harness';

const pane = usePaneBrowser();

/** Records every progress label the pane shows, and the longest gap between 20 ms timer ticks. */
function observe(): void {
  const w = window as unknown as { __busyLog: string[]; __maxLag: number };
  w.__busyLog = [];
  w.__maxLag = 0;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    w.__maxLag = Math.max(w.__maxLag, now - last);
    last = now;
  }, 20);
  new MutationObserver(() => {
    const busy = document.querySelector('[data-testid="busy"]');
    const text = busy?.textContent ?? '';
    if (text && w.__busyLog[w.__busyLog.length - 1] !== text) w.__busyLog.push(text);
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

describe('a large 附件2', () => {
  it('shows determinate progress and ends with the right counts', async () => {
    const { sheet, planted } = largeAtt2(6000);
    await pane.context.addInitScript(observe);
    const { page, errors } = await pane.open({
      sheets: [sheet],
      syncLatencyMs: 15,
    });
    const started = Date.now();
    await paneIdle(page, 90_000);
    const elapsed = Date.now() - started;
    const summary = page.locator(`[data-testid="summary-row"][data-sheet="${ATT2_SHEET}"]`);
    expect(Number(await summary.locator('[data-testid="summary-errors"]').textContent())).toBe(planted);
    const log = await page.evaluate(() => (window as unknown as { __busyLog: string[] }).__busyLog);
    const lag = await page.evaluate(() => (window as unknown as { __maxLag: number }).__maxLag);
    // "正在读取工作簿 1 / 2" …: at least one bar knew its total.
    expect(
      log.some((l) => /\d+ \/ \d+/.test(l)),
      log.join(' | '),
    ).toBe(true);
    console.log(
      `large 附件2: ready in ${elapsed} ms, longest event-loop gap ${Math.round(lag)} ms, progress: ${log.slice(0, 12).join(' | ')}`,
    );
    expect(errors).toEqual([]);
    await screenshot(page, 'pane-large-att2');
    await page.close();
  }, 120_000);
});
