/**
 * The pane as a clerk and a reviewer use it, in a 350 px task pane (screenshots also at 1366 px), against
 * the real server: a blank workbook opens on a start screen (no red A1); the clerk inserts templates,
 * sees issues named by student and grouped by student, fixes, is refused, fixes the rest and sees the
 * server's old verdict called stale, submits with the one next-step button; the city reviewer opens on the
 * queue and approves; the province approves and allocates after a confirmation that shows the range; the
 * clerk's next step becomes "fetch numbers". Screenshots: test-output/screens/roles-*.png.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toA1 } from '../../../core/grid/address';
import type { Cell, WorkbookGrid } from '../../../core/grid/cell';
import { detectWorkbook, type SheetDetection } from '../../../core/templates/detect';
import { ATT2_META, att2Row } from '../../../core/templates/testing';
import { publicFilesUnder } from '../../../server/http/public-files';
import { launch, openPane, paneIdle, paneWidth, repo, screenshot, showTab } from '../pane/harness';
import { buildRoundTrip, type RoundTripBuild } from './build';
import { remoteIdle, signIn, standin, type Scalar, type StandinApi } from './pane-driver';
import { startServer, type RunningServer } from './server';


const SCHOOL = ATT2_META.schoolName;
const MAJOR = ATT2_META.major;
const N = 4;
const students = Array.from({ length: N }, (_, i) => att2Row(i));

let build: RoundTripBuild;
let server: RunningServer;
const browsers: Awaited<ReturnType<typeof launch>>[] = [];

async function pane(partitionKey: string): Promise<Page> {
  const b = await launch();
  browsers.push(b);
  const context: BrowserContext = b.context;
  const { page } = await openPane(context, server.origin, build, {
    sheets: [{ name: 'Sheet1', rows: [[null]] }],
    config: { partitionKey },
  });
  await paneWidth(page, 350);
  await paneIdle(page, 60_000);
  return page;
}



/** Screenshots at 350 px (the task pane) and, with `wide`, again at 1366 px. */
async function shots(page: Page, name: string, wide = false): Promise<void> {
  await screenshot(page, `roles-350-${name}`);
  if (!wide) return;
  await paneWidth(page, 1366);
  await screenshot(page, `roles-1366-${name}`);
  await paneWidth(page, 350);
}

/** The sticky header never wraps a word one character per line: every tab and button fits its text. */
async function headerFits(page: Page): Promise<void> {
  const cramped = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="pane-tabs"] button, [data-testid="next-step"] button')]
      .filter((el) => {
        const h = (el as HTMLElement).getBoundingClientRect().height;
        return h > 40; // one line of 12–14 px text with padding; two or more lines is wrapping
      })
      .map((el) => (el as HTMLElement).innerText),
  );
  expect(cramped).toEqual([]);
  const width = await page.evaluate(() => document.getElementById('root')?.scrollWidth ?? 0);
  expect(width).toBeLessThanOrEqual(350);
}

async function readGrid(page: Page, sheet: string): Promise<WorkbookGrid> {
  const values = await standin(page, (s, a) => s.values(a as string, 'A1:L60'), sheet);
  return { sheets: [{ name: sheet, rows: values.map((r) => r.map((v): Cell | null => (v === null || v === '' ? null : { value: v }))) }] };
}
async function layout(page: Page, sheet: string): Promise<SheetDetection> {
  const d = detectWorkbook(await readGrid(page, sheet), { packId: 'gx-zz-2022' }).sheets[0];
  if (!d?.kind) throw new Error(`sheet ${sheet} not recognised`);
  return d;
}
const col = (d: SheetDetection, key: string): number => {
  const i = d.kind?.columns.findIndex((c) => c.key === key) ?? -1;
  const c = d.columnOf[i];
  if (!c) throw new Error(`no column ${key}`);
  return c;
};
async function fillMeta(page: Page, sheet: string, d: SheetDetection, values: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    const at = d.labelCells[key];
    const spec = [...(d.kind?.meta ?? []), ...(d.kind?.footer ?? [])].find((m) => m.key === key);
    if (!at || !spec) throw new Error(`no label cell for ${key}`);
    await standin(page, (s, a) => {
      const [sh, addr, v] = a as [string, string, string];
      s.userEdit(sh, addr, v);
    }, [sheet, toA1(at.row, at.column), `${spec.label}：${value}`]);
  }
}
async function insertFrom(page: Page, where: 'start' | 'templates', kind: string): Promise<string> {
  const before = await standin(page, (s) => s.sheetNames());
  if (where === 'templates') await showTab(page, 'templates');
  const scope = where === 'start' ? page.getByTestId('start-screen') : page.getByTestId('section-templates');
  await scope.locator(`[data-testid="insert-template"][data-pack="gx-zz-2022"][data-kind="${kind}"]`).click();
  await page.waitForFunction((n) => (window as unknown as { __standin: StandinApi }).__standin.sheetNames().length > n, before.length);
  await paneIdle(page);
  const name = (await standin(page, (s) => s.sheetNames())).find((n) => !before.includes(n));
  if (!name) throw new Error('no sheet inserted');
  return name;
}
const step = (page: Page) => page.getByTestId('next-step').getAttribute('data-step');

