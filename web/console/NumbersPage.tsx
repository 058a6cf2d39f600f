/**
 * Certificate numbers: applications (the province allocates after a confirmation that shows the range it
 * will give), the ranges per school and major, voided numbers and 证明书. 起止号 is printed by the same
 * core function as the 审核表 and the task pane.
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
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { formatCertificateRanges } from '../../core/text/certificate-range';
import { api, beijing, errorText } from './api';
import type { z } from 'zod';
import { AllocateResponse, CampaignNumbers } from '../../contract/api';
import type { CampaignItem } from './ConsoleApp';

const useStyles = makeStyles({
  table: { backgroundColor: tokens.colorNeutralBackground1 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

type Numbers = z.infer<typeof CampaignNumbers>;

const APPLICATION_ZH = { PENDING: '待分配', APPROVED: '已分配', REJECTED: '已驳回' } as const;

export function NumbersPage({ campaign, province }: { campaign: CampaignItem; province: boolean }) {
  const styles = useStyles();
  const [data, setData] = useState<Numbers | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Numbers['applications'][number] | null>(null);
  const [allocated, setAllocated] = useState<string | null>(null);
  const load = useCallback(() => {
    api
      .get(`/api/campaigns/${campaign.id}/numbers`, CampaignNumbers)
      .then(setData)
      .catch((e: unknown) => setError(errorText(e)));
  }, [campaign.id]);
  useEffect(load, [load]);

  if (!data) return error ? <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar> : <Spinner label="正在加载…" />;
  const series = data.series[0];
  const preview = (count: number) => (series ? formatCertificateRanges([{ startSerial: series.nextSerial, endSerial: series.nextSerial + count - 1 }], series) : '');

  const allocate = async (application: Numbers['applications'][number]) => {
    setError(null);
    try {
      const r = await api.post(`/api/number-applications/${application.id}/allocate`, {}, AllocateResponse);
      setAllocated(
        `已为“${application.schoolName}”（${application.major}）分配 ${r.range.endSerial - r.range.startSerial + 1} 个编号：${series ? formatCertificateRanges([r.range], series) : ''}`,
      );
      setConfirming(null);
      load();
    } catch (e) {
      setConfirming(null);
      setError(errorText(e));
    }
  };

  return (
    <>
      {series && (
        <Body1>
          证书编号序列 <span className={styles.mono}>{series.prefix}</span>，{series.serialWidth} 位序号；下一个可分配：
          <span className={styles.mono} data-testid="next-number">
            {series.prefix}
            {String(series.nextSerial).padStart(series.serialWidth, '0')}
          </span>
        </Body1>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {allocated && (
        <MessageBar intent="success" data-testid="allocated">
          <MessageBarBody>{allocated}</MessageBarBody>
        </MessageBar>
      )}
      <Title3>编号申领</Title3>
      <Table className={styles.table} size="small" data-testid="applications">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>学校</TableHeaderCell>
            <TableHeaderCell>专业</TableHeaderCell>
            <TableHeaderCell>申领数</TableHeaderCell>
            <TableHeaderCell>申领时间</TableHeaderCell>
            <TableHeaderCell>状态</TableHeaderCell>
            <TableHeaderCell>起止号</TableHeaderCell>
            {province && <TableHeaderCell>操作</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.applications.map((a) => (
            <TableRow key={a.id}>
              <TableCell>{a.schoolName}</TableCell>
              <TableCell>{a.major}</TableCell>
              <TableCell>{a.count}</TableCell>
              <TableCell>{beijing(a.appliedAt)}</TableCell>
              <TableCell>
                <Badge appearance="tint" color={a.status === 'APPROVED' ? 'success' : a.status === 'REJECTED' ? 'danger' : 'warning'}>
                  {APPLICATION_ZH[a.status]}
                </Badge>
              </TableCell>
              <TableCell className={styles.mono}>{a.rangeText ?? '—'}</TableCell>
              {province && (
                <TableCell>
                  {a.status === 'PENDING' && (
                    <Button size="small" appearance="primary" onClick={() => setConfirming(a)} data-testid="allocate">
                      分配…
                    </Button>
                  )}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {data.applications.length === 0 && <Caption1>尚无申领。</Caption1>}

      <Title3>已分配的起止号（按学校、专业）</Title3>
      <Table className={styles.table} size="small" data-testid="ranges">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>学校</TableHeaderCell>
            <TableHeaderCell>专业</TableHeaderCell>
            <TableHeaderCell>编号数</TableHeaderCell>
            <TableHeaderCell>已编排</TableHeaderCell>
            <TableHeaderCell>起止号</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.ranges.map((r) => (
            <TableRow key={`${r.schoolId}|${r.major}`}>
              <TableCell>{r.schoolName}</TableCell>
              <TableCell>{r.major}</TableCell>
              <TableCell>{r.count}</TableCell>
              <TableCell>{r.assigned}</TableCell>
              <TableCell className={styles.mono} data-testid="range-text">
                {r.rangeText}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Title3>作废的编号</Title3>
      {data.voided.length === 0 ? (
        <Caption1>无。</Caption1>
      ) : (
        <Table className={styles.table} size="small" data-testid="voided">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>编号</TableHeaderCell>
              <TableHeaderCell>学校</TableHeaderCell>
              <TableHeaderCell>原因</TableHeaderCell>
              <TableHeaderCell>作废时间</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.voided.map((v) => (
              <TableRow key={v.number}>
                <TableCell className={styles.mono}>{v.number}</TableCell>
                <TableCell>{v.schoolName}</TableCell>
                <TableCell>{v.reason ?? ''}</TableCell>
                <TableCell>{beijing(v.voidedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <Title3>证明书</Title3>
      {data.proofs.length === 0 ? (
        <Caption1>无。</Caption1>
      ) : (
        <Table className={styles.table} size="small" data-testid="proofs">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>证明书编号</TableHeaderCell>
              <TableHeaderCell>原证书编号</TableHeaderCell>
              <TableHeaderCell>学校</TableHeaderCell>
              <TableHeaderCell>原因</TableHeaderCell>
              <TableHeaderCell>日期</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.proofs.map((p) => (
              <TableRow key={`${p.certificateNumber}|${p.issuedAt}`}>
                <TableCell>{p.proofNumber ?? '—'}</TableCell>
                <TableCell className={styles.mono}>{p.certificateNumber}</TableCell>
                <TableCell>{p.schoolName}</TableCell>
                <TableCell>{p.reason}</TableCell>
                <TableCell>{beijing(p.issuedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {confirming && (
        <Dialog open onOpenChange={(_e, d) => !d.open && setConfirming(null)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>确认分配证书编号</DialogTitle>
              <DialogContent>
                <Body1 block as="p">
                  为“{confirming.schoolName}”的专业“{confirming.major}”分配 {confirming.count} 个编号：
                </Body1>
                <Body1 block as="p" className={styles.mono} data-testid="allocate-preview">
                  {preview(confirming.count)}
                </Body1>
                <Caption1 block>分配后不能撤回；如他人同时分配，实际起止号以分配结果为准。</Caption1>
              </DialogContent>
              <DialogActions>
                <Button onClick={() => setConfirming(null)}>取消</Button>
                <Button appearance="primary" onClick={() => void allocate(confirming)} data-testid="allocate-confirm">
                  确认分配
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </>
  );
}
