import { Body1, Button, Field, Input, MessageBar, MessageBarBody, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { api, errorText } from './api';

const useStyles = makeStyles({
  card: {
    maxWidth: '420px',
    margin: '10vh auto 0',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow8,
  },
});

/** Everyone's own password; `forced` after signing in with a one-time password. */
export function ChangePassword({ forced, onChanged }: { forced: boolean; onChanged: () => void }) {
  const styles = useStyles();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (next !== again) {
      setError('两次输入的新密码不一致。');
      return;
    }
    try {
      await api.post('/api/auth/change-password', { currentPassword: current, newPassword: next });
      setDone(true);
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className={styles.card} onSubmit={(e) => void submit(e)} data-testid="change-password">
      <Title3>修改密码</Title3>
      {forced && <Body1>您使用的是一次性密码，请先设置自己的密码（至少 8 位，须同时包含字母和数字）。</Body1>}
      <Field label={forced ? '一次性密码' : '当前密码'} required>
        <Input name="current" type="password" value={current} onChange={(_e, d) => setCurrent(d.value)} autoComplete="current-password" />
      </Field>
      <Field label="新密码" required>
        <Input name="new" type="password" value={next} onChange={(_e, d) => setNext(d.value)} autoComplete="new-password" />
      </Field>
      <Field label="再次输入新密码" required>
        <Input name="again" type="password" value={again} onChange={(_e, d) => setAgain(d.value)} autoComplete="new-password" />
      </Field>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {done && !forced && (
        <MessageBar intent="success">
          <MessageBarBody>密码已修改。</MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" type="submit" disabled={!current || !next || !again} data-testid="change-password-submit">
        修改密码
      </Button>
    </form>
  );
}
