/**
 * Where the year stands: summary, charts (lazy-loaded: ECharts is large and only this page needs it), and
 * the per-school table — sortable, filterable, exportable as .xlsx — with "reopen" for the province.
 */
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  Link,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Option,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { api, beijing, errorText } from './api';
import {
  CampaignProgress as CampaignProgressSchema,
  type CampaignProgressView as CampaignProgress,
  type SchoolProgressView as SchoolProgress,
} from '../../contract/api';
import type { ProgressStatus } from '../../server/use-cases/progress-status';
import type { CampaignItem } from './ConsoleApp';
import { STATUS_ORDER, STATUS_ZH } from './labels';
import { SubmissionDialog } from './SubmissionDialog';

const ProgressCharts = lazy(() => import('./ProgressCharts'));

const useStyles = makeStyles({
  cards: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  card: { padding: tokens.spacingHorizontalL, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow2, minWidth: '140px' },
  big: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold },
  filters: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  table: { backgroundColor: tokens.colorNeutralBackground1 },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  sortable: { cursor: 'pointer', userSelect: 'none' },
});

type SortKey = 'cityName' | 'name' | 'status' | 'errors' | 'warnings' | 'applied' | 'allocated' | 'days';
const SUBMITTED: ProgressStatus[] = ['SUBMITTED', 'CITY_APPROVED', 'PROVINCE_APPROVED'];

function sortValue(s: SchoolProgress, key: SortKey): number | string {
  switch (key) {
    case 'status':
      return STATUS_ORDER.indexOf(s.status);
    case 'days':
      return s.nextDeadline?.days ?? Number.MAX_SAFE_INTEGER;
    case 'errors':
    case 'warnings':
      return s[key] ?? -1;
    default:
      return s[key];
  }
}

