import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createRemoteController } from '../../app/remote/controller';
import { memoryStorage } from '../../app/remote/session-store';
import type { RemoteState } from '../../app/remote/state';
import { FakePort } from '../../app/testing/fake-port';
import { zhCN } from '../../i18n/zh-CN';
import { PaneRoot } from '../PaneRoot';
import { RemoteSection } from './RemoteSection';

const user = (role: 'CLERK' | 'CITY_REVIEWER' | 'PROVINCE_ADMIN') => ({
  id: 'u1',
  username: 'u',
  displayName: '经办人',
  role,
  mustChangePassword: false,
  org: { id: 'o1', kind: 'SCHOOL' as const, name: '南宁市第一职业技术学校', code: '1' },
});
const campaign = {
  id: 'c1',
  packId: 'gx-zz-2022',
  year: 2022,
  name: '2022年广西中等职业学校毕业证书验印',
  status: 'OPEN' as const,
  receiptDue: null,
  submissionDue: null,
  locks: [],
  series: [],
};

function render(patch: Partial<RemoteState>): string {
  const base = createRemoteController(
    new FakePort(),
    () => Promise.reject(new Error('offline')),
    memoryStorage(),
    { baseUrl: '' },
  );
  const state = { ...base.getState(), ...patch };
  const controller = { ...base, getState: () => state };
  return renderToStaticMarkup(
    <PaneRoot dark={false} strings={zhCN}>
      <RemoteSection controller={controller} />
    </PaneRoot>,
  );
}

describe('RemoteSection', () => {
  it('signed out: the sign-in form, in Chinese', () => {
    const html = render({});
    expect(html).toContain('data-testid="sign-in-form"');
    expect(html).toContain('用户名');
    expect(html).toContain('密码');
  });

  it('a returned submission shows the status, the reviewer’s comment and why the last submit was refused', () => {
    const html = render({
      phase: 'signed-in',
      user: user('CLERK'),
      campaigns: [campaign],
      campaignId: 'c1',
      refusal: '还有 2 处错误，已标在单元格中，请改正后再上报。',
      submission: {
        id: 's1',
        version: 3,
        status: 'RETURNED',
        submittedAt: null,
        updatedAt: '2022-04-20T02:00:00.000Z',
        rowCount: 5,
        errors: 0,
        warnings: 0,
        comment: {
          text: '请核对成绩',
          by: '南宁市教育局 职成科',
          at: '2022-04-20T02:00:00.000Z',
          action: 'RETURN',
        },
        events: [],
      },
      errors: [
        {
          id: 1,
          task: 'submit',
          text: '无法连接验印服务器，请检查网络后重试。工作簿中的数据没有丢失。',
          code: 'network',
          retryable: true,
        },
      ],
    });
    expect(html).toContain('已退回，请修改后重新上报');
    expect(html).toContain('退回意见');
    expect(html).toContain('请核对成绩');
    expect(html).toContain('还有 2 处错误');
    expect(html).toContain('工作簿中的数据没有丢失');
    expect(html).toContain('可直接再试一次');
  });

  it('a passed lock date is announced', () => {
    const html = render({
      phase: 'signed-in',
      user: user('CLERK'),
      campaigns: [
        {
          ...campaign,
          locks: [
            { lockAt: '2022-05-01T00:00:00.000Z', label: '验印数据锁定', scope: 'submission', passed: true },
          ],
        },
      ],
      campaignId: 'c1',
    });
    expect(html).toContain('验印数据锁定：数据已于');
    expect(html).toContain('不能再上报或修改');
  });

  it('reviewers see the queue with error and warning counts; the province also applications and the spot check', () => {
    const queue = [
      {
        submissionId: 's1',
        school: { id: 'o1', name: '南宁市第一职业技术学校', cityName: '南宁市教育局' },
        status: 'SUBMITTED' as const,
        version: 2,
        rowCount: 5,
        errors: 2,
        warnings: 1,
        submittedAt: null,
        updatedAt: '2022-04-20T02:00:00.000Z',
      },
    ];
    const city = render({
      phase: 'signed-in',
      user: user('CITY_REVIEWER'),
      campaigns: [campaign],
      campaignId: 'c1',
      queue,
    });
    expect(city).toContain('审核队列（1）');
    expect(city).toContain('data-testid="queue-item"');
    expect(city).not.toContain('data-testid="province-panel"');
    const province = render({
      phase: 'signed-in',
      user: user('PROVINCE_ADMIN'),
      campaigns: [campaign],
      campaignId: 'c1',
      queue,
      applications: [
        {
          id: 'a1',
          schoolId: 'o1',
          schoolName: '南宁市第一职业技术学校',
          major: '计算机应用',
          count: 5,
          status: 'PENDING',
          appliedAt: '2022-04-20T02:00:00.000Z',
          decidedAt: null,
          decisionComment: null,
        },
      ],
    });
    expect(province).toContain('data-testid="province-panel"');
    expect(province).toContain('1 份待分配');
    expect(province).toContain('抽取 5% 样本并写入工作表');
  });

  it('validates the sign-in form itself (no browser-native English "Please fill out this field.")', () => {
    const html = render({});
    expect(html).toContain('data-testid="sign-in-form"');
    expect(html).toMatch(/<form[^>]*novalidate/i);
  });

  it('calls the server verdict stale once every error it found is fixed, and drops the old refusal', () => {
    const html = renderToStaticMarkup(
      <PaneRoot dark={false} strings={zhCN}>
        <RemoteSection
          controller={fixedController({
            phase: 'signed-in',
            user: user('CLERK'),
            campaigns: [campaign],
            campaignId: 'c1',
            refusal: '还有 9 处错误，已标在单元格中，请改正后再上报。',
            serverIssues: Array.from({ length: 9 }, (_, i) => ({
              code: 'id-checksum',
              severity: 'error' as const,
              sheet: '附件2',
              row: 10 + i,
              column: 4,
              address: `D${10 + i}`,
              params: {},
              message: '校验码错误',
            })),
          })}
          verdict={{ errors: 9, warnings: 0, remaining: 0 }}
        />
      </PaneRoot>,
    );
    expect(html).toContain('上次上报时服务器发现 9 处错误；现已全部修正，可重新上报。');
    expect(html).not.toContain('data-testid="submit-refusal"');
  });
});

function fixedController(patch: Partial<RemoteState>) {
  const base = createRemoteController(new FakePort(), () => Promise.reject(new Error('offline')), memoryStorage(), {
    baseUrl: '',
  });
  const state = { ...base.getState(), ...patch };
  return { ...base, getState: () => state };
}
