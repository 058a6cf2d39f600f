/**
 * Browser-test harness for the task pane: builds the real pane (vite build) and the Excel stand-in bundle
 * ONCE per Vitest run (test files share a build directory keyed by the Vitest process), serves them from
 * a static server on 127.0.0.1, and opens the pane in Debian's Chromium through playwright-core with the
 * stand-in served in place of Microsoft's office.js. A grid view of the stand-in's cells sits beside the
 * pane so screenshots show both.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const run = promisify(execFile);
export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const screensDir = join(repo, 'test-output/screens');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

export interface Built {
  paneDir: string;
  standinJs: string;
}

/**
 * Identifies this Vitest run: the parent (Vitest's main process) and its start time, so a reused PID in
 * a later run (containers hand out the same small PIDs) never picks up a stale build. Without /proc each
 * test file builds for itself.
 */
function runKey(): string {
  try {
    const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    if (startTime) return `${process.ppid}-${startTime}`;
  } catch {
    // not Linux
  }
  return `${process.pid}-${Date.now()}`;
}

/** Builds pane + stand-in once for all test files of this run (the first file builds, the others wait). */
export async function buildOnce(): Promise<Built> {
  const dir = join(tmpdir(), `yanyin-pane-e2e-${runKey()}`);
  const lock = join(dir, 'lock');
  const done = join(dir, 'done');
  const failed = join(dir, 'failed');
  const built: Built = { paneDir: join(dir, 'addin'), standinJs: join(dir, 'standin/excel-standin.js') };
  mkdirSync(dir, { recursive: true });
  let owner = false;
  try {
    mkdirSync(lock);
    owner = true;
  } catch {
    // another test file is building
  }
  if (owner) {
    try {
      const vite = join(repo, 'node_modules/.bin/vite');
      await run(vite, ['build', '--outDir', built.paneDir, '--emptyOutDir', '--logLevel', 'warn'], {
        cwd: repo,
        maxBuffer: 1 << 24,
      });
      await run(
        vite,
        [
          'build',
          '--config',
          'test/excel-standin/vite.config.ts',
          '--outDir',
          dirname(built.standinJs),
          '--emptyOutDir',
          '--logLevel',
          'warn',
        ],
        {
          cwd: repo,
          maxBuffer: 1 << 24,
        },
      );
      writeFileSync(done, new Date().toISOString());
    } catch (error) {
      writeFileSync(failed, String(error));
      throw error;
    }
  } else {
    const start = Date.now();
    while (!existsSync(done)) {
      if (existsSync(failed))
        throw new Error(`build failed in another test file: ${readFileSync(failed, 'utf8')}`);
      if (Date.now() - start > 240_000) throw new Error(`timed out waiting for the build in ${dir}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return built;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Serves the built pane under /addin/ (as the API server does) and the stand-in at /standin/. */
export async function serve(built: Built): Promise<{ origin: string; close: () => Promise<void> }> {
  const roots: [string, string][] = [
    ['/addin/', built.paneDir],
    ['/standin/', dirname(built.standinJs)],
  ];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    for (const [prefix, root] of roots) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(root, path.slice(prefix.length) || 'index.html'));
      if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) break;
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`not found: ${path}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Debian's Chromium; a missing browser FAILS the run with the fix, never skips it. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const r = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
    encoding: 'utf8',
  });
  const path = r.stdout.trim().split('\n')[0];
  if (!path)
    throw new Error(
      'Chromium not found: install Debian package `chromium` (apt-get install -y chromium) or set CHROMIUM_PATH',
    );
  return path;
}

export async function launch(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'yanyin-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 860 },
    locale: 'zh-CN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // playwright-core has no test runner: without this a missing element waits forever.
  context.setDefaultTimeout(10_000);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export type Scalar = string | number | boolean | null;
export interface FixtureSheet {
  name: string;
  rows: Scalar[][];
  /** Number formats by 1-based column, applied before typing (e.g. `{ 4: '@' }`). */
  formats?: Record<number, string>;
}

export interface PaneOptions {
  sheets?: FixtureSheet[];
  /** Stand-in configuration (e.g. `{ maxApi: '1.7' }`). */
  config?: Record<string, unknown>;
  /** Query string for the pane (`lang=en`, `theme=dark`). */
  query?: string;
  /**
   * Round-trip time added to every `context.sync()`. The stand-in answers within microtasks, so without
   * it the page never paints between chunks; real Excel (above all on the web) takes milliseconds.
   */
  syncLatencyMs?: number;
}

/**
 * Opens the pane with a workbook prepared through the stand-in's test API BEFORE the pane starts: the
 * page's office.js request is answered with the stand-in bundle followed by the fixture. Page errors and
 * console errors are collected so tests can assert there were none.
 */
export async function openPane(
  context: BrowserContext,
  origin: string,
  built: Built,
  options: PaneOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const bundle = readFileSync(built.standinJs, 'utf8');
  const prelude = `window.__standinConfig = ${JSON.stringify(options.config ?? {})};\n`;
  const fixture = `\n;(${prepare.toString()})(${JSON.stringify(options.sheets ?? [])}, ${options.syncLatencyMs ?? 0});\n`;
  // Nothing may leave the machine (routes registered later take precedence: office.js below wins).
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.route(OFFICE_JS, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: prelude + bundle + fixture }),
  );
  await page.goto(`${origin}/addin/index.html${options.query ? `?${options.query}` : ''}`);
  return { page, errors };
}