export function ProgressPage({ campaign, province }: { campaign: CampaignItem; province: boolean }) {
  const styles = useStyles();
  const [data, setData] = useState<CampaignProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<ProgressStatus | ''>('');
  const [city, setCity] = useState<string | null>(null);
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'cityName', dir: 1 });
  const [reopen, setReopen] = useState<SchoolProgress | null>(null);
  const [opened, setOpened] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    api
      .get(`/api/campaigns/${campaign.id}/progress`, CampaignProgressSchema)
      .then(setData)
      .catch((e: unknown) => setError(errorText(e)));
  }, [campaign.id]);
  useEffect(load, [load]);

  const rows = useMemo(() => {
    if (!data) return [];
    const q = search.trim();
    const picked = data.schools.filter(
      (s) =>
        (!q || s.name.includes(q) || s.code.includes(q)) &&
        (status === '' || s.status === status) &&
        (city === null || (s.cityId ?? '') === city) &&
        (!onlyOverdue || s.overdue.length > 0),
    );
    return picked.sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN')) * sort.dir;
    });
  }, [data, search, status, city, onlyOverdue, sort]);

  if (error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{error}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!data) return <Spinner label="正在加载进度…" />;

  const header = (key: SortKey, label: string) => (
    <TableHeaderCell
      className={styles.sortable}
      sortDirection={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}
      onClick={() => setSort((s) => ({ key, dir: s.key === key ? ((-s.dir) as 1 | -1) : 1 }))}
      data-testid={`sort-${key}`}
    >
      {label}
    </TableHeaderCell>
  );
  const cities = data.byCity.map((c) => ({ id: c.cityId ?? '', name: c.cityName }));
  const overdue = data.schools.filter((s) => s.overdue.length > 0).length;
  const exportAs = (only: 'all' | 'not-submitted' | 'overdue') =>
    void api
      .download(`/api/campaigns/${campaign.id}/progress.xlsx?only=${only}${city !== null ? `&cityId=${city}` : ''}`, '进度.xlsx')
      .catch((e: unknown) => setError(errorText(e)));

  return (
    <>
      <div className={styles.cards} data-testid="progress-summary">
        <div className={styles.card}>
          <Caption1>学校</Caption1>
          <div className={styles.big}>{data.schools.length}</div>
        </div>
        <div className={styles.card}>
          <Caption1>已上报</Caption1>
          <div className={styles.big}>{data.schools.filter((s) => SUBMITTED.includes(s.status)).length}</div>
        </div>
        <div className={styles.card}>
          <Caption1>省厅已审核</Caption1>
          <div className={styles.big}>{data.byStatus.PROVINCE_APPROVED}</div>
        </div>
        <div className={styles.card}>
          <Caption1>逾期</Caption1>
          <div className={`${styles.big} ${overdue ? styles.overdue : ''}`} data-testid="overdue-count">
            {overdue}
          </div>
        </div>
        <div className={styles.card}>
          <Caption1>报送截止</Caption1>
          <div>
            <Body1>{beijing(data.campaign.submissionDue)}</Body1>
          </div>
          <Caption1>回执截止 {beijing(data.campaign.receiptDue)}</Caption1>
        </div>
      </div>
      <Suspense fallback={<Spinner label="正在加载图表…" />}>
        <ProgressCharts progress={data} />
      </Suspense>
      <Title3>{data.scope === 'province' ? '各校进度（全省）' : '各校进度（本市）'}</Title3>
      <div className={styles.filters}>
        <Field label="搜索学校">
          <Input value={search} onChange={(_e, d) => setSearch(d.value)} placeholder="名称或学校标识码" data-testid="filter-search" />
        </Field>
        <Field label="状态">
          <Dropdown
            value={status ? STATUS_ZH[status] : '全部'}
            selectedOptions={[status]}
            onOptionSelect={(_e, d) => setStatus((d.optionValue ?? '') as ProgressStatus | '')}
            data-testid="filter-status"
          >
            <Option value="">全部</Option>
            {STATUS_ORDER.map((st) => (
              <Option key={st} value={st}>
                {STATUS_ZH[st]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {province && (
          <Field label="市">
            <Dropdown
              value={city === null ? '全部' : (cities.find((c) => c.id === city)?.name ?? '')}
              selectedOptions={[city ?? '*']}
              onOptionSelect={(_e, d) => setCity(d.optionValue === '*' ? null : (d.optionValue ?? null))}
              data-testid="filter-city"
            >
              <Option value="*">全部</Option>
              {cities.map((c) => (
                <Option key={c.id} value={c.id}>
                  {c.name}
                </Option>
              ))}
            </Dropdown>
          </Field>
        )}
        <Checkbox label="只看逾期" checked={onlyOverdue} onChange={(_e, d) => setOnlyOverdue(Boolean(d.checked))} data-testid="filter-overdue" />
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button data-testid="export">导出 .xlsx</Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem onClick={() => exportAs('all')}>全部学校</MenuItem>
              <MenuItem onClick={() => exportAs('not-submitted')} data-testid="export-not-submitted">
                未上报的学校
              </MenuItem>
              <MenuItem onClick={() => exportAs('overdue')}>逾期的学校</MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
        <Caption1>显示 {rows.length} / {data.schools.length} 所</Caption1>
      </div>
      <Table className={styles.table} size="small" aria-label="各校进度" data-testid="progress-table">
        <TableHeader>
          <TableRow>
            {header('cityName', '市')}
            {header('name', '学校')}
            {data.hasReceipt && <TableHeaderCell>回执</TableHeaderCell>}
            {header('status', '状态')}
            {header('errors', '错误')}
            {header('warnings', '警告')}
            {header('applied', '申领')}
            {header('allocated', '已分配')}
            {header('days', '下一截止')}
            {province && <TableHeaderCell>操作</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.slice(0, 500).map((s) => (
            <TableRow key={s.id} data-testid="progress-row">
              <TableCell>{s.cityName}</TableCell>
              <TableCell>
                {s.submissionId ? (
                  <Link onClick={() => setOpened(s.submissionId)} data-testid="open-submission">
                    {s.name}
                  </Link>
                ) : (
                  s.name
                )}
                <Caption1> {s.code}</Caption1>
              </TableCell>
              {data.hasReceipt && <TableCell>{s.receipt ? '已交' : <span className={s.overdue.includes('回执') ? styles.overdue : ''}>未交</span>}</TableCell>}
              <TableCell>{STATUS_ZH[s.status]}</TableCell>
              <TableCell>{s.errors ?? '—'}</TableCell>
              <TableCell>{s.warnings ?? '—'}</TableCell>
              <TableCell>{s.applied}</TableCell>
              <TableCell>{s.allocated}</TableCell>
              <TableCell>
                {s.nextDeadline ? (
                  <span className={s.overdue.length ? styles.overdue : ''}>
                    {s.nextDeadline.label} {s.nextDeadline.days >= 0 ? `还有 ${s.nextDeadline.days} 天` : `逾期 ${-s.nextDeadline.days} 天`}
                  </span>
                ) : (
                  '—'
                )}
                {s.reopenedUntil && <Caption1>（已重新开放至 {beijing(s.reopenedUntil)}）</Caption1>}
              </TableCell>
              {province && (
                <TableCell>
                  {s.overdue.includes('报送') && (
                    <Button size="small" onClick={() => setReopen(s)} data-testid="reopen">
                      重新开放
                    </Button>
                  )}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {rows.length > 500 && <Caption1>只显示前 500 所；请用筛选缩小范围，或导出 .xlsx。</Caption1>}
      {opened && <SubmissionDialog submissionId={opened} packId={campaign.packId} onClose={(changed) => (setOpened(null), changed && load())} />}
      {reopen && <ReopenDialog campaignId={campaign.id} school={reopen} onClose={(changed) => (setReopen(null), changed && load())} />}
    </>
  );
}

function ReopenDialog({ campaignId, school, onClose }: { campaignId: string; school: SchoolProgress; onClose: (changed: boolean) => void }) {
  const [until, setUntil] = useState(() => new Date(Date.now() + 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10));
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    try {
      await api.post(`/api/campaigns/${campaignId}/schools/${school.id}/reopen`, { until });
      onClose(true);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Dialog open onOpenChange={(_e, d) => !d.open && onClose(false)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>为“{school.name}”重新开放上报</DialogTitle>
          <DialogContent>
            <Field label="开放至（当日结束，北京时间）">
              <Input type="date" value={until} onChange={(_e, d) => setUntil(d.value)} />
            </Field>
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => onClose(false)}>取消</Button>
            <Button appearance="primary" onClick={() => void confirm()} data-testid="reopen-confirm">
              重新开放
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
