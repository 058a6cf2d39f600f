import { Caption1, Divider, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { PaneActions } from '../app/controller';
import type { PaneState } from '../app/pane-state';
import { BusyBar } from './BusyBar';
import { DamagedIdColumns } from './DamagedIdColumns';
import { IssueFilters } from './IssueFilters';
import { IssueGroups } from './IssueGroups';
import { ErrorBars, NoticeToasts } from './MessageBars';
import { PaneHeader } from './PaneHeader';
import { Section } from './Section';
import { SheetRecognitionList } from './SheetRecognitionList';
import { StaleCells } from './StaleCells';
import { SummaryTable } from './SummaryTable';
import { TemplateInserter } from './TemplateInserter';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  sticky: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    paddingBottom: tokens.spacingVerticalXS,
  },
});

/**
 * The whole task pane: data in, callbacks out. `children` is a slot for further sections (the server
 * round trip), shown between the checks and the template buttons.
 */
export function Pane({
  state,
  actions,
  children,
}: {
  state: PaneState;
  actions: PaneActions;
  children?: ReactNode;
}) {
  const t = useStrings();
  const styles = useStyles();
  const recognised = state.summaries.filter((s) => s.recognition.kindId !== null);
  const total = state.summaries.reduce((n, s) => n + s.errors + s.warnings, 0);
  const busy = state.busy !== null && state.busy.task !== 'live';
  return (
    <main
      className={styles.root}
      data-testid="pane"
      data-phase={state.phase}
      data-busy={state.busy?.task ?? ''}
    >
      <div className={styles.sticky}>
        <PaneHeader
          locale={state.locale}
          live={state.live}
          validatedAt={state.validatedAt}
          busy={busy}
          onCheckAgain={() => void actions.validateAll()}
        />
        <BusyBar busy={state.busy} />
        {/* Errors stay in sight while the clerk scrolls: they are rare and must not be missed. */}
        <ErrorBars errors={state.errors} onDismiss={actions.dismissError} />
      </div>
      <NoticeToasts notices={state.notices} onShown={actions.dismissNotice} />
      <DamagedIdColumns
        columns={state.damagedIdColumns}
        onSetText={(sheet, cols) => void actions.setIdColumnsToText(sheet, cols)}
      />
      <StaleCells
        cells={state.stale}
        onSelect={(c) => void actions.selectCell(c.sheet, c.address)}
        onClear={actions.clearStale}
      />
      {state.report && (
        <>
          <Section title={t.summary.title} testId="section-summary">
            {recognised.length === 0 ? (
              <Caption1>{t.summary.noSheets}</Caption1>
            ) : (
              <>
                <SummaryTable summaries={state.summaries} />
                {total === 0 && <Caption1 data-testid="all-good">{t.summary.allGood}</Caption1>}
              </>
            )}
          </Section>
          {total > 0 && (
            <Section title={t.issues.title} testId="section-issues">
              <IssueFilters
                filters={state.filters}
                summaries={state.summaries}
                onChange={actions.setFilters}
              />
              <IssueGroups
                groups={state.groups}
                locale={state.locale}
                showSheet={state.filters.sheet === null}
                selectedKey={state.selectedKey}
                onSelect={(issue) => void actions.selectIssue(issue)}
                onFix={(issue) => void actions.fixIssue(issue)}
                onFixAll={(code) => void actions.fixAll(code)}
              />
            </Section>
          )}
          <Divider />
          <Section title={t.sheets.title} testId="section-sheets">
            <SheetRecognitionList summaries={state.summaries} />
          </Section>
        </>
      )}
      {children}
      <Divider />
      <Section title={t.templates.title} testId="section-templates">
        <TemplateInserter
          templates={state.templates}
          disabled={busy}
          onInsert={(packId, kindId) => void actions.insertTemplate(packId, kindId)}
        />
      </Section>
    </main>
  );
}
