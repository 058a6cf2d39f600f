/**
 * The clerk's path in a real browser: the built pane, the real ExcelPort, the Excel stand-in in place of
 * office.js. Opens a filled 附件2 with planted mistakes, checks what the pane lists, clicks an issue
 * (Excel's selection moves), applies a fix (the cell changes, its fill goes), types a wrong ID (the cell
 * turns red and the pane lists it), and sets a damaged ID column to text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withWrongCheck } from '../../helpers/ids';
import { ATT2_SHEET, filledAtt2, ids, notesSheet, rows, spacedId } from './fixtures';
import { paneIdle, screenshot, usePaneBrowser } from './harness';

interface CellReadback {
  value: string | number | boolean | null;
  fill: string | null;
  numberFormat: string;
}

const pane = usePaneBrowser();

const cell = (page: Page, sheet: string, address: string): Promise<CellReadback> =>
  page.evaluate(
    ([s, a]) =>
      (window as unknown as { __standin: { cell(s: string, a: string): CellReadback } }).__standin.cell(s, a),
    [sheet, address] as const,
  );

const issue = (page: Page, address: string, code?: string) =>
  page.locator(
    `[data-testid="issue"][data-sheet="${ATT2_SHEET}"][data-address="${address}"]${code ? `[data-code="${code}"]` : ''}`,
  );

/** Opens every issue group so each row is in the DOM. */
async function expandGroups(page: Page): Promise<void> {
  const headers = page.locator('[data-testid="issue-group"] button[aria-expanded="false"]');
  while ((await headers.count()) > 0) await headers.first().click();
}

