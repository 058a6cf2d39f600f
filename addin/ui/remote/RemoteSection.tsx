import {
  Body1,
  Button,
  Caption1,
  Divider,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';
import type { RemoteController } from '../../app/remote/controller';
import { ROLE_LABEL } from '../../app/remote/state';
import { ProvincePanel } from './ProvincePanel';
import { ReviewQueue } from './ReviewQueue';
import { RemoteMessages, useRemoteStyles } from './shared';
import { SignInPanel } from './SignInPanel';
import { SubmissionPanel } from './SubmissionPanel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
});

export interface RemoteSectionProps {
  /** From `createRemoteController(port, fetch, localStorage, options)`; call its `start()` once. */
  controller: RemoteController;
  /** The last submit's server verdict measured against the cells now (see PaneState.serverVerdict). */
  verdict?: { errors: number; warnings: number; remaining: number } | null;
}

/**
 * Everything the pane does with the bureau's server, by role: sign in; the school's submission and
 * certificate numbers; the city's review queue; the province's approvals, number allocation, spot check
 * and 审核表 downloads.
 */
export function RemoteSection({ controller, verdict = null }: RemoteSectionProps) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
  const styles = useStyles();
  const shared = useRemoteStyles();
  const user = state.user;
  const campaign = state.campaigns.find((c) => c.id === state.campaignId) ?? null;
  const lock = campaign?.locks.find((l) => l.scope === 'submission' && l.passed) ?? null;
  const school = user?.role === 'CLERK' || user?.role === 'COLLEGE_CLERK';
  return (
    <section
      className={styles.root}
      data-testid="remote-section"
      data-phase={state.phase}
      data-busy={state.busy ?? ''}
      aria-label="上报与审核"
    >
      <div className={styles.header}>
        <Subtitle2 as="h2">上报与审核</Subtitle2>
        {user && (
          <Button
            size="small"
            appearance="subtle"
            disabled={state.busy !== null}
            onClick={() => void controller.signOut()}
            data-testid="sign-out-button"
          >
            退出登录
          </Button>
        )}
      </div>
      <RemoteMessages
        errors={state.errors}
        notices={state.notices}
        onDismissError={controller.dismissError}
        onDismissNotice={controller.dismissNotice}
      />
      {state.phase === 'signed-out' || !user ? (
        <SignInPanel
          busy={state.busy === 'sign-in' || state.busy === 'restore'}
          serverUrl={state.serverUrl}
          onSignIn={(u, p, s) => void controller.signIn(u, p, s)}
        />
      ) : (
        <>
          <Caption1 data-testid="signed-in-as">
            {user.displayName ?? user.username} · {ROLE_LABEL[user.role]} · {user.org.name}
          </Caption1>
          {state.campaigns.length > 1 ? (
            <Select
              value={state.campaignId ?? ''}
              onChange={(_, d) => void controller.selectCampaign(d.value)}
              aria-label="工作批次"
            >
              {state.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          ) : (
            <Body1>{campaign?.name ?? '没有可用的工作批次'}</Body1>
          )}
          {campaign?.submissionDue && (
            <Caption1 className={shared.muted}>上报截止：{campaign.submissionDue.slice(0, 10)}</Caption1>
          )}
          <Divider />
          {school && (
            <SubmissionPanel
              submission={state.submission}
              refusal={state.refusal}
              serverIssues={state.serverIssues}
              verdict={verdict}
              numbers={state.numbers}
              applications={state.applications}
              lock={lock ? { label: lock.label, at: lock.lockAt } : null}
              busy={state.busy}
              actions={controller}
            />
          )}
          {(user.role === 'CITY_REVIEWER' || user.role === 'PROVINCE_ADMIN') && (
            <ReviewQueue
              role={user.role}
              queue={state.queue}
              opened={state.opened}
              busy={state.busy}
              actions={controller}
            />
          )}
          {user.role === 'PROVINCE_ADMIN' && (
            <>
              <Divider />
              <ProvincePanel
                applications={state.applications}
                series={campaign?.series ?? []}
                queue={state.queue}
                spotChecks={state.spotChecks}
                busy={state.busy}
                actions={controller}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
