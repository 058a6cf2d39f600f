import { Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Severity } from '../../core/issues/issue';
import type { IssueFilters as Filters, SheetSummary } from '../app/pane-state';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    '> *': { flex: '1 1 88px', minWidth: 0 },
  },
});

/** Filters by sheet and by severity; lists by kind of problem or by student. */
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
      <Field label={t.filters.groupBy} size="small">
        <Select
          size="small"
          value={filters.groupBy}
          data-testid="filter-group-by"
          onChange={(_, d) => onChange({ groupBy: d.value === 'student' ? 'student' : 'kind' })}
        >
          <option value="kind">{t.filters.byKind}</option>
          <option value="student">{t.filters.byStudent}</option>
        </Select>
      </Field>
    </div>
  );
}
