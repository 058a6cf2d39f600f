import { Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Severity } from '../../core/issues/issue';
import type { IssueFilters as Filters, SheetSummary } from '../app/pane-state';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, '> *': { flex: '1 1 0', minWidth: 0 } },
});

/** Filters by sheet and by severity. */
export function IssueFilters({
  filters,
  summaries,
  onChange,
}: {
  filters: Filters;
  summaries: SheetSummary[];
  onChange: (patch: Partial<Filters>) => void;
}) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <Field label={t.filters.sheet} size="small">
        <Select
          size="small"
          value={filters.sheet ?? ''}
          data-testid="filter-sheet"
          onChange={(_, d) => onChange({ sheet: d.value === '' ? null : d.value })}
        >
          <option value="">{t.filters.allSheets}</option>
          {summaries.map((s) => (
            <option key={s.sheet} value={s.sheet}>
              {s.sheet}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t.filters.severity} size="small">
        <Select
          size="small"
          value={filters.severity}
          data-testid="filter-severity"
          onChange={(_, d) =>
            onChange({
              severity: d.value === 'error' || d.value === 'warning' ? (d.value as Severity) : 'all',
            })
          }
        >
          <option value="all">{t.filters.all}</option>
          <option value="error">{t.filters.error}</option>
          <option value="warning">{t.filters.warning}</option>
        </Select>
      </Field>
    </div>
  );
}
