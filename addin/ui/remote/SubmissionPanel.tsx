import {
  Badge,
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import type { Issue } from '../../../core/issues/issue';
import type { RemoteActions } from '../../app/remote/controller';
import type { NumberApplication } from '../../app/remote/schemas';
import {
  STATUS_LABEL,
  type NumbersOutcome,
  type OwnSubmission,
  type RemoteTask,
} from '../../app/remote/state';
import { formatTime, useRemoteStyles } from './shared';

const BADGE: Record<OwnSubmission['status'], 'informative' | 'brand' | 'success' | 'warning' | 'subtle'> = {
  DRAFT: 'subtle',
  SUBMITTED: 'brand',
  CITY_APPROVED: 'brand',
  PROVINCE_APPROVED: 'success',
  RETURNED: 'warning',
};

const APPLICATION_STATUS = { PENDING: '待分配', APPROVED: '已分配', REJECTED: '已驳回' } as const;

/**
 * The server's count is from the last submit; once the clerk fixed cells it no longer describes the
 * workbook, so say what is stale instead of repeating it.
 */
function verdictText(
  verdict: { errors: number; warnings: number; remaining: number } | null,
  errors: number,
  warnings: number,
): string {
  if (verdict === null || verdict.errors === 0 || verdict.remaining === verdict.errors)
    return `上次上报时服务器发现 ${errors} 处错误、${warnings} 处警告（已标在单元格中）。`;
  if (verdict.remaining === 0) return `上次上报时服务器发现 ${verdict.errors} 处错误；现已全部修正，可重新上报。`;
  return `上次上报时服务器发现 ${verdict.errors} 处错误；其中 ${verdict.errors - verdict.remaining} 处已修正，还有 ${verdict.remaining} 处。`;
}

/** The school's side: status, the reviewer's comment, "submit", number application and fetching. */
export function SubmissionPanel({
  submission,
  refusal,
  serverIssues,
  verdict = null,
  numbers,
  applications,
  lock,
  busy,
  actions,
}: {
  submission: OwnSubmission | null;
  refusal: string | null;
  serverIssues: Issue[];
  verdict?: { errors: number; warnings: number; remaining: number } | null;
  numbers: NumbersOutcome | null;
  applications: NumberApplication[];
  /** A passed lock date (label + date), when the campaign has one. */
  lock: { label: string; at: string } | null;
  busy: RemoteTask | null;
  actions: Pick<RemoteActions, 'submit' | 'applyForNumbers' | 'fetchNumbers' | 'refresh'>;
}) {
  const styles = useRemoteStyles();
  const status = submission?.status ?? 'DRAFT';
  const editable = status === 'DRAFT' || status === 'RETURNED';
  const approved = status === 'PROVINCE_APPROVED';
  const others = serverIssues.filter((i) => i.code === 'id-duplicate-other-school');
  const errors = serverIssues.filter((i) => i.severity === 'error').length;
  const warnings = serverIssues.length - errors;
  return (
    <div className={styles.column} data-testid="submission-panel" data-status={submission?.status ?? 'NONE'}>
      <div className={styles.row}>
        <Body1>状态：</Body1>
        <Badge appearance="filled" color={BADGE[status]} data-testid="submission-status">
          {submission ? STATUS_LABEL[submission.status] : '尚未上报'}
        </Badge>
        {submission && (
          <Caption1 className={styles.muted}>更新于 {formatTime(submission.updatedAt)}</Caption1>
        )}
      </div>
      {submission?.comment && (
        <MessageBar
          intent={submission.status === 'RETURNED' ? 'warning' : 'info'}
          layout="multiline"
          data-testid="review-comment"
        >
          <MessageBarBody>
            <MessageBarTitle>{submission.status === 'RETURNED' ? '退回意见' : '审核意见'}</MessageBarTitle>
            <span data-testid="review-comment-text">{submission.comment.text}</span>
            <div className={styles.muted}>
              —— {submission.comment.by}，{formatTime(submission.comment.at)}
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {lock && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {lock.label}：数据已于 {formatTime(lock.at)}{' '}
            锁定，不能再上报或修改。如确需更改，请联系上级教育行政部门。
          </MessageBarBody>
        </MessageBar>
      )}
      {/* A refusal for errors the clerk has since fixed would contradict the verdict line below. */}
      {refusal && !(verdict !== null && verdict.errors > 0 && verdict.remaining === 0) && (
        <MessageBar intent="error" layout="multiline" data-testid="submit-refusal">
          <MessageBarBody>
            <MessageBarTitle>未上报</MessageBarTitle>
            {refusal}
          </MessageBarBody>
        </MessageBar>
      )}
      {serverIssues.length > 0 && (
        <Caption1 data-testid="server-issues" data-stale={verdict !== null && verdict.remaining < verdict.errors}>
          {verdictText(verdict, errors, warnings)}
          {others.length > 0 && (
            <>
              {' '}
              与其他学校重复的身份证号：
              {others
                .slice(0, 5)
                .map((i) => `${i.sheet}!${i.address}`)
                .join('、')}
              {others.length > 5 ? ` 等 ${others.length} 处` : ''}。
            </>
          )}
        </Caption1>
      )}
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={busy !== null || !editable}
          onClick={() => void actions.submit()}
          data-testid="submit-button"
        >
          上报教育局
        </Button>
        <Button disabled={busy !== null} onClick={() => void actions.refresh()} data-testid="refresh-button">
          刷新状态
        </Button>
        {busy === 'submit' && <Spinner size="tiny" label="正在上报…" />}
      </div>
      {(approved || applications.length > 0) && (
        <div className={styles.column} data-testid="numbers-panel">
          <Body1>证书编号</Body1>
          {applications.length > 0 && (
            <table className={styles.table} data-testid="own-applications">
              <thead>
                <tr>
                  <th className={styles.cell}>专业</th>
                  <th className={styles.cell}>数量</th>
                  <th className={styles.cell}>状态</th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a) => (
                  <tr key={a.id}>
                    <td className={styles.cell}>{a.major}</td>
                    <td className={styles.cell}>{a.count}</td>
                    <td className={styles.cell}>
                      {APPLICATION_STATUS[a.status]}
                      {a.decisionComment ? `（${a.decisionComment}）` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className={styles.row}>
            <Button
              disabled={busy !== null}
              onClick={() => void actions.applyForNumbers()}
              data-testid="apply-numbers-button"
            >
              申领证书编号
            </Button>
            <Button
              appearance="primary"
              disabled={busy !== null || !approved}
              onClick={() => void actions.fetchNumbers()}
              data-testid="fetch-numbers-button"
            >
              获取证书编号
            </Button>
            {(busy === 'fetch-numbers' || busy === 'apply-numbers') && <Spinner size="tiny" />}
          </div>
          {numbers && (
            <Caption1 data-testid="numbers-outcome">
              已填入 {numbers.placed} 个证书编号（附件2）、{numbers.ranges} 个起止号（附件3）。
              {numbers.unplaced.length > 0 &&
                ` 未能填入 ${numbers.unplaced.length} 个：${numbers.unplaced
                  .slice(0, 3)
                  .map((u) => `${u.name}（${u.reason}）`)
                  .join('；')}`}
              {numbers.rangesMissing.length > 0 &&
                ` 附件3 中 ${numbers.rangesMissing.map((r) => r.major || r.address).join('、')} 没有分配到编号段。`}
            </Caption1>
          )}
        </div>
      )}
    </div>
  );
}
