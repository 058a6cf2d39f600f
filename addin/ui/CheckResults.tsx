import { Caption1, Divider } from '@fluentui/react-components';
import type { PaneActions } from '../app/controller';
import type { PaneState } from '../app/pane-state';
import { IssueFilters } from './IssueFilters';
import { IssueGroups } from './IssueGroups';
import { Section } from './Section';
import { SheetRecognitionList } from './SheetRecognitionList';
import { SummaryTable } from './SummaryTable';
import { useStrings } from './strings-context';

/**
 * What the checks tab shows once there is a report: the summary, the issues and how each sheet was
 * recognised. Its own chunk (with the table, accordion and select it uses, and the issue titles): it
 * downloads while the worker runs the first check (see Pane's `preloadPaneViews`).
 */
export function CheckResults({
  state,
  actions,
  blank,
  recognised,
  total,
}: {
  state: PaneState;
  actions: PaneActions;
  /** A workbook without templates: only the sheets list (the start screen says the rest). */
  blank: boolean;
  /** Recognised sheets. */
  recognised: number;
  /** Errors + warnings. */
  total: number;
}) {
  const t = useStrings();
  return (
    <>
      {!blank && (
        <>
          <Section title={t.summary.title} testId="section-summary">
            <SummaryTable summaries={state.summaries} />
            {total === 0 && <Caption1 data-testid="all-good">{t.summary.allGood}</Caption1>}
          </Section>
          {total > 0 && (
            <Section title={t.issues.title} testId="section-issues">
              <IssueFilters filters={state.filters} summaries={state.summaries} onChange={actions.setFilters} />
              <IssueGroups
                groups={state.groups}
                locale={state.locale}
                packIssues={state.packIssues}
                showSheet={state.filters.sheet === null && recognised > 1}
                selectedKey={state.selectedKey}
                onSelect={(issue) => void actions.selectIssue(issue)}
                onFix={(issue) => void actions.fixIssue(issue)}
                onFixAll={(code) => void actions.fixAll(code)}
              />
            </Section>
          )}
        </>
      )}
      <Divider />
      <Section title={t.sheets.title} testId="section-sheets">
        <SheetRecognitionList summaries={state.summaries} />
      </Section>
    </>
  );
}
