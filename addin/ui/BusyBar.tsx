import { Field, ProgressBar } from '@fluentui/react-components';
import type { BusyState } from '../app/pane-state';
import { useStrings } from './strings-context';

/** One progress bar for whatever long work runs; indeterminate until the port reports a total. */
export function BusyBar({ busy }: { busy: BusyState | null }) {
  const t = useStrings();
  if (!busy) return null;
  const known = busy.done !== null && busy.total !== null && busy.total > 0;
  const label = known
    ? `${t.task[busy.task]} ${t.progressCount(busy.done ?? 0, busy.total ?? 0)}`
    : `${t.task[busy.task]}…`;
  return (
    <Field validationMessage={label} validationState="none" data-testid="busy">
      <ProgressBar value={known ? (busy.done ?? 0) / (busy.total ?? 1) : undefined} thickness="large" />
    </Field>
  );
}
