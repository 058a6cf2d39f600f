import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
  Link,
} from '@fluentui/react-components';
import type { RemoteMessage, RemoteTask } from '../../app/remote/state';

export const TASK_LABEL: Record<RemoteTask, string> = {
  restore: '恢复登录',
  'sign-in': '登录',
  'sign-out': '退出登录',
  load: '读取数据',
  submit: '上报',
  'apply-numbers': '申领证书编号',
  'fetch-numbers': '获取证书编号',
  queue: '读取审核队列',
  open: '打开上报数据',
  approve: '审核通过',
  return: '退回',
  applications: '读取编号申请',
  allocate: '分配编号',
  reject: '驳回申请',
  'spot-check': '抽查',
  download: '下载审核表',
};

export const useRemoteStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  cell: {
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function RemoteMessages({
  errors,
  notices,
  onDismissError,
  onDismissNotice,
}: {
  errors: RemoteMessage[];
  notices: RemoteMessage[];
  onDismissError: (id: number) => void;
  onDismissNotice: (id: number) => void;
}) {
  return (
    <>
      {errors.map((e) => (
        <MessageBar
          key={e.id}
          intent="error"
          layout="multiline"
          data-testid="remote-error"
          data-code={e.code ?? ''}
        >
          <MessageBarBody>
            <MessageBarTitle>{TASK_LABEL[e.task]}未完成</MessageBarTitle>
            {e.text}
            {e.retryable ? ' 可直接再试一次。' : ''}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => onDismissError(e.id)}>
              知道了
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
      {notices.slice(-3).map((n) => (
        <MessageBar key={n.id} intent="success" layout="multiline" data-testid="remote-notice">
          <MessageBarBody>
            {n.text}
            {n.link && (
              <>
                {' '}
                <Link href={n.link.href} target="_blank" rel="noopener noreferrer" data-testid="remote-notice-link">
                  {n.link.label}
                </Link>
              </>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="transparent" onClick={() => onDismissNotice(n.id)}>
              关闭
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </>
  );
}
