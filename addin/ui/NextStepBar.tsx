import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { NextStep } from '../app/next-step';
import { STATUS_LABEL } from '../app/remote/state';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
  },
  error: { backgroundColor: tokens.colorPaletteRedBackground1 },
  done: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  text: { flex: '1 1 auto', minWidth: 0, wordBreak: 'break-word' },
  action: { flexShrink: 0, whiteSpace: 'nowrap' },
});

export type StepAction = 'checks' | 'templates' | 'remote' | 'submit' | 'apply-numbers' | 'fetch-numbers' | 'refresh';

/** What the step says and which button goes with it. */
function describeStep(
  step: NextStep,
  t: ReturnType<typeof useStrings>,
): { text: string; action: StepAction | null; label: string | null } {
  switch (step.kind) {
    case 'start':
      return { text: t.next.start, action: 'templates', label: t.next.startAction };
    case 'fix':
      return { text: t.next.fix(step.errors), action: 'checks', label: t.next.fixAction };
    case 'sign-in':
      return { text: t.next.signIn, action: 'remote', label: t.next.signInAction };
    case 'submit':
      return { text: step.resubmit ? t.next.resubmit : t.next.submit, action: 'submit', label: t.next.submitAction };
    case 'wait-review':
      return { text: t.next.waitReview(STATUS_LABEL[step.status]), action: 'refresh', label: t.next.refresh };
    case 'apply-numbers':
      return { text: t.next.applyNumbers, action: 'apply-numbers', label: t.next.applyAction };
    case 'wait-numbers':
      return { text: t.next.waitNumbers, action: 'refresh', label: t.next.refresh };
    case 'fetch-numbers':
      return { text: t.next.fetchNumbers, action: 'fetch-numbers', label: t.next.fetchAction };
    case 'done':
      return { text: t.next.done, action: null, label: null };
    case 'locked':
      return { text: t.next.locked, action: null, label: null };
  }
}

/** The clerk's one next step, kept in the sticky header. */
export function NextStepBar({
  step,
  disabled,
  onAction,
}: {
  step: NextStep;
  disabled: boolean;
  onAction: (action: StepAction) => void;
}) {
  const t = useStrings();
  const styles = useStyles();
  const d = describeStep(step, t);
  const tone = step.kind === 'fix' ? styles.error : step.kind === 'done' ? styles.done : undefined;
  return (
    <div
      className={tone ? `${styles.root} ${tone}` : styles.root}
      role="status"
      data-testid="next-step"
      data-step={step.kind}
    >
      <Caption1 className={styles.text}>
        <strong>{t.next.title}{t.next.colon}</strong>
        {d.text}
      </Caption1>
      {d.action !== null && d.label !== null && (
        <Button
          size="small"
          appearance="primary"
          className={styles.action}
          disabled={disabled}
          data-testid="next-step-action"
          onClick={() => onAction(d.action as StepAction)}
        >
          {d.label}
        </Button>
      )}
    </div>
  );
}
