/**
 * One school's submission, read-only — the same data the Excel pane's review view shows: status and
 * history, every issue at its cell, the rows as submitted — with approve / return for the reviewer whose
 * turn it is (the server decides; its refusal is shown as it says it).
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
  Tab,
  TabList,
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
import { useEffect, useState } from 'react';
import { getPack } from '../../core/templates/registry';
import type { z } from 'zod';
import { SubmissionRowsResponse, SubmissionView } from '../../contract/api';
import { api, beijing, errorText } from './api';
import { STATUS_ZH } from './labels';

const useStyles = makeStyles({
  surface: { maxWidth: '1100px', width: '92vw' },
  scroll: { maxHeight: '50vh', overflowY: 'auto' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  error: { color: tokens.colorPaletteRedForeground1 },
});


const ACTION_ZH: Record<string, string> = { SUBMIT: '上报', APPROVE: '审核通过', RETURN: '退回', WITHDRAW: '撤回' };

/** Column headers as the pack prints them (姓名, 身份证号码 …), by field key. */
function headersOf(packId: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const kind of getPack(packId)?.sheetKinds ?? []) for (const c of kind.columns) if (!map.has(c.key)) map.set(c.key, c.header);
  return map;
}

export function SubmissionDialog({ submissionId, packId, onClose }: { submissionId: string; packId: string; onClose: (changed: boolean) => void }) {
  const styles = useStyles();
  const headers = headersOf(packId);
  const [view, setView] = useState<z.infer<typeof SubmissionView> | null>(null);
  const [rows, setRows] = useState<z.infer<typeof SubmissionRowsResponse> | null>(null);
  const [tab, setTab] = useState<'issues' | 'rows' | 'history'>('issues');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([api.get(`/api/submissions/${submissionId}`, SubmissionView), api.get(`/api/submissions/${submissionId}/rows`, SubmissionRowsResponse)])
      .then(([v, r]) => (setView(v), setRows(r)))
      .catch((e: unknown) => setError(errorText(e)));
  }, [submissionId]);

  const act = async (action: 'approve' | 'return') => {
    setError(null);
    try {
      await api.post(`/api/submissions/${submissionId}/${action}`, { ...(comment.trim() ? { comment: comment.trim() } : {}), version: view?.submission.version });
      onClose(true);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const columns = rows ? [...new Set(rows.items.slice(0, 50).flatMap((r) => Object.keys(r.fields)))].slice(0, 8) : [];
  const canReview = view && (view.submission.status === 'SUBMITTED' || view.submission.status === 'CITY_APPROVED');
  return (
    <Dialog open onOpenChange={(_e, d) => !d.open && onClose(false)}>
      <DialogSurface className={styles.surface} data-testid="submission-dialog">
        <DialogBody>
          <DialogTitle>{view ? `${view.submission.school.name} 的上报数据（只读）` : '上报数据'}</DialogTitle>
          <DialogContent>
            {!view && !error && <Spinner label="正在加载…" />}
            {view && (
              <>
                <Body1 block>
                  状态 <Badge appearance="tint">{STATUS_ZH[view.submission.status]}</Badge>，第 {view.submission.version} 版，{view.submission.rowCount} 行；错误{' '}
                  <span className={view.report.stats.errors ? styles.error : ''}>{view.report.stats.errors}</span> 处，警告 {view.report.stats.warnings} 处；上报于{' '}
                  {beijing(view.submission.submittedAt)}。
                </Body1>
                <TabList selectedValue={tab} onTabSelect={(_e, d) => setTab(d.value as typeof tab)}>
                  <Tab value="issues">问题（{view.report.issues.length}）</Tab>
                  <Tab value="rows">数据行（{rows?.items.length ?? 0}）</Tab>
                  <Tab value="history">审核记录（{view.events.length}）</Tab>
                </TabList>
                <div className={styles.scroll}>
                  {tab === 'issues' && (
                    <Table size="extra-small" data-testid="submission-issues">
                      <TableBody>
                        {view.report.issues.slice(0, 500).map((i, n) => (
                          <TableRow key={n}>
                            <TableCell className={styles.mono}>
                              {i.sheet}!{i.address}
                            </TableCell>
                            <TableCell className={i.severity === 'error' ? styles.error : ''}>{i.severity === 'error' ? '错误' : '警告'}</TableCell>
                            <TableCell>{i.message}</TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  )}
                  {tab === 'rows' && rows && (
                    <Table size="extra-small" data-testid="submission-rows">
                      <TableHeader>
                        <TableRow>
                          <TableHeaderCell>工作表</TableHeaderCell>
                          <TableHeaderCell>行</TableHeaderCell>
                          {columns.map((c) => (
                            <TableHeaderCell key={c}>{headers.get(c) ?? c}</TableHeaderCell>
                          ))}
                        </TableRow>
                      </TableHeader>
                      <TableBody>
                        {rows.items.slice(0, 500).map((r) => (
                          <TableRow key={`${r.sheet}|${r.row}`}>
                            <TableCell>{r.sheet}</TableCell>
                            <TableCell>{r.row}</TableCell>
                            {columns.map((c) => (
                              <TableCell key={c}>{String(r.fields[c] ?? '')}</TableCell>
                            ))}
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  )}
                  {tab === 'history' && (
                    <Table size="extra-small">
                      <TableBody>
                        {view.events.map((e, n) => (
                          <TableRow key={n}>
                            <TableCell>{beijing(e.at)}</TableCell>
                            <TableCell>{ACTION_ZH[e.action] ?? e.action}</TableCell>
                            <TableCell>
                              {e.actor.orgName} {e.actor.displayName ?? ''}
                            </TableCell>
                            <TableCell>{e.comment ?? ''}</TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  )}
                </div>
                {canReview && (
                  <Field label="审核意见（退回时必填）">
                    <Textarea value={comment} onChange={(_e, d) => setComment(d.value)} data-testid="review-comment" />
                  </Field>
                )}
                <Caption1>在 Excel 任务窗格中也可打开同一份数据逐格查看。</Caption1>
              </>
            )}
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => onClose(false)}>关闭</Button>
            {canReview && (
              <>
                <Button onClick={() => void act('return')} data-testid="review-return">
                  退回
                </Button>
                <Button appearance="primary" onClick={() => void act('approve')} data-testid="review-approve">
                  审核通过
                </Button>
              </>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
