/**
 * Every attachment of both packs, inserted through the pane's "insert blank template" buttons, is
 * recognised as what it is, before and after a minimal row is typed into it. One workbook per pack: the
 * detector picks one pack per workbook, so cross-sheet rules never mix campaigns.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { columnLetters } from '../../../core/grid/address';
import { packs } from '../../../core/templates/registry';
import type { ColumnSpec, SheetKindSpec } from '../../../core/templates/types';
import { makeId } from '../../helpers/ids';
import { paneIdle, screenshot, showTab, usePaneBrowser } from './harness';

const pane = usePaneBrowser();

/** A plausible value for a column, as a clerk would type it. */
function sample(column: ColumnSpec, row: number): string | number {
  const id = makeId({ gender: 'male', index: row % 40 });
  switch (column.type) {
    case 'serial':
      return 1;
    case 'name':
      return '韦小宝';
    case 'gender':
      return '男';
    case 'id-number':
      return id;
    case 'student-number':
      return `G${id}`;
    case 'grade':
      return 85;
    case 'integer':
      return 1;
    case 'credits':
      return 150;
    case 'mobile':
      return '13907710001';
    case 'phone':
      return '0771-5815347';
    case 'date':
      return '2019-09-01';
    case 'school-length':
      return '3年';
    case 'enum':
      return column.options?.[0] ?? '';
    case 'ethnicity':
      return '汉族';
    case 'certificate-number':
      return '2022000101';
    case 'certificate-range':
      return '2022000101-2022000101';
    case 'text':
      return column.key === 'schoolName' ? '南宁市第一职业技术学校' : '计算机应用';
  }
}

const sheetItems = (page: Page) => page.locator('[data-testid="sheet-item"]');

async function sheetNames(page: Page): Promise<string[]> {
  return sheetItems(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-sheet') ?? ''));
}

/** Inserts the kind's blank template through the pane and returns the new sheet's name. */
async function insert(page: Page, packId: string, kind: SheetKindSpec): Promise<string> {
  const before = await sheetNames(page);
  await showTab(page, 'templates');
  await page
    .locator(`[data-testid="insert-template"][data-pack="${packId}"][data-kind="${kind.id}"]`)
    .click();
  await showTab(page, 'checks');
  await expect.poll(async () => (await sheetNames(page)).length, { timeout: 15_000 }).toBe(before.length + 1);
  await paneIdle(page);
  const name = (await sheetNames(page)).find((n) => !before.includes(n));
  if (!name) throw new Error(`no new sheet after inserting ${kind.attachment}`);
  return name;
}

/** Types one row of sample values under the header, where the template's data rows start. */
async function fillRow(page: Page, sheet: string, kind: SheetKindSpec): Promise<number> {
  const item = sheetItems(page).and(page.locator(`[data-sheet="${sheet}"]`));
  const headerRow = Number(await item.getAttribute('data-header-row'));
  const mapping = ((await item.getAttribute('data-columns')) ?? '')
    .split(',')
    .filter(Boolean)
    .map((kv) => kv.split(':'));
  const twoRowHeader = kind.columns.some((c) => c.group !== undefined || c.subHeader !== undefined);
  const row = headerRow + (twoRowHeader ? 2 : 1);
  for (const [key, column] of mapping) {
    const spec = kind.columns.find((c) => c.key === key);
    if (!spec || !column) continue;
    const address = `${columnLetters(Number(column))}${row}`;
    await page.evaluate(
      ([s, a, v]) =>
        (
          window as unknown as { __standin: { userEdit(s: string, a: string, v: string | number): void } }
        ).__standin.userEdit(s, a, v),
      [sheet, address, sample(spec, row)] as const,
    );
  }
  return row;
}

for (const pack of packs) {
  describe(`every attachment of ${pack.id} is recognised`, () => {
    it(`inserts, fills and recognises ${pack.sheetKinds.map((k) => k.attachment).join(', ')}`, async () => {
      const { page, errors } = await pane.open({
        sheets: [{ name: '说明', rows: [['空工作簿']] }],
      });
      await paneIdle(page);
      const inserted: { kind: SheetKindSpec; sheet: string }[] = [];
      for (const kind of pack.sheetKinds) {
        const sheet = await insert(page, pack.id, kind);
        inserted.push({ kind, sheet });
        const item = sheetItems(page).and(page.locator(`[data-sheet="${sheet}"]`));
        expect(await item.getAttribute('data-kind'), `${kind.attachment} blank`).toBe(kind.id);
        expect(await item.getAttribute('data-pack')).toBe(pack.id);
      }
      for (const { kind, sheet } of inserted) {
        const row = await fillRow(page, sheet, kind);
        const item = sheetItems(page).and(page.locator(`[data-sheet="${sheet}"]`));
        await expect
          .poll(() => item.getAttribute('data-first-row'), {
            timeout: 10_000,
            message: `${kind.attachment} data row`,
          })
          .toBe(String(row));
        expect(await item.getAttribute('data-kind'), `${kind.attachment} filled`).toBe(kind.id);
        expect(await item.locator('[data-testid="sheet-attachment"]').textContent()).toContain(
          kind.attachment,
        );
      }
      // the workbook's own sheet stays "not a template"
      expect(await sheetItems(page).and(page.locator('[data-sheet="说明"]')).getAttribute('data-kind')).toBe(
        '',
      );
      expect(errors).toEqual([]);
      await page.locator('[data-testid="section-sheets"]').scrollIntoViewIfNeeded();
      await screenshot(page, `pane-recognition-${pack.id}`);
      await page.close();
    }, 120_000);
  });
}
