/**
 * Driving the built pane in Chromium for the round-trip tests: the stand-in's test API in the page, waiting
 * for the remote section, and signing in through the pane's own form.
 */
import type { Page } from 'playwright-core';
import { showTab } from '../pane/harness';
import { PASSWORD } from './server';

export type Scalar = string | number | boolean | null;

/** What the stand-in exposes to tests as `window.__standin` (test/excel-standin/browser-entry.ts). */
export interface StandinApi {
  values(sheet: string, address?: string): Scalar[][];
  sheetNames(): string[];
  userEdit(sheet: string, address: string, value: Scalar | Scalar[][]): void;
  userPaste(sheet: string, topLeft: string, rows: Scalar[][]): void;
  isProtected(sheet: string): boolean;
  fills(sheet: string): Record<string, string>;
  cell(sheet: string, address: string): { value: Scalar; fill: string | null; text: string };
  browserWindows(): string[];
}

/** Runs `fn` in the page against the stand-in (its source is sent, so it may use only its arguments). */
export const standin = <T>(page: Page, fn: (s: StandinApi, arg: unknown) => T, arg?: unknown): Promise<T> =>
  page.evaluate(
    ([source, a]) => {
      const s = (window as unknown as { __standin: StandinApi }).__standin;
      return (new Function('s', 'a', `return (${source as string})(s, a);`) as (s: StandinApi, a: unknown) => T)(s, a);
    },
    [fn.toString(), arg] as const,
  );

export async function remoteIdle(page: Page): Promise<void> {
  await page.waitForTimeout(50);
  await page.waitForFunction(() => document.querySelector('[data-testid="remote-section"]')?.getAttribute('data-busy') === '', undefined, {
    timeout: 60_000,
  });
}

/** Signs in through the pane's 上报 tab and waits until the remote section is idle. */
export async function signIn(page: Page, username: string): Promise<void> {
  await showTab(page, 'remote');
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.waitForSelector('[data-testid="remote-section"][data-phase="signed-in"]', { timeout: 30_000 });
  await remoteIdle(page);
}
