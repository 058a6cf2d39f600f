import { Button, Caption1Strong, makeStyles, tokens } from '@fluentui/react-components';
import type { TemplateChoice } from '../app/pane-state';

const useStyles = makeStyles({
  pack: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    marginBottom: tokens.spacingVerticalS,
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** One button per attachment of every pack: writes the official blank template into a new sheet. */
export function TemplateInserter({
  templates,
  disabled,
  onInsert,
}: {
  templates: TemplateChoice[];
  disabled: boolean;
  onInsert: (packId: string, kindId: string) => void;
}) {
  const styles = useStyles();
  return (
    <div data-testid="templates">
      {templates.map((p) => (
        <div key={p.packId} className={styles.pack}>
          <Caption1Strong>{p.packName}</Caption1Strong>
          <div className={styles.buttons}>
            {p.kinds.map((k) => (
              <Button
                key={k.kindId}
                size="small"
                disabled={disabled}
                title={`${k.attachment} ${k.title}`}
                data-testid="insert-template"
                data-pack={p.packId}
                data-kind={k.kindId}
                onClick={() => onInsert(p.packId, k.kindId)}
              >
                {k.attachment === k.title ? k.title : `${k.attachment} ${k.title}`}
              </Button>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
