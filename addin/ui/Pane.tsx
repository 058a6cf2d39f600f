import { Caption1, CounterBadge, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { NextStep } from '../app/next-step';
import type { PaneActions } from '../app/controller';
import type { PaneState } from '../app/pane-state';
import { BusyBar } from './BusyBar';
import { DamagedIdColumns } from './DamagedIdColumns';
import { lazyView } from './lazy-view';
import { ErrorBars } from './MessageBars';
import { NextStepBar, type StepAction } from './NextStepBar';
import { PaneHeader } from './PaneHeader';
import { Section } from './Section';
import { StaleCells } from './StaleCells';
import { StartScreen } from './StartScreen';
import { TemplateInserter } from './TemplateInserter';
import { useStrings } from './strings-context';

// Not needed the moment the pane opens (issue #14): the results appear after the first check, notices
// after the first action. Both download while the worker runs that first check.
const CheckResults = lazyView(() => import('./CheckResults').then((m) => m.CheckResults));
const NoticeToasts = lazyView(() => import('./NoticeToasts').then((m) => m.NoticeToasts));

/** Starts fetching the pane's deferred views; resolves when they are in (then they render synchronously). */
export function preloadPaneViews(): Promise<void> {
  return Promise.all([CheckResults.preload(), NoticeToasts.preload()]).then(() => undefined);
}

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
  tabCount: { marginLeft: tokens.spacingHorizontalXS },
});

/** The server side of the pane, given by the page that composes it (see Workspace). */
export interface PaneRemote {
  /** `reviewer` opens on the queue; `school` and signed-out users on the checks. */
  role: 'school' | 'reviewer' | null;
  /** The server section (sign-in, submission, queue …) shown on its own tab. */
  node: ReactNode;
  /** The clerk's next step computed with the server's state; null for reviewers. */
  step: NextStep | null;
  /** Short line for reviewers ("3 份待审核"). */
  summary?: string;
  busy: boolean;
  onStep: (action: 'submit' | 'apply-numbers' | 'fetch-numbers' | 'refresh') => void;
}

type Tab = 'checks' | 'remote' | 'templates';

/**
 * The whole task pane: data in, callbacks out. The sticky top holds who-am-I-and-what-next (the next
 * step for a clerk) and the tabs; each tab is one tap away and the pane fits a 320–350 px task pane.
 */
export function Pane({ state, actions, remote }: { state: PaneState; actions: PaneActions; remote?: PaneRemote }) {
  const t = useStrings();
  const styles = useStyles();
  const recognised = state.summaries.filter((s) => s.recognition.kindId !== null);
  const total = state.summaries.reduce((n, s) => n + s.errors + s.warnings, 0);
  const errors = state.summaries.reduce((n, s) => n + s.errors, 0);
  const busy = state.busy !== null && state.busy.task !== 'live';
  const role = remote?.role ?? null;
  const [tab, setTab] = useState<Tab>(role === 'reviewer' ? 'remote' : 'checks');
  // A reviewer's day starts with the queue: move there when the sign-in tells us the role.
  useEffect(() => {
    if (role === 'reviewer') setTab('remote');
  }, [role]);
  const blank = state.report !== null && recognised.length === 0;
  const localStep: NextStep | null =
    state.report === null ? null : blank ? { kind: 'start' } : errors > 0 ? { kind: 'fix', errors } : null;
  const step = role === 'reviewer' ? null : (remote ? remote.step : localStep) ?? null;
  const onStep = (action: StepAction) => {
    if (action === 'checks' || action === 'templates' || action === 'remote') {
      // A blank workbook's templates are on its start screen (the checks tab).
      setTab(action === 'templates' && blank ? 'checks' : action);
      return;
    }
    setTab('remote');
    remote?.onStep(action);
  };
  return (
    <main
      className={styles.root}
      data-testid="pane"
      data-phase={state.phase}
      data-busy={state.busy?.task ?? ''}
      data-tab={tab}
      data-role={role ?? ''}
    >
      <div className={styles.sticky}>
        <PaneHeader
          locale={state.locale}
          live={state.live}
          validatedAt={state.validatedAt}
          busy={busy}
          onCheckAgain={() => void actions.validateAll()}
        />
        {step && <NextStepBar step={step} disabled={busy || (remote?.busy ?? false)} onAction={onStep} />}
        {role === 'reviewer' && remote?.summary && (
          <Caption1 data-testid="reviewer-summary">{remote.summary}</Caption1>
        )}
        <TabList
          size="small"
          selectedValue={tab}
          onTabSelect={(_, d) => setTab(d.value as Tab)}
          data-testid="pane-tabs"
        >
          {role === 'reviewer' && remote && (
            <Tab value="remote" data-testid="tab-remote">
              {t.tabs.review}
            </Tab>
          )}
          <Tab value="checks" data-testid="tab-checks">
            {t.tabs.checks}
            {total > 0 && (
              <CounterBadge
                className={styles.tabCount}
                size="small"
                count={errors > 0 ? errors : total}
                color={errors > 0 ? 'danger' : 'informative'}
                overflowCount={999}
              />
            )}
          </Tab>
          {role !== 'reviewer' && remote && (
            <Tab value="remote" data-testid="tab-remote">
              {t.tabs.submit}
            </Tab>
          )}
          <Tab value="templates" data-testid="tab-templates">
            {t.tabs.templates}
          </Tab>
        </TabList>
        <BusyBar busy={state.busy} />
        {/* Errors stay in sight while the clerk scrolls: they are rare and must not be missed. */}
        <ErrorBars errors={state.errors} onDismiss={actions.dismissError} />
      </div>
      <NoticeToasts.View notices={state.notices} onShown={actions.dismissNotice} />
      {tab === 'checks' && (
        <>
          <DamagedIdColumns
            columns={state.damagedIdColumns}
            onSetText={(sheet, cols) => void actions.setIdColumnsToText(sheet, cols)}
          />
          <StaleCells
            cells={state.stale}
            onSelect={(c) => void actions.selectCell(c.sheet, c.address)}
            onClear={actions.clearStale}
          />
          {blank && (
            <StartScreen
              templates={state.templates}
              disabled={busy}
              onInsert={(packId, kindId) => void actions.insertTemplate(packId, kindId)}
            />
          )}
          {state.report && (
            <CheckResults.View
              state={state}
              actions={actions}
              blank={blank}
              recognised={recognised.length}
              total={total}
            />
          )}
        </>
      )}
      {remote && <div hidden={tab !== 'remote'}>{remote.node}</div>}
      {tab === 'templates' && (
        <Section title={t.templates.title} testId="section-templates">
          <TemplateInserter
            templates={state.templates}
            disabled={busy}
            onInsert={(packId, kindId) => void actions.insertTemplate(packId, kindId)}
          />
        </Section>
      )}
    </main>
  );
}
