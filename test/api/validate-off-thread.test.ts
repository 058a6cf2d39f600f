/** A big workbook is validated in a worker thread, with the same result as on the main thread. */
import { afterAll, describe, expect, it } from 'vitest';
import { closeValidationPool, OFF_THREAD_ROWS, validateOffThread } from '../../server/use-cases/validate-off-thread';
import { validateReport } from '../../server/use-cases/validate-workbook';
import { bigAtt2Workbook } from './fixtures';

afterAll(async () => {
  await closeValidationPool();
});

describe('validation off the event loop', () => {
  it('validates a workbook of OFF_THREAD_ROWS rows in a worker, same answer, event loop free meanwhile', async () => {
    const wb = bigAtt2Workbook(OFF_THREAD_ROWS);
    const inline = validateReport(wb, 'gx-zz-2022', '2022-06-01');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const threaded = await validateOffThread(wb, 'gx-zz-2022', '2022-06-01');
    clearInterval(timer);
    expect(threaded).toEqual(inline);
    expect(ticks).toBeGreaterThan(0); // the main thread kept running while the worker validated
  }, 60_000);

  it('given the request body instead, the worker parses it and answers the same', async () => {
    const wb = bigAtt2Workbook(OFF_THREAD_ROWS);
    wb.sheets[0]?.rows[OFF_THREAD_ROWS]?.splice(3, 1, { value: '450103200301011009', type: 'string' }); // a bad check digit
    const body = Buffer.from(JSON.stringify({ baseVersion: 0, workbook: wb }));
    const inline = validateReport(wb, 'gx-zz-2022', '2022-06-01');
    expect(inline.stats.errors).toBeGreaterThan(0);
    expect(await validateOffThread(wb, 'gx-zz-2022', '2022-06-01', body)).toEqual(inline);
    // Moved to the worker, not copied: the main thread no longer holds the megabytes.
    expect(body.byteLength).toBe(0);
  }, 60_000);
});
