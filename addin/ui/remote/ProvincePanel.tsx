import { Body1, Button, Caption1, Field, Input, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import type { RemoteActions } from '../../app/remote/controller';
import type { Campaign, NumberApplication, ReviewQueueItem, SpotCheckList } from '../../app/remote/schemas';
import type { RemoteTask } from '../../app/remote/state';
import { formatTime, useRemoteStyles } from './shared';

const APPLICATION_STATUS = { PENDING: '待分配', APPROVED: '已分配', REJECTED: '已驳回' } as const;

/** The province: number applications (allocate / reject), the 5% spot check, 附件3 审核表 downloads. */
export function ProvincePanel({
  applications,
  series = [],
  queue,
  spotChecks,
  busy,
  actions,
}: {
  applications: NumberApplication[];
  /** The campaign's number series (prefix, width, next free serial) for the allocation preview. */
  series?: Campaign['series'];
  queue: ReviewQueueItem[];
  spotChecks: SpotCheckList['items'];
  busy: RemoteTask | null;
  actions: Pick<
    RemoteActions,
    'loadApplications' | 'allocate' | 'rejectApplication' | 'drawSpotCheck' | 'downloadAuditSheet'
  >;
}) {
  const styles = useRemoteStyles();
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  // The server carves ranges from one counter (no gaps, no overlaps): the start is the next free
  // number, not a choice. Preview it when the campaign has exactly one series.
  const only = series.length === 1 ? series[0] : undefined;
  const preview = (count: number): string => {
    if (!only || only.nextSerial === undefined)
      return `将分配 ${count} 个连续编号，从编号段中下一个可用的号开始。`;
    const fmt = (n: number) => `${only.prefix}${String(n).padStart(only.serialWidth, '0')}`;
    return `将分配 ${count} 个连续编号：${fmt(only.nextSerial)} – ${fmt(only.nextSerial + count - 1)}（编号按顺序从下一个可用的号开始，不能自选起始号，以免出现空号或重叠）。`;
  };
  const [reason, setReason] = useState('');
  const approvedSchools = queue.filter((q) => q.status === 'PROVINCE_APPROVED');
  return (
    <div className={styles.column} data-testid="province-panel">
      <div className={styles.row}>
        <Body1>证书编号申请（{applications.filter((a) => a.status === 'PENDING').length} 份待分配）</Body1>
        <Button
          size="small"
          disabled={busy !== null}
          onClick={() => void actions.loadApplications()}
          data-testid="applications-refresh"
        >
          刷新
        </Button>
        {(busy === 'allocate' || busy === 'applications') && <Spinner size="tiny" />}
      </div>
      {applications.length === 0 ? (
        <Caption1 className={styles.muted}>暂无申请。</Caption1>
      ) : (
        <div className={styles.column}>
          {applications.map((a) => (
            <div key={a.id} className={styles.card} data-testid="application" data-major={a.major} data-status={a.status}>
              <Body1>
                {a.schoolName ?? '—'} · {a.major}
              </Body1>
              <Caption1>
                {a.count} 个编号 · {APPLICATION_STATUS[a.status]} · {formatTime(a.decidedAt ?? a.appliedAt)}
              </Caption1>
              {a.status === 'PENDING' && confirming !== a.id && (
                <div className={styles.row}>
                  <Button
                    size="small"
                    appearance="primary"
                    disabled={busy !== null}
                    onClick={() => setConfirming(a.id)}
                    data-testid="allocate-button"
                  >
                    分配…
                  </Button>
                  <Button size="small" disabled={busy !== null} onClick={() => setRejecting(a.id)}>
                    驳回
                  </Button>
                </div>
              )}
              {a.status === 'PENDING' && confirming === a.id && (
                <div className={styles.column} data-testid="allocate-confirm">
                  <Caption1 data-testid="allocate-preview">{preview(a.count)}</Caption1>
                  <div className={styles.row}>
                    <Button
                      size="small"
                      appearance="primary"
                      disabled={busy !== null}
                      onClick={() => {
                        setConfirming(null);
                        void actions.allocate(a.id);
                      }}
                      data-testid="allocate-confirm-button"
                    >
                      确认分配
                    </Button>
                    <Button size="small" appearance="subtle" onClick={() => setConfirming(null)}>
                      取消
                    </Button>
                  </div>
                </div>
              )}
            </div>
          ))}
        </div>
      )}
      {rejecting && (
        <div className={styles.card}>
          <Field label="驳回意见（必填）">
            <Input value={reason} onChange={(_, d) => setReason(d.value)} />
          </Field>
          <div className={styles.row}>
            <Button
              disabled={busy !== null || !reason.trim()}
              onClick={() => {
                void actions.rejectApplication(rejecting, reason);
                setRejecting(null);
                setReason('');
              }}
            >
              确认驳回
            </Button>
            <Button appearance="subtle" onClick={() => setRejecting(null)}>
              取消
            </Button>
          </div>
        </div>
      )}

      <Body1>抽查</Body1>
      <div className={styles.row}>
        <Button
          disabled={busy !== null}
          onClick={() => void actions.drawSpotCheck()}
          data-testid="spot-check-button"
        >
          抽取 5% 样本并写入工作表
        </Button>
        {busy === 'spot-check' && <Spinner size="tiny" />}
      </div>
      {spotChecks.length > 0 && (
        <Caption1 className={styles.muted}>
          已抽取 {spotChecks.length} 份样本，最近一次 {formatTime(spotChecks[spotChecks.length - 1]?.drawnAt)}
          。
        </Caption1>
      )}

      <Body1>附件3 验印审核表</Body1>
      {approvedSchools.length === 0 ? (
        <Caption1 className={styles.muted}>审核通过的学校可在此下载已填好起止号的审核表。</Caption1>
      ) : (
        <div className={styles.column}>
          {approvedSchools.map((q) => (
            <div key={q.submissionId} className={styles.row}>
              <Caption1>{q.school.name}</Caption1>
              <Button
                size="small"
                appearance="subtle"
                disabled={busy !== null}
                onClick={() => void actions.downloadAuditSheet(q.school.id)}
                data-testid="download-audit-sheet"
              >
                下载 .xlsx
              </Button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
