import { useEffect, useRef } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Toast,
  ToastTitle,
  Toaster,
  useId,
  useToastController,
} from '@fluentui/react-components';
import type { PaneError, PaneNotice } from '../app/pane-state';
import { useStrings } from './strings-context';

/** Every failure stays on screen until the clerk dismisses it: nothing is swallowed. */
export function ErrorBars({ errors, onDismiss }: { errors: PaneError[]; onDismiss: (id: number) => void }) {
  const t = useStrings();
  return (
    <>
      {errors.map((e) => (
        <MessageBar key={e.id} intent="error" layout="multiline" data-testid="pane-error">
          <MessageBarBody>
            <MessageBarTitle>{t.errorTask[e.task]}</MessageBarTitle>
            {e.message}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => onDismiss(e.id)}>
              {t.dismiss}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </>
  );
}

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
            : t.notice.templateInserted(n.sheet ?? '');
      dispatchToast(
        <Toast data-testid="pane-notice">
          <ToastTitle>{text}</ToastTitle>
        </Toast>,
        { intent: 'success', timeout: 4000 },
      );
      onShown(n.id);
    }
  }, [notices, dispatchToast, onShown, t]);
  return <Toaster toasterId={toasterId} position="bottom" limit={3} />;
}
