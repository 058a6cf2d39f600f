/**
 * The task pane's entry: waits for Office, reads the host's theme and language (the only Office use
 * outside addin/excel/), then renders the pane and starts the controller. Every failure is shown.
 */
import { createRoot, type Root } from 'react-dom/client';
import { packs } from '../core/templates/registry';
import { createPaneController } from './app/controller';
import type { ValidationEngine } from './app/engine';
import type { RemoteController } from './app/remote';
import { createWorkerEngine } from './app/worker-engine';
import { createExcelPort, officeScriptLoaded, openInBrowserWindow, unsupportedWebview } from './excel';
import { localeFromLanguage, uiStrings } from './i18n';
import { ConnectedPane } from './ui/ConnectedPane';
import { preloadPaneViews } from './ui/Pane';
import { PaneRoot } from './ui/PaneRoot';
import { StartupMessage } from './ui/StartupMessage';

interface HostInfo {
  dark: boolean;
  language: string | null;
}

function hostInfo(): HostInfo {
  // Office.context exists only inside an Office host; a plain browser gets the defaults.
  const context = typeof Office === 'undefined' ? undefined : (Office.context as Office.Context | undefined);
  const query = new URLSearchParams(window.location.search);
  return {
    dark:
      query.get('theme') === 'dark' ||
      (query.get('theme') !== 'light' && context?.officeTheme?.isDarkTheme === true),
    language: query.get('lang') ?? context?.displayLanguage ?? null,
  };
}

/**
 * Validation runs in a Web Worker so the pane stays responsive (a 50,000-row check takes seconds); where
 * there is no Worker, or it cannot start, the same engine runs in this thread.
 */
function validationEngine(): ValidationEngine {
  if (typeof Worker !== 'function') return inThreadEngine();
  return createWorkerEngine({
    spawn: () => new Worker(new URL('./app/validation-worker.ts', import.meta.url), { type: 'module' }),
    fallback: inThreadEngine,
  });
}

/**
 * The in-thread engine, fetched only when it is needed (no usable Worker): the rules and the session are
 * most of the core, and the worker has its own copy, so the pane's first load leaves them out. The packs
 * (the template list) are the worker engine's, loaded with the pane either way.
 */
function inThreadEngine(): ValidationEngine {
  const engine = import('./app/core-engine').then((m) => m.createCoreEngine());
  return {
    packs: () => packs,
    createSession: async (workbook, options) => (await engine).createSession(workbook, options),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

async function boot(root: Root): Promise<void> {
  const loading = uiStrings(localeFromLanguage(navigator.language));
  root.render(
    <PaneRoot dark={false} strings={loading}>
      <StartupMessage state="loading" message={loading.loading} />
    </PaneRoot>,
  );
  if ((await officeScriptLoaded()) === 'none' || typeof Office === 'undefined')
    throw new Error('office.js did not load');
  const info = await Office.onReady();
  const host = hostInfo();
  const locale = localeFromLanguage(host.language);
  const strings = uiStrings(locale);
  document.documentElement.lang = locale;
  if (info.host !== Office.HostType.Excel) {
    root.render(
      <PaneRoot dark={host.dark} strings={strings}>
        <StartupMessage state="failed" message={strings.notInOffice} />
      </PaneRoot>,
    );
    return;
  }
  // The results views download while the worker runs the first check (a failed fetch shows up as the
  // views' own error when they render).
  void preloadPaneViews().catch(() => undefined);
  const port = createExcelPort({ locale });
  const controller = createPaneController({ port, engine: validationEngine(), locale });
  const render = (remote?: RemoteController): void =>
    root.render(
      <PaneRoot dark={host.dark} strings={strings}>
        <ConnectedPane controller={controller} remote={remote} />
      </PaneRoot>,
    );
  render();
  // The round trip with the bureau's server (sign-in, submit, numbers, and the reviewers' and province's
  // views) is its own chunk, fetched while the checks start: a clerk can work before it arrives. It shares
  // the port; numbers it writes into the cells are the add-in's own edits, so the checks are re-run
  // explicitly. The issues a submit comes back with are painted by the pane's controller, which keeps the
  // server-only ones (another school's ID numbers …) listed and highlighted across its live re-checks.
  const remoteStarted = import('./app/remote').then(({ createRemoteController }) => {
    const remote = createRemoteController(
      port,
      (input, init) => window.fetch(input, init),
      window.localStorage,
      {
        afterWrite: () => controller.validateAll(),
        showServerIssues: (issues) => controller.showServerIssues(issues),
        // The 审核表 opens in the system browser where the host can (OpenBrowserWindowApi); otherwise the
        // pane shows the signed link (Excel on the web: a link opens a tab, a late window.open is blocked).
        openUrl: openInBrowserWindow,
      },
    );
    render(remote);
    return remote.start();
  });
  window.addEventListener('pagehide', () => void controller.dispose());
  // Neither start rejects: both put their failures in their own state, shown in the pane. Only fetching
  // the server chunk can fail (the network dropped): the checks go on without the 上报 tab.
  await Promise.all([
    controller.start(),
    remoteStarted.catch((error: unknown) => console.error('[yanyin] the server round trip did not load', error)),
  ]);
}

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
// On a webview the pane cannot run in, the ES5 loader has put its page in #root: leave it there.
if (!unsupportedWebview()) start(createRoot(container));

function start(root: Root): void {
  boot(root).catch((error: unknown) => {
    console.error('[yanyin] startup failed', error);
    const strings = uiStrings(localeFromLanguage(navigator.language));
    root.render(
      <PaneRoot dark={false} strings={strings}>
        <StartupMessage state="failed" title={strings.officeFailed} message={describe(error)} />
      </PaneRoot>,
    );
  });
}
