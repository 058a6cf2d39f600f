import { Button, Caption1, Field, Input, Link, Spinner } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useRemoteStyles } from './shared';

/** Username + password, right in the pane (no dialog needed). The server address is optional. */
export function SignInPanel({
  busy,
  serverUrl,
  onSignIn,
}: {
  busy: boolean;
  serverUrl: string;
  onSignIn: (username: string, password: string, serverUrl?: string) => void;
}) {
  const styles = useRemoteStyles();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [server, setServer] = useState(serverUrl);
  const [showServer, setShowServer] = useState(false);
  const [tried, setTried] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!username.trim() || !password) return;
    onSignIn(username, password, server);
  };
  return (
    // noValidate: the browser's own "Please fill out this field." would appear in English in a Chinese pane.
    <form className={styles.column} onSubmit={submit} noValidate data-testid="sign-in-form" aria-label="登录验印服务器">
      <Caption1 className={styles.muted}>登录后可将工作簿上报教育局、查看审核意见并获取证书编号。</Caption1>
      <Field
        label="用户名"
        required
        validationMessage={tried && !username.trim() ? '请填写用户名。' : undefined}
      >
        <Input
          value={username}
          onChange={(_, d) => setUsername(d.value)}
          autoComplete="username"
          name="username"
          data-testid="sign-in-username"
        />
      </Field>
      <Field label="密码" required validationMessage={tried && !password ? '请填写密码。' : undefined}>
        <Input
          type="password"
          value={password}
          onChange={(_, d) => setPassword(d.value)}
          autoComplete="current-password"
          name="password"
          data-testid="sign-in-password"
        />
      </Field>
      {showServer ? (
        <Field label="服务器地址" hint="留空表示使用加载项所在的服务器">
          <Input
            value={server}
            onChange={(_, d) => setServer(d.value)}
            placeholder="https://"
            data-testid="sign-in-server"
          />
        </Field>
      ) : (
        <Link as="button" type="button" onClick={() => setShowServer(true)}>
          更改服务器地址{serverUrl ? `（当前：${serverUrl}）` : ''}
        </Link>
      )}
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={busy} data-testid="sign-in-submit">
          登录
        </Button>
        {busy && <Spinner size="tiny" label="正在登录…" />}
      </div>
    </form>
  );
}