/** What a pane test file works with, once the `beforeAll` of `usePaneBrowser` has run. */
export interface PaneBrowser {
  readonly context: BrowserContext;
  /** `openPane` in the shared browser, on the shared server. */
  open(options?: PaneOptions): Promise<{ page: Page; errors: string[] }>;
}

/**
 * For a pane test file (call it at the top level): before its tests, builds the pane and the stand-in
 * (once per run), serves them and launches Chromium; after them, closes both.
 */
export function usePaneBrowser(): PaneBrowser {
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  let browser: Awaited<ReturnType<typeof launch>> | undefined;
  let ready: { built: Built; origin: string; context: BrowserContext } | undefined;
  beforeAll(async () => {
    const built = await buildOnce();
    server = await serve(built);
    browser = await launch();
    ready = { built, origin: server.origin, context: browser.context };
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const get = (): NonNullable<typeof ready> => {
    if (!ready)
      throw new Error('usePaneBrowser: the browser is not started (call it at the top level of a test file)');
    return ready;
  };
  return {
    get context() {
      return get().context;
    },
    open: (options) => {
      const { built, origin, context } = get();
      return openPane(context, origin, built, options);
    },
  };
}

/** Runs in the page right after the stand-in: types the fixture and mounts the grid view beside the pane. */
function prepare(sheets: FixtureSheet[], syncLatencyMs: number): void {
  const w = window as unknown as {
    Excel: { RequestContext: { prototype: { sync(): Promise<void> } } };
    __standin: {
      addSheet(name: string, rows: Scalar[][], init?: { columnFormats?: Record<number, string> }): void;
      renderGrid(el: HTMLElement, o?: { maxRows?: number; maxColumns?: number }): () => void;
    };
  };
  if (syncLatencyMs > 0) {
    const proto = w.Excel.RequestContext.prototype;
    const sync = proto.sync;
    proto.sync = function (this: unknown) {
      return new Promise<void>((r) => setTimeout(r, syncLatencyMs)).then(() => sync.call(this));
    };
  }
  for (const s of sheets)
    w.__standin.addSheet(s.name, s.rows, s.formats ? { columnFormats: s.formats } : undefined);
  const mount = (): void => {
    const style = document.createElement('style');
    style.textContent =
      '#root{width:380px;border-right:1px solid #ccc;box-sizing:border-box}' +
      '#standin-view{position:fixed;left:390px;top:0;right:0;bottom:0;overflow:auto;padding:8px;background:#fff}';
    document.head.append(style);
    const view = document.createElement('div');
    view.id = 'standin-view';
    document.body.append(view);
    w.__standin.renderGrid(view, { maxRows: 45, maxColumns: 10 });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
}

/** Saves test-output/screens/<name>.png; `top` scrolls the pane to its start first. */
export async function screenshot(page: Page, name: string, options: { top?: boolean } = {}): Promise<string> {
  if (options.top) await page.evaluate(() => window.scrollTo(0, 0));
  mkdirSync(screensDir, { recursive: true });
  const path = join(screensDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false, animations: 'disabled' });
  return path;
}

const pageErrors = new WeakMap<Page, string[]>();

/** Waits until the pane is ready and nothing runs (no progress bar); on timeout, says what the page shows. */
export async function paneIdle(page: Page, timeout = 20_000): Promise<void> {
  try {
    await page.waitForFunction(
      () => {
        if (document.querySelector('[data-testid="startup"][data-state="failed"]')) return true;
        const pane = document.querySelector('[data-testid="pane"]');
        return pane?.getAttribute('data-phase') === 'ready' && pane.getAttribute('data-busy') === '';
      },
      undefined,
      { timeout },
    );
    if ((await page.locator('[data-testid="startup"][data-state="failed"]').count()) > 0)
      throw new Error('the pane failed to start');
  } catch (error) {
    await screenshot(page, 'failure-pane-not-idle').catch(() => undefined);
    const text = await page
      .evaluate(() => document.getElementById('root')?.innerText ?? '(no #root)')
      .catch(() => '(page gone)');
    throw new Error(
      `pane not idle: ${String(error)}\npane text: ${text.slice(0, 1500)}\npage errors: ${(pageErrors.get(page) ?? []).join('\n')}`,
    );
  }
}

/** Opens one of the pane's tabs (checks, the server's submit/review tab, templates). */
export async function showTab(page: Page, tab: 'checks' | 'remote' | 'templates'): Promise<void> {
  if ((await page.getByTestId('pane').getAttribute('data-tab')) === tab) return;
  await page.getByTestId(`tab-${tab}`).click();
  await page.waitForSelector(`[data-testid="pane"][data-tab="${tab}"]`);
}

/** Gives the pane `width` px (a 320–350 px Office task pane, or a wide browser window). */
export async function paneWidth(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width: width > 600 ? width : 1280, height: 860 });
  await page.addStyleTag({
    content:
      width > 600
        ? `#root{width:${width}px !important}#standin-view{display:none}`
        : `#root{width:${width}px !important}#standin-view{display:block !important;left:${width + 10}px !important}`,
  });
}
