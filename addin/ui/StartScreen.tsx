import { Body1, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { TemplateChoice } from '../app/pane-state';
import { TemplateInserter } from './TemplateInserter';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** A workbook without any template: where to start (the blank templates, the guide), not an error. */
export function StartScreen({
  templates,
  disabled,
  onInsert,
}: {
  templates: TemplateChoice[];
  disabled: boolean;
  onInsert: (packId: string, kindId: string) => void;
}) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <section className={styles.root} data-testid="start-screen" aria-label={t.start.title}>
      <Subtitle2 as="h2">{t.start.title}</Subtitle2>
      <Body1>{t.start.body}</Body1>
      <TemplateInserter templates={templates} disabled={disabled} onInsert={onInsert} />
      <details data-testid="start-guide">
        <summary>{t.start.guide}</summary>
        <Caption1 className={styles.muted}>{t.start.guideBody}</Caption1>
      </details>
    </section>
  );
}
