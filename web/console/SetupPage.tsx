/**
 * The province's set-up: organisations and accounts (the engineer's import sheet by upload, one by hand,
 * disable, reset password) and campaigns (open from a pack and a year; dates). Every change is audited
 * on the server.
 */
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
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
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { CampaignView, CreateCampaignResponse, NewAccount as NewAccountSchema, OrganisationImportResponse, OrganisationList, PackChoices } from '../../contract/api';
import { ApiError, api, beijing, errorText, saveText } from './api';
import type { CampaignItem } from './ConsoleApp';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow2 },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  disabled: { color: tokens.colorNeutralForegroundDisabled, textDecorationLine: 'line-through' },
});

type Org = z.infer<typeof OrganisationList>['items'][number];
type NewAccount = z.infer<typeof NewAccountSchema>;
interface ImportIssue {
  address: string;
  sheet: string;
  message: string;
}

const KIND_ZH = { PROVINCE: '省级', CITY: '市教育局', SCHOOL: '学校', COLLEGE: '高职院校' } as const;

function csv(accounts: NewAccount[]): string {
  const cell = (t: string) => (/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  return ['username,password,role,organisation', ...accounts.map((a) => [a.username, a.password, a.role, a.organisation].map(cell).join(','))].join('\r\n') + '\r\n';
}

async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function SetupPage({ campaign, onCampaignsChanged }: { campaign: CampaignItem | null; onCampaignsChanged: () => Promise<void> }) {
  const styles = useStyles();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<ImportIssue[]>([]);
  const [imported, setImported] = useState<string | null>(null);
  const [newAccounts, setNewAccounts] = useState<NewAccount[]>([]);
  const [password, setPassword] = useState<NewAccount | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    api
      .get('/api/admin/organisations', OrganisationList)
      .then((r) => setOrgs(r.items))
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);

  const upload = async (f: File) => {
    setError(null);
    setIssues([]);
    setImported(null);
    try {
      const r = await api.post('/api/admin/organisations/import', { file: await fileBase64(f), filename: f.name }, OrganisationImportResponse);
      setImported(`已导入 ${f.name}：单位 ${counts(r.organisations)}；账号 ${counts(r.accounts)}。`);
      setNewAccounts(r.newAccounts);
      load();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setIssues((e.body as { issues?: ImportIssue[] }).issues ?? []);
      setError(errorText(e));
    } finally {
      if (file.current) file.current.value = '';
    }
  };

  const act = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
      load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <>
      {error && (
        <MessageBar intent="error" data-testid="setup-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <section className={styles.section}>
        <Title3>单位与账号</Title3>
        <Body1>按模板填写市教育局、学校（含区直学校）和高职院校及其账号后上传。表中有错误时逐格列出，不导入任何数据；重复上传不会重复创建。</Body1>
        <div className={styles.row}>
          <Button onClick={() => void api.download('/api/admin/organisations/template.xlsx', '单位与账号导入模板.xlsx').catch((e: unknown) => setError(errorText(e)))}>下载导入模板</Button>
          <Button appearance="primary" onClick={() => file.current?.click()} data-testid="import-button">
            上传导入表…
          </Button>
          <input
            ref={file}
            type="file"
            accept=".xlsx"
            hidden
            data-testid="import-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void upload(f);
            }}
          />
        </div>
        {issues.length > 0 && (
          <Table size="small" data-testid="import-issues">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>单元格</TableHeaderCell>
                <TableHeaderCell>问题</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {issues.map((i) => (
                <TableRow key={`${i.sheet}!${i.address}|${i.message}`}>
                  <TableCell className={styles.mono}>{i.address}</TableCell>
                  <TableCell>{i.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {imported && (
          <MessageBar intent="success" data-testid="import-result">
            <MessageBarBody>{imported}</MessageBarBody>
          </MessageBar>
        )}
        {newAccounts.length > 0 && (
          <>
            <Body1>新账号的一次性密码（只显示这一次，首次登录须修改）：</Body1>
            <Table size="small" data-testid="new-accounts">
              <TableBody>
                {newAccounts.map((a) => (
                  <TableRow key={a.username}>
                    <TableCell>{a.username}</TableCell>
                    <TableCell className={styles.mono}>{a.password}</TableCell>
                    <TableCell>{a.organisation}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Button onClick={() => saveText('accounts.csv', csv(newAccounts))}>下载 accounts.csv</Button>
          </>
        )}
        <AddOrganisation orgs={orgs} onDone={(f) => void act(f)} />
        <AddAccount orgs={orgs} onAdded={(a) => (setPassword(a), load())} onError={setError} />
        <Table size="small" data-testid="organisations">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>类型</TableHeaderCell>
              <TableHeaderCell>单位</TableHeaderCell>
              <TableHeaderCell>上级</TableHeaderCell>
              <TableHeaderCell>学校标识码</TableHeaderCell>
              <TableHeaderCell>账号</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {orgs.map((o) => (
              <TableRow key={o.id}>
                <TableCell>{KIND_ZH[o.kind]}</TableCell>
                <TableCell>{o.name}</TableCell>
                <TableCell>{o.parentName ?? ''}</TableCell>
                <TableCell>{o.code}</TableCell>
                <TableCell>
                  {o.accounts.map((u) => (
                    <div key={u.id} className={styles.row} data-testid={`account-${u.username}`}>
                      <span className={u.disabled ? styles.disabled : ''}>
                        {u.username}
                        {u.displayName ? `（${u.displayName}）` : ''}
                      </span>
                      {u.mustChangePassword && <Caption1>待改密码</Caption1>}
                      <Button size="small" appearance="subtle" onClick={() => void act(async () => void (await api.post(`/api/admin/accounts/${u.id}/disable`, { disabled: !u.disabled })))} data-testid="toggle-disabled">
                        {u.disabled ? '启用' : '停用'}
                      </Button>
                      <Button
                        size="small"
                        appearance="subtle"
                        data-testid="reset-password"
                        onClick={() => void act(async () => setPassword(await api.post(`/api/admin/accounts/${u.id}/reset-password`, {}, NewAccountSchema)))}
                      >
                        重置密码
                      </Button>
                    </div>
                  ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
      <CampaignSetup campaign={campaign} onChanged={onCampaignsChanged} onError={setError} />
      {password && (
        <Dialog open onOpenChange={(_e, d) => !d.open && setPassword(null)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>一次性密码</DialogTitle>
              <DialogContent>
                <Body1 as="p">
                  账号 {password.username}（{password.organisation}）的一次性密码：
                </Body1>
                <Body1 as="p" className={styles.mono} data-testid="one-time-password">
                  {password.password}
                </Body1>
                <Caption1>只显示这一次；首次登录须修改。</Caption1>
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={() => setPassword(null)}>
                  知道了
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </>
  );
}

type Counts = { created: number; updated: number; unchanged: number };
const counts = (c: Counts) => `新增 ${c.created}，更新 ${c.updated}，未变 ${c.unchanged}`;

function AddOrganisation({ orgs, onDone }: { orgs: Org[]; onDone: (fn: () => Promise<void>) => void }) {
  const styles = useStyles();
  const [kind, setKind] = useState<'CITY' | 'SCHOOL' | 'COLLEGE'>('SCHOOL');
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [parentId, setParentId] = useState('');
  const cities = orgs.filter((o) => o.kind === 'CITY');
  return (
    <div className={styles.row}>
      <Field label="新增单位">
        <Dropdown value={KIND_ZH[kind]} selectedOptions={[kind]} onOptionSelect={(_e, d) => setKind((d.optionValue ?? 'SCHOOL') as typeof kind)}>
          <Option value="CITY">市教育局</Option>
          <Option value="SCHOOL">学校</Option>
          <Option value="COLLEGE">高职院校</Option>
        </Dropdown>
      </Field>
      <Field label="单位名称">
        <Input value={name} onChange={(_e, d) => setName(d.value)} />
      </Field>
      {kind === 'SCHOOL' && (
        <Field label="上级单位">
          <Dropdown value={cities.find((c) => c.id === parentId)?.name ?? '（区直）'} selectedOptions={[parentId]} onOptionSelect={(_e, d) => setParentId(d.optionValue ?? '')}>
            <Option value="">（区直）</Option>
            {cities.map((c) => (
              <Option key={c.id} value={c.id}>
                {c.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      <Field label={kind === 'CITY' ? '行政区划代码（可空）' : '学校标识码'}>
        <Input value={code} onChange={(_e, d) => setCode(d.value)} />
      </Field>
      <Button
        disabled={!name}
        onClick={() =>
          onDone(async () => {
            await api.post('/api/admin/organisations', { kind, name, ...(code ? { code } : {}), ...(kind === 'SCHOOL' && parentId ? { parentId } : {}) });
            setName('');
            setCode('');
          })
        }
      >
        新增
      </Button>
    </div>
  );
}

function AddAccount({ orgs, onAdded, onError }: { orgs: Org[]; onAdded: (a: NewAccount) => void; onError: (t: string) => void }) {
  const styles = useStyles();
  const [orgId, setOrgId] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [phone, setPhone] = useState('');
  const add = async () => {
    try {
      onAdded(await api.post('/api/admin/accounts', { orgId, username, ...(displayName ? { displayName } : {}), ...(phone ? { phone } : {}) }, NewAccountSchema));
      setUsername('');
      setDisplayName('');
      setPhone('');
    } catch (e) {
      onError(errorText(e));
    }
  };
  return (
    <div className={styles.row}>
      <Field label="新增账号：单位">
        <Dropdown value={orgs.find((o) => o.id === orgId)?.name ?? ''} selectedOptions={[orgId]} onOptionSelect={(_e, d) => setOrgId(d.optionValue ?? '')} placeholder="选择单位">
          {orgs.map((o) => (
            <Option key={o.id} value={o.id}>
              {o.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="账号">
        <Input value={username} onChange={(_e, d) => setUsername(d.value)} />
      </Field>
      <Field label="姓名">
        <Input value={displayName} onChange={(_e, d) => setDisplayName(d.value)} />
      </Field>
      <Field label="手机号码">
        <Input value={phone} onChange={(_e, d) => setPhone(d.value)} />
      </Field>
      <Button disabled={!orgId || !username} onClick={() => void add()}>
        新增账号
      </Button>
    </div>
  );
}

/** The date part (Beijing) of a stored deadline, for a date input. */
const dateOf = (iso: string | null | undefined) => (iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : '');

function CampaignSetup({ campaign, onChanged, onError }: { campaign: CampaignItem | null; onChanged: () => Promise<void>; onError: (t: string) => void }) {
  const styles = useStyles();
  const [packs, setPacks] = useState<{ id: string; name: string }[]>([]);
  const [packId, setPackId] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [receiptDue, setReceiptDue] = useState('');
  const [submissionDue, setSubmissionDue] = useState('');
  const [lockAt, setLockAt] = useState('');
  const [opened, setOpened] = useState<string | null>(null);
  const [detail, setDetail] = useState<z.infer<typeof CampaignView> | null>(null);
  const [dates, setDates] = useState({ receiptDue: '', submissionDue: '', lockAt: '' });

  useEffect(() => {
    api
      .get('/api/admin/packs', PackChoices)
      .then((r) => (setPacks(r.items), setPackId((p) => p || (r.items[0]?.id ?? ''))))
      .catch((e: unknown) => onError(errorText(e)));
  }, [onError]);
  const loadDetail = useCallback(() => {
    if (!campaign) return;
    api
      .get(`/api/campaigns/${campaign.id}`, CampaignView)
      .then((d) => {
        setDetail(d);
        setDates({ receiptDue: dateOf(d.receiptDue), submissionDue: dateOf(d.submissionDue), lockAt: dateOf(d.locks.find((l) => l.scope === 'submission')?.lockAt) });
      })
      .catch((e: unknown) => onError(errorText(e)));
  }, [campaign, onError]);
  useEffect(loadDetail, [loadDetail]);

  const open = async () => {
    try {
      const r = await api.post(
        '/api/admin/campaigns',
        {
        packId,
        year: Number(year),
        ...(receiptDue ? { receiptDue } : {}),
        ...(submissionDue ? { submissionDue } : {}),
        ...(lockAt ? { lockAt } : {}),
        },
        CreateCampaignResponse,
      );
      setOpened(r.created ? `已开启“${r.campaign.name}”${r.series ? `，证书编号序列 ${r.series.prefix}` : ''}。` : `“${r.campaign.name}”已存在，未做更改。`);
      await onChanged();
    } catch (e) {
      onError(errorText(e));
    }
  };
  const saveDates = async () => {
    if (!campaign) return;
    try {
      await api.put(`/api/admin/campaigns/${campaign.id}/dates`, {
        receiptDue: dates.receiptDue || null,
        submissionDue: dates.submissionDue || null,
        lockAt: dates.lockAt || null,
      });
      loadDetail();
    } catch (e) {
      onError(errorText(e));
    }
  };
  return (
    <section className={styles.section}>
      <Title3>工作批次</Title3>
      <div className={styles.row}>
        <Field label="模板包">
          <Dropdown value={packs.find((p) => p.id === packId)?.name ?? ''} selectedOptions={[packId]} onOptionSelect={(_e, d) => setPackId(d.optionValue ?? '')} data-testid="campaign-pack">
            {packs.map((p) => (
              <Option key={p.id} value={p.id}>
                {p.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="年份">
          <Input value={year} onChange={(_e, d) => setYear(d.value)} data-testid="campaign-year" />
        </Field>
        <Field label="回执截止">
          <Input type="date" value={receiptDue} onChange={(_e, d) => setReceiptDue(d.value)} />
        </Field>
        <Field label="报送截止">
          <Input type="date" value={submissionDue} onChange={(_e, d) => setSubmissionDue(d.value)} data-testid="campaign-submission-due" />
        </Field>
        <Field label="数据锁定">
          <Input type="date" value={lockAt} onChange={(_e, d) => setLockAt(d.value)} />
        </Field>
        <Button appearance="primary" disabled={!packId || !/^\d{4}$/.test(year)} onClick={() => void open()} data-testid="campaign-open">
          开启工作批次
        </Button>
      </div>
      {opened && (
        <MessageBar intent="success" data-testid="campaign-opened">
          <MessageBarBody>{opened}</MessageBarBody>
        </MessageBar>
      )}
      {detail && (
        <>
          <Body1>
            当前批次“{detail.name}”{detail.series[0] ? `，证书编号序列 ${detail.series[0].prefix}（${detail.series[0].serialWidth} 位序号）` : ''}；报送截止{' '}
            {beijing(detail.submissionDue)}。
          </Body1>
          <div className={styles.row}>
            <Field label="回执截止">
              <Input type="date" value={dates.receiptDue} onChange={(_e, d) => setDates((x) => ({ ...x, receiptDue: d.value }))} />
            </Field>
            <Field label="报送截止">
              <Input type="date" value={dates.submissionDue} onChange={(_e, d) => setDates((x) => ({ ...x, submissionDue: d.value }))} data-testid="dates-submission-due" />
            </Field>
            <Field label="数据锁定">
              <Input type="date" value={dates.lockAt} onChange={(_e, d) => setDates((x) => ({ ...x, lockAt: d.value }))} />
            </Field>
            <Button onClick={() => void saveDates()} data-testid="dates-save">
              保存日期
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
