/**
 * The web workbook's entry: renders the page and the pane's frame at once, then loads the spreadsheet
 * component (its own chunk), opens a blank workbook and offers a draft left in this browser.
 */
import { createRoot } from 'react-dom/client';
import { localeFromLanguage, uiStrings } from '../../addin/i18n';
import { PaneRoot } from '../../addin/ui/PaneRoot';
import { draftStore, type Draft } from './draft-store';
import type { WorkbookSession } from './session';
import { pageStrings } from './strings';
import { WorkbookApp } from './WorkbookApp';

const query = new URLSearchParams(window.location.search);
const locale = localeFromLanguage(query.get('lang') ?? navigator.language);
const strings = pageStrings[locale];
document.documentElement.lang = locale;
document.title = strings.title;

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
const root = createRoot(container);

let session: WorkbookSession | null = null;
let draft: Draft | null = null;
let mounted: (el: HTMLDivElement) => void = () => undefined;
const sheetEl = new Promise<HTMLDivElement>((resolve) => (mounted = resolve));
const sheetRef = (el: HTMLDivElement | null): void => {
  if (el) mounted(el);
};

function render(): void {
  root.render(
    <PaneRoot dark={false} strings={uiStrings(locale)}>
      <WorkbookApp strings={strings} sheetRef={sheetRef} session={session} draft={draft} />
    </PaneRoot>,
  );
}

async function boot(): Promise<void> {
  render();
  const el = await sheetEl;
  const [{ mountSpreadsheet }, { createWorkbookSession }] = await Promise.all([import('./univer-host'), import('./session')]);
  const host = mountSpreadsheet(el, locale === 'en');
  session = createWorkbookSession(host, locale);
  draft = await draftStore.load().catch(() => null);
  (window as unknown as { __yanyinWorkbook?: unknown }).__yanyinWorkbook = { host, session };
  render();
  await session.openBlank();
  await session.remote.start();
}

boot().catch((error: unknown) => {
  console.error('[yanyin] web workbook failed to start', error);
  root.render(<pre style={{ padding: 16, color: '#a4262c' }}>{error instanceof Error ? error.message : String(error)}</pre>);
});