describe('the clerk’s path through a filled 附件2', () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await pane.open({
      sheets: [filledAtt2(), notesSheet()],
    }));
    await paneIdle(page);
  }, 60_000);

  it('recognises the sheet as 附件2 of gx-zz-2022 with its column mapping, and the notes sheet as no template', async () => {
    const att2 = page.locator(`[data-testid="sheet-item"][data-sheet="${ATT2_SHEET}"]`);
    await expect.poll(() => att2.getAttribute('data-kind')).toBe('att2');
    expect(await att2.getAttribute('data-pack')).toBe('gx-zz-2022');
    expect(await att2.getAttribute('data-first-row')).toBe(String(rows.first));
    expect(await att2.getAttribute('data-last-row')).toBe(String(rows.last));
    const mapping = Object.fromEntries(
      ((await att2.getAttribute('data-columns')) ?? '').split(',').map((kv) => kv.split(':')),
    );
    expect(mapping).toMatchObject({
      serial: '1',
      name: '2',
      gender: '3',
      idNumber: '4',
      publicCourses: '5',
      skillCourses: '6',
      conduct: '7',
      internship: '8',
      certificateNumber: '9',
    });
    await expect
      .poll(() => att2.locator('[data-testid="sheet-attachment"]').textContent())
      .toContain('附件2');
    const notes = page.locator('[data-testid="sheet-item"][data-sheet="说明"]');
    expect(await notes.getAttribute('data-kind')).toBe('');
    expect(await notes.locator('[data-testid="sheet-attachment"]').textContent()).toBe('不是模板');
    // the column mapping opens on click
    await att2.locator('button').first().click();
    await expect.poll(() => att2.getByText('身份证号码').count()).toBeGreaterThan(0);
  });

  it('lists the planted mistakes, grouped by kind, with per-sheet counts', async () => {
    await expandGroups(page);
    await expect.poll(() => issue(page, `D${rows.spaced}`, 'id-cleanup').count()).toBe(1);
    expect(await issue(page, `D${rows.wrongCheck}`, 'id-checksum').count()).toBe(1);
    expect(
      await page
        .locator(`[data-testid="issue"][data-sheet="${ATT2_SHEET}"][data-code="gender-id-mismatch"]`)
        .count(),
    ).toBeGreaterThan(0);
    expect(
      await page
        .locator(`[data-testid="issue"][data-sheet="${ATT2_SHEET}"][data-code="grade-failing"]`)
        .count(),
    ).toBeGreaterThan(0);
    // no issue on the clean students' IDs
    expect(await issue(page, `D${rows.first}`).count()).toBe(0);
    expect(await issue(page, `D${rows.last}`).count()).toBe(0);
    // the summary counts what the list holds
    const summary = page.locator(`[data-testid="summary-row"][data-sheet="${ATT2_SHEET}"]`);
    const listedErrors = await page
      .locator(`[data-testid="issue"][data-sheet="${ATT2_SHEET}"][data-severity="error"]`)
      .count();
    expect(Number(await summary.locator('[data-testid="summary-errors"]').textContent())).toBe(listedErrors);
    expect(listedErrors).toBeGreaterThanOrEqual(3);
    // and Excel shows them: the planted cells are filled
    expect((await cell(page, ATT2_SHEET, `D${rows.wrongCheck}`)).fill).not.toBeNull();
    expect((await cell(page, ATT2_SHEET, `D${rows.first}`)).fill).toBeNull();
    // the pane speaks Chinese
    expect(await page.getByText('检查结果').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await screenshot(page, 'pane-att2-issues', { top: true });
  });

  it('filters by severity and sheet', async () => {
    await page.locator('[data-testid="filter-severity"]').selectOption('warning');
    await expandGroups(page);
    await expect.poll(() => page.locator('[data-testid="issue"][data-severity="error"]').count()).toBe(0);
    await page.locator('[data-testid="filter-severity"]').selectOption('all');
    await page.locator('[data-testid="filter-sheet"]').selectOption('说明');
    await expect.poll(() => page.locator('[data-testid="issue"]').count()).toBe(0);
    await page.locator('[data-testid="filter-sheet"]').selectOption('');
    await expandGroups(page);
    await expect.poll(() => issue(page, `D${rows.wrongCheck}`).count()).toBeGreaterThan(0);
  });

  it('clicking an issue selects its cell in Excel', async () => {
    await issue(page, `D${rows.wrongCheck}`, 'id-checksum').click();
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { __standin: { selection(): unknown } }).__standin.selection(),
        ),
      )
      .toEqual({ sheet: ATT2_SHEET, address: `D${rows.wrongCheck}` });
  });

  it('applies a one-click fix: the cell changes and its highlight goes away', async () => {
    const address = `D${rows.spaced}`;
    expect((await cell(page, ATT2_SHEET, address)).value).toBe(spacedId);
    expect((await cell(page, ATT2_SHEET, address)).fill).not.toBeNull();
    await issue(page, address, 'id-cleanup').locator('[data-testid="issue-fix"]').click();
    await expect.poll(async () => (await cell(page, ATT2_SHEET, address)).value).toBe(ids.huangLi);
    await expect.poll(async () => (await cell(page, ATT2_SHEET, address)).fill).toBeNull();
    await expect.poll(() => issue(page, address).count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="pane-notice"]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await screenshot(page, 'pane-att2-after-fix', { top: true });
  });

  it('a wrong ID typed by the clerk is highlighted live and listed', async () => {
    const address = `D${rows.last}`;
    const wrong = withWrongCheck(ids.liSi);
    await page.evaluate(
      ([s, a, v]) =>
        (
          window as unknown as { __standin: { userEdit(s: string, a: string, v: string): void } }
        ).__standin.userEdit(s, a, v),
      [ATT2_SHEET, address, wrong] as const,
    );
    await expect
      .poll(async () => (await cell(page, ATT2_SHEET, address)).fill, { timeout: 10_000 })
      .not.toBeNull();
    await expandGroups(page);
    await expect.poll(() => issue(page, address, 'id-checksum').count()).toBe(1);
    expect(await issue(page, address, 'id-checksum').textContent()).toContain(address);
    // the clerk corrects it: the fill and the listing go again
    await page.evaluate(
      ([s, a, v]) =>
        (
          window as unknown as { __standin: { userEdit(s: string, a: string, v: string): void } }
        ).__standin.userEdit(s, a, v),
      [ATT2_SHEET, address, ids.liSi] as const,
    );
    await expect
      .poll(async () => (await cell(page, ATT2_SHEET, address)).fill, { timeout: 10_000 })
      .toBeNull();
    await expect.poll(() => issue(page, address).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a damaged ID (typed as a number) is explained and its column can be set to text', async () => {
    const address = `D${rows.last}`;
    // the clerk's colleague formats the column General and types the ID again: Excel keeps 15 digits
    await page.evaluate(
      ([s, a, v]) => {
        const st = (
          window as unknown as {
            __standin: {
              userFormat(s: string, a: string, f: string): void;
              userEdit(s: string, a: string, v: number): void;
            };
          }
        ).__standin;
        st.userFormat(s, a, 'General');
        st.userEdit(s, a, v);
      },
      [ATT2_SHEET, address, Number(ids.liSi.slice(0, 17))] as const,
    );
    const damaged = page.locator('[data-testid="damaged-ids"]');
    await expect.poll(() => damaged.count(), { timeout: 10_000 }).toBe(1);
    expect(await damaged.textContent()).toContain('15');
    await screenshot(page, 'pane-damaged-id');
    await damaged.getByRole('button').click();
    await expect.poll(async () => (await cell(page, ATT2_SHEET, address)).numberFormat).toBe('@');
    await expect.poll(() => damaged.textContent()).toContain('重新输入');
  });
});

