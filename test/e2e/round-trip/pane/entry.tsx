/**
 * Stand-in for addin/main.tsx WITH the remote section mounted exactly as the report's mount instructions
 * say — used by the round-trip test only while addin/main.tsx does not mount it yet (see build.ts).
 */
import { createRoot } from 'react-dom/client';
import { createPaneController } from '../../../../addin/app/controller';
import { createCoreEngine } from '../../../../addin/app/core-engine';
import { createRemoteController } from '../../../../addin/app/remote';
import { createExcelPort } from '../../../../addin/excel';
import { uiStrings } from '../../../../addin/i18n';
import { ConnectedPane } from '../../../../addin/ui/ConnectedPane';
import { PaneRoot } from '../../../../addin/ui/PaneRoot';
import { RemoteSection } from '../../../../addin/ui/remote';

async function boot(): Promise<void> {
  await Office.onReady();
  const port = createExcelPort();
  const controller = createPaneController({ port, engine: createCoreEngine(), locale: 'zh-CN' });
  const remote = createRemoteController(port, (input, init) => window.fetch(input, init), window.localStorage, {
    afterWrite: () => controller.validateAll(),
  });
  const container = document.getElementById('root');
  if (!container) throw new Error('#root missing');
  createRoot(container).render(
    <PaneRoot dark={false} strings={uiStrings('zh-CN')}>
      <div style={{ padding: 12, borderBottom: '1px solid #ddd' }}>
        <RemoteSection controller={remote} />
      </div>
      <ConnectedPane controller={controller} />
    </PaneRoot>,
  );
  window.addEventListener('pagehide', () => void controller.dispose());
  await Promise.all([controller.start(), remote.start()]);
}

boot().catch((error: unknown) => console.error('[yanyin] startup failed', error));
