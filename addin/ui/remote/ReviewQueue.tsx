import { Badge, Body1, Button, Caption1, Field, Spinner, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { RemoteActions } from '../../app/remote/controller';
import type { ReviewQueueItem, Role } from '../../app/remote/schemas';
import { STATUS_LABEL, type OpenedSubmission, type RemoteTask } from '../../app/remote/state';
import { formatTime, useRemoteStyles } from './shared';

/** What the role may approve: the city SUBMITTED, the province CITY_APPROVED (and 区直 SUBMITTED). */
function canApprove(role: Role, item: Pick<ReviewQueueItem, 'status' | 'school'>): boolean {
  if (role === 'CITY_REVIEWER') return item.status === 'SUBMITTED';
  if (role === 'PROVINCE_ADMIN')
    return item.status === 'CITY_APPROVED' || (item.status === 'SUBMITTED' && item.school.cityName === null);
  return false;
}

function canReturn(role: Role, status: ReviewQueueItem['status']): boolean {
  return status === 'SUBMITTED' || (role === 'PROVINCE_ADMIN' && status === 'CITY_APPROVED');
}

/** Reviewers: the queue with error/warning counts; open one into a read-only sheet; approve or return. */
export function ReviewQueue({
  role,
  queue,
  opened,
  busy,
  actions,
}: {
  role: Role;
  queue: ReviewQueueItem[];
  opened: OpenedSubmission | null;
  busy: RemoteTask | null;
  actions: Pick<
    RemoteActions,
    'loadQueue' | 'openSubmission' | 'approve' | 'returnSubmission' | 'downloadAuditSheet'
  >;
}) {
  const styles = useRemoteStyles();
  const current = opened ? queue.find((q) => q.submissionId === opened.view.submission.id) : undefined;
  const openedStatus = current?.status ?? opened?.view.submission.status;
  return (
    <div className={styles.column} data-testid="review-queue">
      <div className={styles.row}>
        <Body1>审核队列（{queue.length}）</Body1>
        <Button
          size="small"
          disabled={busy !== null}
          onClick={() => void actions.loadQueue()}
          data-testid="queue-refresh"
        >
          刷新
        </Button>
        {(busy === 'queue' || busy === 'open') && <Spinner size="tiny" />}
      </div>
      {queue.length === 0 ? (
        <Caption1 className={styles.muted}>暂无待审核的上报数据。</Caption1>
      ) : (
        // Cards, not a 5-column table: a 350 px pane wrapped its headers one character per line.
        <div className={styles.column}>
          {queue.map((q) => (
            <div
              key={q.submissionId}
              className={styles.card}
              data-testid="queue-item"
              data-school={q.school.name}
              data-status={q.status}
            >
              <Body1>{q.school.name}</Body1>
              <div className={styles.row}>
                <Caption1>{STATUS_LABEL[q.status]}</Caption1>
                <Badge
                  appearance={q.errors > 0 ? 'filled' : 'outline'}
                  color={q.errors > 0 ? 'danger' : 'informative'}
                >
                  错误 {q.errors}
                </Badge>
                <Badge appearance="outline" color={q.warnings > 0 ? 'warning' : 'informative'}>
                  警告 {q.warnings}
                </Badge>
              </div>
              <div className={styles.row}>
                <Caption1 className={styles.muted}>上报于 {formatTime(q.submittedAt)}</Caption1>
                <Button
                  size="small"
                  appearance="primary"
                  disabled={busy !== null}
                  onClick={() => void actions.openSubmission(q.submissionId)}
                  data-testid="queue-open"
                >
                  打开
                </Button>
              </div>
            </div>
          ))}
        </div>
      )}
      {opened && openedStatus && (
        <OpenedCard
          key={`${opened.view.submission.id}:${opened.view.submission.version}:${openedStatus}`}
          role={role}
          opened={opened}
          status={openedStatus}
          cityName={current ? current.school.cityName : undefined}
          busy={busy}
          actions={actions}
        />
      )}
    </div>
  );
}

function OpenedCard({
  role,
  opened,
  status,
  cityName,
  busy,
  actions,
}: {
  role: Role;
  opened: OpenedSubmission;
  status: ReviewQueueItem['status'];
  /** undefined when the queue does not list it (then the server decides). */
  cityName: string | null | undefined;
  busy: RemoteTask | null;
  actions: Pick<RemoteActions, 'approve' | 'returnSubmission' | 'downloadAuditSheet'>;
}) {
  const styles = useRemoteStyles();
  const [comment, setComment] = useState('');
  const s = opened.view.submission;
  const approvable =
    cityName === undefined ? true : canApprove(role, { status, school: { ...s.school, cityName } });
  return (
    <div className={styles.card} data-testid="opened-submission" data-status={status}>
      <Body1>
        {s.school.name} · {STATUS_LABEL[status]}
      </Body1>
      <Caption1>
        已写入只读工作表「{opened.sheetName}」：{s.rowCount} 行，错误 {opened.view.report.stats.errors}，警告{' '}
        {opened.view.report.stats.warnings}。{opened.rowsShown ? '' : '（服务器未提供数据行，仅列出问题）'}
      </Caption1>
      <Field label="审核意见（退回时必填）">
        <Textarea
          value={comment}
          onChange={(_, d) => setComment(d.value)}
          resize="vertical"
          data-testid="review-comment-input"
        />
      </Field>
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={busy !== null || !approvable}
          onClick={() => void actions.approve(s.id, comment)}
          data-testid="approve-button"
        >
          审核通过
        </Button>
        <Button
          disabled={busy !== null || !canReturn(role, status)}
          onClick={() => void actions.returnSubmission(s.id, comment)}
          data-testid="return-button"
        >
          退回学校
        </Button>
        {role === 'PROVINCE_ADMIN' && (
          <Button
            appearance="subtle"
            disabled={busy !== null}
            onClick={() => void actions.downloadAuditSheet(s.school.id)}
            data-testid="audit-sheet-button"
          >
            下载附件3 审核表
          </Button>
        )}
      </div>
    </div>
  );
}
