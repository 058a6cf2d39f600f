import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type DragEvent } from 'react';
import { ConnectedPane } from '../../addin/ui/ConnectedPane';
import { draftStore, type Draft } from './draft-store';
import type { WorkbookSession } from './session';
import { looksLikeXlsx } from './xlsx-sniff';
import type { PageStrings } from './strings';

function download(bytes: ArrayBuffer, fileName: string): void {
  const url = URL.createObjectURL(
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName.toLowerCase().endsWith('.xlsx') ? fileName : `${fileName}.xlsx`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const describe = (e: unknown): string => (e instanceof Error ? e.message || e.name : String(e));

/** The page: a toolbar, the spreadsheet (mounted by main.tsx into `sheetRef`) and the pane beside it. */
export function WorkbookApp({
  strings,
  sheetRef,
  session,
  draft,
}: {
  strings: PageStrings;
  sheetRef: (el: HTMLDivElement | null) => void;
  session: WorkbookSession | null;
  draft: Draft | null;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [offer, setOffer] = useState<Draft | null>(draft);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setOffer(draft), [draft]);
  const noop = useCallback(() => () => undefined, []);
  const controller = useSyncExternalStore(session?.subscribe ?? noop, () => session?.controller() ?? null);

  const openFile = async (file: File): Promise<void> => {
    if (!session) return;
    setError(null);
    setBusy(strings.opening(file.name));
    try {
      const bytes = await file.arrayBuffer();
      if (!looksLikeXlsx(bytes)) throw new Error(strings.notXlsx(file.name));
      await session.openBytes(file.name, bytes);
      setOffer(null);
    } catch (e) {
      setError(e instanceof Error && e.message.startsWith('「') ? e.message : strings.openFailed(file.name, describe(e)));
    } finally {
      setBusy(null);
    }
  };

  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void openFile(file);
  };

  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', height: '100%' }}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '6px 10px', borderBottom: '1px solid #ddd' }}>
        <Text weight="semibold">{strings.title}</Text>
        <Button appearance="primary" disabled={!session} onClick={() => input.current?.click()} data-testid="open-file">
          {strings.open}
        </Button>
        <input
          ref={input}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          style={{ display: 'none' }}
          data-testid="file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openFile(file);
          }}
        />
        <Button
          disabled={!session}
          data-testid="download"
          onClick={() =>
            void session
              ?.saveBytes()
              .then((bytes) => download(bytes, session.fileName()))
              .catch((e: unknown) => setError(describe(e)))
          }
        >
          {strings.download}
        </Button>
        <Text size={200} style={{ color: '#666' }} data-testid="file-name">
          {session?.fileName() ?? ''}
        </Text>
        {busy && <Spinner size="tiny" label={busy} />}
      </div>
      {offer && (
        <MessageBar intent="info" data-testid="draft-offer">
          <MessageBarBody>{strings.draftFound(offer.fileName, new Date(offer.savedAt).toLocaleString())}</MessageBarBody>
          <MessageBarActions>
            <Button
              data-testid="restore-draft"
              onClick={() => {
                setOffer(null);
                void session?.restore(offer).catch((e: unknown) => setError(describe(e)));
              }}
            >
              {strings.restore}
            </Button>
            <Button
              onClick={() => {
                setOffer(null);
                void draftStore.clear();
              }}
            >
              {strings.discard}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error" data-testid="page-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <div style={{ flex: 1, minWidth: 0, position: 'relative', outline: dragging ? '3px dashed #0f6cbd' : 'none' }}>
          <div ref={sheetRef} style={{ position: 'absolute', inset: 0 }} data-testid="sheet" />
          {!session && (
            <div style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center' }}>
              <Spinner label={strings.loadingSheet} />
            </div>
          )}
        </div>
        <aside style={{ width: 380, borderLeft: '1px solid #ddd', overflow: 'auto' }} data-testid="pane-column">
          {session && controller && (
            <ConnectedPane controller={controller} remote={session.remote} />
          )}
        </aside>
      </div>
    </div>
  );
}
