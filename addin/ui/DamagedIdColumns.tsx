import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { DamagedIdColumn } from '../app/pane-state';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalXS,
    flexWrap: 'wrap',
  },
  explain: { marginTop: tokens.spacingVerticalXS },
});

/** The one damage no fix can undo: explain it and offer the text format before re-entry. */
export function DamagedIdColumns({
  columns,
  onSetText,
}: {
  columns: DamagedIdColumn[];
  onSetText: (sheet: string, columns: number[]) => void;
}) {
  const t = useStrings();
  const styles = useStyles();
  if (columns.length === 0) return null;
  return (
    <MessageBar intent="error" layout="multiline" data-testid="damaged-ids">
      <MessageBarBody>
        <MessageBarTitle>{t.damaged.title}</MessageBarTitle>
        <div className={styles.explain}>{t.damaged.body}</div>
        {columns.map((c) => (
          <div key={`${c.sheet}!${c.column}`} className={styles.row}>
            <span>{t.damaged.column(c.sheet, c.header, c.cells.length)}</span>
            {c.textFormatSet ? (
              <span>{t.damaged.textSet}</span>
            ) : (
              <Button size="small" appearance="primary" onClick={() => onSetText(c.sheet, [c.column])}>
                {t.damaged.setText}
              </Button>
            )}
          </div>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}
