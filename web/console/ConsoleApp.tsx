/**
 * The console's shell: sign-in, the forced change of a one-time password, then the pages by role —
 * progress, numbers and enrollment conflicts for the province and the cities, set-up for the province —
 * for one campaign.
 */
import {
  Body1Strong,
  Button,
  Caption1,
  Dropdown,
  Option,
  Spinner,
  Tab,
  TabList,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { CampaignView, UserView } from '../../contract/api';
import { api, token, whenSignedOut, type Me } from './api';
import { ChangePassword } from './ChangePassword';
import { ConflictsPage } from './ConflictsPage';
import { NumbersPage } from './NumbersPage';
import { ProgressPage } from './ProgressPage';
import { SetupPage } from './SetupPage';
import { SignIn } from './SignIn';

const useStyles = makeStyles({
  page: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    flexWrap: 'nowrap',
  },
  picker: { minWidth: '180px', maxWidth: '320px' },
  grow: { flexGrow: 1 },
  main: { padding: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  muted: { color: tokens.colorNeutralForeground3 },
});

export type CampaignItem = z.infer<typeof CampaignView>;
const CampaignList = z.object({ items: z.array(CampaignView) });

type Page = 'progress' | 'numbers' | 'conflicts' | 'setup' | 'password';

export function ConsoleApp() {
  const styles = useStyles();
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(Boolean(token.get()));
  const [campaigns, setCampaigns] = useState<CampaignItem[]>([]);
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [page, setPage] = useState<Page>('progress');

  const loadCampaigns = useCallback(async () => {
    const r = await api.get('/api/campaigns', CampaignList);
    const items = [...r.items].sort((a, b) => b.year - a.year);
    setCampaigns(items);
    setCampaignId((current) => (current && items.some((c) => c.id === current) ? current : (items[0]?.id ?? null)));
  }, []);

  const enter = useCallback(
    async (user: Me) => {
      setMe(user);
      if (!user.mustChangePassword) await loadCampaigns();
    },
    [loadCampaigns],
  );

  useEffect(() => {
    whenSignedOut(() => setMe(null));
    if (!token.get()) return;
    api
      .get('/api/me', UserView)
      .then(enter)
      .catch(() => token.set(null))
      .finally(() => setLoading(false));
  }, [enter]);

  if (loading) return <Spinner label="正在加载…" />;
  if (!me) return <SignIn onSignedIn={(user) => void enter(user)} />;
  if (me.mustChangePassword) {
    return <ChangePassword forced onChanged={() => void enter({ ...me, mustChangePassword: false })} />;
  }
  if (me.role !== 'PROVINCE_ADMIN' && me.role !== 'CITY_REVIEWER') {
    return (
      <div className={styles.main}>
        <Title3>工作台供省、市教育局使用</Title3>
        <Body1Strong>学校经办人请在 Excel 任务窗格中填报和上报。</Body1Strong>
        <Button onClick={() => void signOut(setMe)}>退出登录</Button>
      </div>
    );
  }
  const campaign = campaigns.find((c) => c.id === campaignId) ?? null;
  const province = me.role === 'PROVINCE_ADMIN';
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <Title3 wrap={false}>验印 · 教育局工作台</Title3>
        <TabList selectedValue={page} onTabSelect={(_e, d) => setPage(d.value as Page)}>
          <Tab value="progress" data-testid="tab-progress">
            工作进度
          </Tab>
          <Tab value="numbers" data-testid="tab-numbers">
            证书编号
          </Tab>
          <Tab value="conflicts" data-testid="tab-conflicts">
            学籍冲突
          </Tab>
          {province && (
            <Tab value="setup" data-testid="tab-setup">
              设置
            </Tab>
          )}
          <Tab value="password" data-testid="tab-password">
            修改密码
          </Tab>
        </TabList>
        <div className={styles.grow} />
        <Dropdown
          aria-label="工作批次"
          className={styles.picker}
          data-testid="campaign-picker"
          placeholder="（尚无工作批次）"
          value={campaign?.name ?? ''}
          selectedOptions={campaignId ? [campaignId] : []}
          onOptionSelect={(_e, d) => setCampaignId(d.optionValue ?? null)}
        >
          {campaigns.map((c) => (
            <Option key={c.id} value={c.id}>
              {c.name}
            </Option>
          ))}
        </Dropdown>
        <Caption1 className={styles.muted} data-testid="who">
          {me.org.name} · {me.displayName ?? me.username}
        </Caption1>
        <Button appearance="subtle" onClick={() => void signOut(setMe)}>
          退出
        </Button>
      </header>
      <main className={styles.main}>
        {page === 'password' && <ChangePassword forced={false} onChanged={() => setPage('progress')} />}
        {page === 'setup' && province && <SetupPage campaign={campaign} onCampaignsChanged={loadCampaigns} />}
        {page !== 'password' && page !== 'setup' && !campaign && <Body1Strong>尚无工作批次。{province ? '请在“设置”中按模板包和年份开启。' : ''}</Body1Strong>}
        {page === 'progress' && campaign && <ProgressPage campaign={campaign} province={province} />}
        {page === 'numbers' && campaign && <NumbersPage campaign={campaign} province={province} />}
        {page === 'conflicts' && campaign && <ConflictsPage campaign={campaign} province={province} />}
      </main>
    </div>
  );
}

async function signOut(setMe: (m: Me | null) => void): Promise<void> {
  await api.post('/api/auth/sign-out').catch(() => undefined);
  token.set(null);
  setMe(null);
}
