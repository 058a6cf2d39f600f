import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { SheetSummary } from '../app/pane-state';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', width: '4.5em' },
  err: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  total: { fontWeight: tokens.fontWeightSemibold },
});

/** Errors and warnings per recognised sheet, with a total row. */
export function SummaryTable({ summaries }: { summaries: SheetSummary[] }) {
  const t = useStrings();
  const styles = useStyles();
  const rows = summaries.filter((s) => s.recognition.kindId !== null || s.errors + s.warnings > 0);
  const errors = rows.reduce((n, s) => n + s.errors, 0);
  const warnings = rows.reduce((n, s) => n + s.warnings, 0);
  return (
    <Table size="extra-small" aria-label={t.summary.title} data-testid="summary">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t.summary.sheet}</TableHeaderCell>
          <TableHeaderCell className={styles.num}>{t.summary.errors}</TableHeaderCell>
          <TableHeaderCell className={styles.num}>{t.summary.warnings}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((s) => (
          <TableRow key={s.sheet} data-testid="summary-row" data-sheet={s.sheet}>
            <TableCell>{s.sheet}</TableCell>
            <TableCell
              className={mergeClasses(styles.num, s.errors > 0 && styles.err)}
              data-testid="summary-errors"
            >
              {s.errors}
            </TableCell>
            <TableCell
              className={mergeClasses(styles.num, s.warnings > 0 && styles.warn)}
              data-testid="summary-warnings"
            >
              {s.warnings}
            </TableCell>
          </TableRow>
        ))}
        {rows.length > 1 && (
          <TableRow>
            <TableCell className={styles.total}>{t.summary.total}</TableCell>
            <TableCell className={mergeClasses(styles.num, styles.total)}>{errors}</TableCell>
            <TableCell className={mergeClasses(styles.num, styles.total)}>{warnings}</TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}
