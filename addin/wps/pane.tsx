/**
 * The pane inside WPS 表格: the same controller, components and server round trip as the Excel pane, on
 * the WPS port. WPS runs the page in its Chromium shell with the ET object model as `window.Application`
 * (or `wps.EtApplication()`); outside WPS the page says so instead of showing a blank pane.
 */
import { createRoot } from 'react-dom/client';
import { createPaneController } from '../app/controller';
import { createCoreEngine } from '../app/core-engine';
import { createRemoteController } from '../app/remote';
import { localeFromLanguage, uiStrings } from '../i18n';
import { ConnectedPane } from '../ui/ConnectedPane';
import { PaneRoot } from '../ui/PaneRoot';
import { StartupMessage } from '../ui/StartupMessage';
import { openUrlInWps } from './open-url';
import { createWpsPort } from './wps-port';

type EtApp = Parameters<typeof createWpsPort>[0] extends () => infer A ? A : never;

function etApplication(): EtApp | null {
  const w = window as unknown as { Application?: EtApp; wps?: { EtApplication?: () => EtApp } };
  return w.Application ?? w.wps?.EtApplication?.() ?? null;
}

const locale = localeFromLanguage(new URLSearchParams(window.location.search).get('lang') ?? navigator.language);
const strings = uiStrings(locale);
const container = document.getElementById('root');
if (!container) throw new Error('#root missing from pane.html');
const root = createRoot(container);

const app = etApplication();
if (!app) {
  root.render(
    <PaneRoot dark={false} strings={strings}>
      <StartupMessage state="failed" message="此页面需在 WPS 表格的“验印”加载项中打开。" />
    </PaneRoot>,
  );
} else {
  const port = createWpsPort(() => etApplication() ?? app, { locale });
  // WPS's calls are synchronous and its shell has one thread for the page: the checks run in it too.
  const controller = createPaneController({ port, engine: createCoreEngine(), locale });
  const remote = createRemoteController(port, (input, init) => window.fetch(input, init), window.localStorage, {
    partitionKey: 'wps',
    afterWrite: () => controller.validateAll(),
    showServerIssues: (issues) => controller.showServerIssues(issues),
    openUrl: openUrlInWps,
  });
  root.render(
    <PaneRoot dark={false} strings={strings}>
      <ConnectedPane controller={controller} remote={remote} />
    </PaneRoot>,
  );
  window.addEventListener('pagehide', () => void controller.dispose());
  void Promise.all([controller.start(), remote.start()]);
}
