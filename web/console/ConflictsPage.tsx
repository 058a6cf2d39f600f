/**
 * 学籍冲突 (issue #8): a student a school listed although another school already has them approved or
 * numbered. Reviewers see both sides — the city the cases touching its schools, the province all — and the
 * province decides each case once: 接受转学 (the student moved: the listing school's error goes, the holding
 * school's row becomes a transferred-out record) or 驳回 (the row stays an error). The ID number is shown
 * masked; the school clerks never see this page (they only learn that the ID is held elsewhere).
 */
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { EnrollmentConflictList, type EnrollmentConflictDecision } from '../../contract/api';
import { api, beijing, errorText } from './api';
import type { CampaignItem } from './ConsoleApp';

const useStyles = makeStyles({
  table: { backgroundColor: tokens.colorNeutralBackground1 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  side: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

type Conflict = z.infer<typeof EnrollmentConflictList>['items'][number];
type Status = Conflict['status'];
type Decision = z.infer<typeof EnrollmentConflictDecision>['decision'];
type Side = Conflict['claiming'];

const STATUS_ZH: Record<Status, string> = { OPEN: '待处理', TRANSFER_ACCEPTED: '已接受转学', REFUSED: '已驳回' };

const DECISION_ZH: Record<Decision, string> = { 'accept-transfer': '接受转学', refuse: '驳回' };

/** 450103********1234: enough to tell cases apart, not the whole number on a shared screen. */
export function maskIdNumber(id: string): string {
  return id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : id;
}

export function ConflictsPage({ campaign, province }: { campaign: CampaignItem; province: boolean }) {
  const styles = useStyles();
  const [items, setItems] = useState<Conflict[] | null>(null);
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<{ conflict: Conflict; decision: Decision } | null>(null);
  const [comment, setComment] = useState('');

  const load = useCallback(() => {
    api
      .get(`/api/campaigns/${campaign.id}/enrollment-conflicts${onlyOpen ? '?status=OPEN' : ''}`, EnrollmentConflictList)
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)));
  }, [campaign.id, onlyOpen]);
  useEffect(load, [load]);

  const decide = async () => {
    if (!deciding || !comment.trim()) return;
    setError(null);
    try {
      await api.post(`/api/enrollment-conflicts/${deciding.conflict.id}/resolve`, { decision: deciding.decision, comment: comment.trim() });
      setDone(`已${DECISION_ZH[deciding.decision]}：${deciding.conflict.claiming.schoolName} ← ${deciding.conflict.holding.schoolName}（${maskIdNumber(deciding.conflict.idNumber)}）`);
      setDeciding(null);
      setComment('');
      load();
    } catch (e) {
      setDeciding(null);
      setError(errorText(e));
    }
  };

  if (!items) return error ? <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar> : <Spinner label="正在加载…" />;
  return (
    <>
      <Body1>
        学校上报的学生已在其他学校审核通过或已编证书号时，上报学校不能上报该学生，审核也不能通过，直至自治区（省）教育厅处理。
        {province ? '接受转学：上报学校的错误即时解除，原学校该生不再计为毕业生（已编号作废）；驳回：仍为错误。' : '由自治区（省）教育厅处理。'}
      </Body1>
      <Switch label="只看待处理" checked={onlyOpen} onChange={(_e, d) => setOnlyOpen(d.checked)} data-testid="conflicts-only-open" />
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {done && (
        <MessageBar intent="success" data-testid="conflict-decided">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
      {items.length === 0 ? (
        <Body1 data-testid="conflicts-empty">{onlyOpen ? '没有待处理的学籍冲突。' : '没有学籍冲突。'}</Body1>
      ) : (
        <Table className={styles.table} size="small" data-testid="conflicts">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>身份证号</TableHeaderCell>
              <TableHeaderCell>上报学校（申请列入）</TableHeaderCell>
              <TableHeaderCell>已在学校</TableHeaderCell>
              <TableHeaderCell>发现时间</TableHeaderCell>
              <TableHeaderCell>状态</TableHeaderCell>
              {province && <TableHeaderCell>处理</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((c) => (
              <TableRow key={c.id} data-testid="conflict-row">
                <TableCell className={styles.mono}>{maskIdNumber(c.idNumber)}</TableCell>
                <TableCell>
                  <SideCell side={c.claiming} detail={c.claiming.students.map((s) => `${s.sheet} 第 ${s.row} 行`).join('、') || '（已不在当前上报数据中）'} />
                </TableCell>
                <TableCell>
                  <SideCell
                    side={c.holding}
                    detail={c.holding.certificateNumbers.length > 0 ? `证书编号 ${c.holding.certificateNumbers.join('、')}` : c.holdingReason === 'NUMBERED' ? '已编号' : '已审核通过'}
                  />
                </TableCell>
                <TableCell>{beijing(c.detectedAt)}</TableCell>
                <TableCell>
                  <div className={styles.side}>
                    <Badge appearance="tint" color={c.status === 'OPEN' ? 'warning' : c.status === 'REFUSED' ? 'danger' : 'success'} data-testid="conflict-status">
                      {STATUS_ZH[c.status]}
                    </Badge>
                    {c.resolvedAt && (
                      <Caption1 className={styles.muted}>
                        {beijing(c.resolvedAt)} {c.resolvedBy ?? ''}：{c.resolutionComment ?? ''}
                      </Caption1>
                    )}
                  </div>
                </TableCell>
                {province && (
                  <TableCell>
                    {c.status === 'OPEN' && (
                      <div className={styles.actions}>
                        <Button size="small" appearance="primary" onClick={() => setDeciding({ conflict: c, decision: 'accept-transfer' })} data-testid="conflict-accept">
                          接受转学
                        </Button>
                        <Button size="small" onClick={() => setDeciding({ conflict: c, decision: 'refuse' })} data-testid="conflict-refuse">
                          驳回
                        </Button>
                      </div>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Dialog open={deciding !== null} onOpenChange={(_e, d) => (d.open ? null : setDeciding(null))}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{deciding ? DECISION_ZH[deciding.decision] : ''}</DialogTitle>
            <DialogContent>
              {deciding && (
                <Body1>
                  {deciding.decision === 'accept-transfer'
                    ? `确认该学生已从“${deciding.conflict.holding.schoolName}”转入“${deciding.conflict.claiming.schoolName}”：后者的错误即时解除；前者该生不再计为毕业生，已编的证书编号作废。`
                    : `确认该学生不属于“${deciding.conflict.claiming.schoolName}”：该行仍为错误，学校须删除后重新上报。`}
                </Body1>
              )}
              <Field label="处理意见（必填）" required>
                <Textarea value={comment} onChange={(_e, d) => setComment(d.value)} data-testid="conflict-comment" />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={!comment.trim()} onClick={() => void decide()} data-testid="conflict-confirm">
                确定
              </Button>
              <Button onClick={() => setDeciding(null)}>取消</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}

function SideCell({ side, detail }: { side: Side; detail: string }) {
  const styles = useStyles();
  return (
    <div className={styles.side}>
      <span>{side.schoolName}</span>
      <Caption1>
        {side.students.map((s) => s.name).filter(Boolean).join('、') || '—'} · {detail}
      </Caption1>
    </div>
  );
}
