import { Button, Field, Input, MessageBar, MessageBarBody, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { SignInResponse } from '../../contract/api';
import { api, errorText, token, type Me } from './api';

const useStyles = makeStyles({
  page: { minHeight: '100vh', display: 'flex', justifyContent: 'center', alignItems: 'flex-start', paddingTop: '10vh', backgroundColor: tokens.colorNeutralBackground2 },
  card: {
    width: '360px',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow8,
  },
});

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const styles = useStyles();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api.post('/api/auth/sign-in', { username: username.trim(), password }, SignInResponse);
      token.set(r.token);
      onSignedIn(r.user);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={styles.page}>
      <form className={styles.card} onSubmit={(e) => void submit(e)}>
        <Title2>验印 · 教育局工作台</Title2>
        <Field label="账号" required>
          <Input name="username" value={username} onChange={(_e, d) => setUsername(d.value)} autoComplete="username" />
        </Field>
        <Field label="密码" required>
          <Input name="password" type="password" value={password} onChange={(_e, d) => setPassword(d.value)} autoComplete="current-password" />
        </Field>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        <Button appearance="primary" type="submit" disabled={busy || !username || !password} data-testid="sign-in">
          登录
        </Button>
      </form>
    </div>
  );
}