describe('fix all of a kind, with a cell the clerk changed meanwhile', () => {
  it('fixes the others, leaves the changed cell alone and lists it as stale', async () => {
    const sheet = filledAtt2();
    const spacedLiSi = `${ids.liSi.slice(0, 6)} ${ids.liSi.slice(6)}`;
    const last = sheet.rows[rows.last - 1];
    if (!last) throw new Error('fixture changed');
    last[3] = spacedLiSi;
    // Excel delivers the clerk's edit late (the pane has not heard of it when the fix runs).
    const { page, errors } = await pane.open({
      sheets: [sheet],
      config: { eventDelayMs: 3000 },
    });
    await paneIdle(page);
    await expandGroups(page);
    const fixAll = page.locator(
      '[data-testid="issue-group"][data-code="id-cleanup"] [data-testid="fix-all"]',
    );
    await expect.poll(() => fixAll.textContent()).toContain('2');
    await page.evaluate(
      ([s, a]) =>
        (
          window as unknown as { __standin: { userEdit(s: string, a: string, v: string): void } }
        ).__standin.userEdit(s, a, '手工改过'),
      [ATT2_SHEET, `D${rows.spaced}`] as const,
    );
    await fixAll.click();
    await expect.poll(async () => (await cell(page, ATT2_SHEET, `D${rows.last}`)).value).toBe(ids.liSi);
    expect((await cell(page, ATT2_SHEET, `D${rows.spaced}`)).value).toBe('手工改过');
    const stale = page.locator('[data-testid="stale-cells"]');
    await expect.poll(() => stale.count()).toBe(1);
    expect(await stale.textContent()).toContain(`${ATT2_SHEET}!D${rows.spaced}`);
    await screenshot(page, 'pane-stale-cells');
    // the late edit arrives: the changed cell is checked as what the clerk typed
    await expect.poll(() => issue(page, `D${rows.spaced}`, 'id-format').count(), { timeout: 10_000 }).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('the pane in English and dark', () => {
  it('renders the English catalogue on a dark theme', async () => {
    const { page, errors } = await pane.open({
      sheets: [filledAtt2()],
      query: 'lang=en&theme=dark',
    });
    await paneIdle(page);
    expect(await page.getByText('Results').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-theme="dark"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await screenshot(page, 'pane-en-dark');
    await page.close();
  });
});
