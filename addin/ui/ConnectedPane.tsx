import { lazy, Suspense, useSyncExternalStore } from 'react';
import type { PaneController } from '../app/controller';
import { nextStep } from '../app/next-step';
import type { RemoteController } from '../app/remote/controller';
import { Pane } from './Pane';
import { useStrings } from './strings-context';

/**
 * The server section (sign-in, submission, and the reviewers' and province's views) is its own chunk: a
 * clerk checking a workbook does not need it on the first load (issue #14).
 */
const RemoteSection = lazy(() => import('./remote/RemoteSection').then((m) => ({ default: m.RemoteSection })));

/** Binds the controllers' state to the pane; the controllers themselves are plain TypeScript. */
export function ConnectedPane({ controller, remote }: { controller: PaneController; remote?: RemoteController }) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  if (!remote) return <Pane state={state} actions={controller} />;
  return <PaneWithRemote controller={controller} remote={remote} />;
}

/** The pane with the server round trip: the role picks the first tab, the server state the next step. */
function PaneWithRemote({ controller, remote }: { controller: PaneController; remote: RemoteController }) {
  const t = useStrings();
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const rs = useSyncExternalStore(remote.subscribe, remote.getState, remote.getState);
  const userRole = rs.user?.role ?? null;
  const role =
    userRole === null ? null : userRole === 'CLERK' || userRole === 'COLLEGE_CLERK' ? 'school' : 'reviewer';
  const campaign = rs.campaigns.find((c) => c.id === rs.campaignId) ?? null;
  const locked = campaign?.locks.some((l) => l.scope === 'submission' && l.passed) ?? false;
  const step =
    state.report === null || role === 'reviewer'
      ? null
      : nextStep({
          templates: state.summaries.filter((s) => s.recognition.kindId !== null).length,
          errors: state.summaries.reduce((n, s) => n + s.errors, 0),
          signedIn: role === 'school',
          status: rs.submission?.status ?? null,
          locked,
          applications: rs.applications,
          numbersPlaced: rs.numbers?.placed ?? 0,
        });
  const waiting = rs.queue.filter(
    (q) => q.status === 'SUBMITTED' || (userRole === 'PROVINCE_ADMIN' && q.status === 'CITY_APPROVED'),
  ).length;
  return (
    <Pane
      state={state}
      actions={controller}
      remote={{
        role,
        step,
        busy: rs.busy !== null,
        summary: role === 'reviewer' ? t.reviewerSummary(waiting) : undefined,
        node: (
          <Suspense fallback={null}>
            <RemoteSection controller={remote} verdict={state.serverVerdict} />
          </Suspense>
        ),
        onStep: (action) => {
          if (action === 'submit') void remote.submit();
          else if (action === 'apply-numbers') void remote.applyForNumbers();
          else if (action === 'fetch-numbers') void remote.fetchNumbers();
          else void remote.refresh();
        },
      }}
    />
  );
}
