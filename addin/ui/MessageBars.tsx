import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import type { PaneError } from '../app/pane-state';
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
