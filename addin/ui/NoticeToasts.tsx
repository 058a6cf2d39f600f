import { Toast, ToastTitle, Toaster, useId, useToastController } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { PaneNotice } from '../app/pane-state';
import { useStrings } from './strings-context';

/**
 * Successes are transient: each notice becomes a toast once and is then dropped from the state. Errors
 * are not toasts — they stay (ErrorBars) until dismissed.
 */
export function NoticeToasts({ notices, onShown }: { notices: PaneNotice[]; onShown: (id: number) => void }) {
  const t = useStrings();
  const toasterId = useId('notices');
  const { dispatchToast } = useToastController(toasterId);
  const shown = useRef(new Set<number>());
  useEffect(() => {
    for (const n of notices) {
      if (shown.current.has(n.id)) continue;
      shown.current.add(n.id);
      const text =
        n.kind === 'fixed'
          ? t.notice.fixed(n.count ?? 0)
          : n.kind === 'text-format'
            ? t.notice.textFormat(n.sheet ?? '')
            : n.kind === 'read-capped'
              ? t.notice.readCapped(n.sheet ?? '', n.count ?? 0)
              : t.notice.templateInserted(n.sheet ?? '');
      // A sheet not read to its end is a warning the clerk must act on: it stays until closed.
      const warning = n.kind === 'read-capped';
      dispatchToast(
        <Toast data-testid="pane-notice">
          <ToastTitle>{text}</ToastTitle>
        </Toast>,
        warning ? { intent: 'warning', timeout: -1 } : { intent: 'success', timeout: 4000 },
      );
      onShown(n.id);
    }
  }, [notices, dispatchToast, onShown, t]);
  return <Toaster toasterId={toasterId} position="bottom" limit={3} />;
}