beforeAll(async () => {
  build = await buildRoundTrip();
  server = await startServer({ files: { ...publicFilesUnder(repo), addinDir: build.paneDir, lookupDir: build.lookupDir } });
}, 300_000);

afterAll(async () => {
  for (const b of browsers) await b.close();
  await server?.close();
});

describe('a clerk and reviewers in a 350 px pane', () => {
  let clerk: Page;
  let att2 = '';
  let d2: SheetDetection;

  it('a blank workbook opens on a start screen, marks nothing, and the next step says to insert templates', async () => {
    clerk = await pane('roles-clerk');
    await expect.poll(() => clerk.getByTestId('start-screen').isVisible()).toBe(true);
    expect(await step(clerk)).toBe('start');
    expect(await clerk.locator('[data-testid="issue"]').count()).toBe(0);
    expect(await standin(clerk, (s) => s.fills('Sheet1'))).toEqual({});
    expect(await clerk.getByTestId('pane').innerText()).not.toContain('没有识别到模板');
    await headerFits(clerk);
    await shots(clerk, '01-clerk-blank', true);
  }, 120_000);

  it('templates go in from the start screen; issues name the student and group by student', async () => {
    await signIn(clerk, 'nn1-clerk');
    await showTab(clerk, 'checks');
    att2 = await insertFrom(clerk, 'start', 'att2');
    const att3 = await insertFrom(clerk, 'templates', 'att3');
    await showTab(clerk, 'checks');
    d2 = await layout(clerk, att2);
    const d3 = await layout(clerk, att3);
    await fillMeta(clerk, att2, d2, {
      schoolName: SCHOOL,
      major: MAJOR,
      enrollmentCategory: ATT2_META.enrollmentCategory,
      teachingForm: ATT2_META.teachingForm,
      schoolLength: ATT2_META.schoolLength,
      enrollmentDate: ATT2_META.enrollmentDate,
    });
    const keys = ['serial', 'name', 'gender', 'idNumber', 'publicCourses', 'skillCourses', 'conduct', 'internship'];
    const rows = students.map((s, i) =>
      keys.map((k) => {
        if (k === 'serial') return i + 1;
        // Planted, both on the second student: a failing grade and a wrong check digit.
        if (i === 1 && k === 'skillCourses') return '不及格';
        if (i === 1 && k === 'idNumber') return `${String(s.idNumber).slice(0, 17)}${String(s.idNumber).endsWith('1') ? '2' : '1'}`;
        return s[k] ?? null;
      }),
    );
    await standin(clerk, (s, a) => {
      const [sh, addr, r] = a as [string, string, Scalar[][]];
      s.userPaste(sh, addr, r);
    }, [att2, toA1(d2.dataStart, col(d2, 'serial')), rows]);
    await fillMeta(clerk, att3, d3, { schoolName: SCHOOL });
    await standin(clerk, (s, a) => {
      const [sh, addr, r] = a as [string, string, Scalar[][]];
      s.userPaste(sh, addr, r);
    }, [att3, toA1(d3.dataStart, col(d3, 'graduateTotal')), [[N, MAJOR, ATT2_META.enrollmentDate, '3年', '全日制', N]]]);
    await paneIdle(clerk);

    await expect.poll(() => step(clerk)).toBe('fix');
    const name = String(students[1]?.name);
    const who = clerk.locator('[data-testid="issue-student"]');
    await expect.poll(() => who.allInnerTexts()).toContain(`序号 2 ${name} · 专业技能课`);
    expect(await who.allInnerTexts()).toContain(`序号 2 ${name} · 身份证号码`);
    await shots(clerk, '02-clerk-issues-by-kind', true);

    await clerk.getByTestId('filter-group-by').selectOption('student');
    const group = clerk.locator('[data-testid="issue-group"]').first();
    await expect.poll(() => group.innerText()).toContain(`序号 2 ${name}`);
    expect(await group.getByTestId('issue-group-count').innerText()).toBe('2');
    await headerFits(clerk);
    await shots(clerk, '03-clerk-issues-by-student', true);
  }, 180_000);

  it('fixes one, is refused, fixes the rest: the server verdict is called stale; submits with the next step', async () => {
    const gradeCell = toA1(d2.dataStart + 1, col(d2, 'skillCourses'));
    const idCell = toA1(d2.dataStart + 1, col(d2, 'idNumber'));
    // The refused upload leaves the server's verdict; then the clerk fixes the cells.
    await showTab(clerk, 'remote');
    await clerk.getByTestId('submit-button').click();
    await remoteIdle(clerk);
    await expect.poll(() => clerk.getByTestId('server-issues').innerText()).toMatch(/上次上报时服务器发现 \d+ 处错误/);
    await standin(clerk, (s, a) => {
      const [sh, g, gv, id, idv] = a as [string, string, string, string, string];
      s.userEdit(sh, g, gv);
      s.userEdit(sh, id, idv);
    }, [att2, gradeCell, '良好', idCell, students[1]?.idNumber]);
    await paneIdle(clerk);
    await expect.poll(() => clerk.getByTestId('server-issues').innerText()).toContain('现已全部修正，可重新上报');
    await expect.poll(() => step(clerk)).toBe('submit');
    // The demo replays 2022 today: no deadline from another year is shown (and none closes it).
    expect(await clerk.getByTestId('remote-section').innerText()).not.toContain('上报截止');
    await shots(clerk, '04-clerk-stale-verdict', true);

    await clerk.getByTestId('next-step-action').click();
    await remoteIdle(clerk);
    await expect.poll(() => step(clerk)).toBe('wait-review');
    await shots(clerk, '05-clerk-submitted');
  }, 120_000);

  it('the city reviewer opens on the queue and approves', async () => {
    const city = await pane('roles-city');
    await signIn(city, 'nn-reviewer');
    await expect.poll(() => city.getByTestId('pane').getAttribute('data-tab')).toBe('remote');
    expect(await city.getByTestId('next-step').count()).toBe(0);
    await expect.poll(() => city.getByTestId('reviewer-summary').innerText()).toContain('1 份上报等待您审核');
    const item = city.locator(`[data-testid="queue-item"][data-school="${SCHOOL}"]`);
    await expect.poll(() => item.getAttribute('data-status')).toBe('SUBMITTED');
    await headerFits(city);
    await shots(city, '06-city-queue', true);
    await item.getByTestId('queue-open').click();
    await remoteIdle(city);
    await city.getByTestId('approve-button').click();
    await remoteIdle(city);
    await expect.poll(() => item.getAttribute('data-status')).toBe('CITY_APPROVED');
  }, 120_000);

  it('the province approves, confirms the allocation with its range, and the clerk is told to fetch numbers', async () => {
    const province = await pane('roles-province');
    await signIn(province, 'gx-admin');
    await expect.poll(() => province.getByTestId('pane').getAttribute('data-tab')).toBe('remote');
    const item = province.locator(`[data-testid="queue-item"][data-school="${SCHOOL}"]`);
    await expect.poll(() => item.getAttribute('data-status')).toBe('CITY_APPROVED');
    await item.getByTestId('queue-open').click();
    await remoteIdle(province);
    await province.getByTestId('approve-button').click();
    await remoteIdle(province);

    await showTab(clerk, 'remote');
    await clerk.getByTestId('refresh-button').click();
    await remoteIdle(clerk);
    await expect.poll(() => step(clerk)).toBe('apply-numbers');
    await clerk.getByTestId('next-step-action').click();
    await remoteIdle(clerk);
    await expect.poll(() => step(clerk)).toBe('wait-numbers');

    await province.getByTestId('applications-refresh').click();
    await remoteIdle(province);
    const application = province.locator(`[data-testid="application"][data-major="${MAJOR}"]`);
    await application.getByTestId('allocate-button').click();
    // Nothing is allocated before the confirmation, which names the range.
    expect(await application.getAttribute('data-status')).toBe('PENDING');
    const preview = await application.getByTestId('allocate-preview').innerText();
    expect(preview).toContain(`将分配 ${N} 个连续编号`);
    expect(preview).toMatch(/桂教中专毕字（2022）0*1 – 桂教中专毕字（2022）0*4/);
    await application.scrollIntoViewIfNeeded();
    await shots(province, '07-province-confirm-allocation', true);
    await application.getByTestId('allocate-confirm-button').click();
    await remoteIdle(province);
    await expect.poll(() => application.getAttribute('data-status')).toBe('APPROVED');
    await expect
      .poll(() => province.locator('[data-testid="remote-notice"]').allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringMatching(/已分配编号段：.+ – .+/)]));
    await shots(province, '08-province-allocated');

    await clerk.getByTestId('refresh-button').click();
    await remoteIdle(clerk);
    await expect.poll(() => step(clerk)).toBe('fetch-numbers');
    await clerk.getByTestId('next-step-action').click();
    await remoteIdle(clerk);
    await paneIdle(clerk);
    await expect.poll(() => step(clerk)).toBe('done');
    await shots(clerk, '09-clerk-numbers', true);
  }, 180_000);
});
