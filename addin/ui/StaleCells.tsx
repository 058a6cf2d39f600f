import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useStrings } from './strings-context';

type CellRef = { sheet: string; address: string };

/** Cells a fix left alone because the clerk changed them after the check. */
export function StaleCells({
  cells,
  onSelect,
  onClear,
}: {
  cells: CellRef[];
  onSelect: (c: CellRef) => void;
  onClear: () => void;
}) {
  const t = useStrings();
  if (cells.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="stale-cells">
      <MessageBarBody>
        <MessageBarTitle>{t.stale.title}</MessageBarTitle>
        {cells.slice(0, 50).map((c, i) => (
          <span key={`${c.sheet}!${c.address}`}>
            {i > 0 ? '、' : ''}
            <Link as="button" onClick={() => onSelect(c)}>
              {t.cellRef(c.sheet, c.address)}
            </Link>
          </span>
        ))}
        {cells.length > 50 ? ' …' : ''}
        <div>{t.stale.body}</div>
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onClear}>
          {t.stale.clear}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
