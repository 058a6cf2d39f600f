import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { LookUpResponse } from '../../addin/app/remote/schemas';
import { failureText, type Mode } from './look-up-text';

const useStyles = makeStyles({
  page: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, display: 'flex', justifyContent: 'center', padding: '32px 16px', boxSizing: 'border-box' },
  card: {
    width: '100%',
    maxWidth: '560px',
    alignSelf: 'flex-start',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow8,
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  details: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

export type LookUpFn = (q: { name?: string; studentNumber?: string; certificateNumber?: string }) => Promise<LookUpResponse>;

type Outcome = { kind: 'result'; result: LookUpResponse } | { kind: 'error'; text: string } | null;

/** 姓名 + 证书编号, or 姓名 + 国家学籍号 → genuine or not, with the minimum details (never an ID number). */
export function LookupApp({ lookUp, initialMode = 'number' }: { lookUp: LookUpFn; initialMode?: Mode }) {
  const styles = useStyles();
  const [mode, setMode] = useState<Mode>(initialMode);
  const [name, setName] = useState('');
  const [studentNumber, setStudentNumber] = useState('');
  const [certificateNumber, setCertificateNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [hint, setHint] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setHint(null);
    if (mode === 'student' && (!name.trim() || !studentNumber.trim())) return setHint('请填写姓名和国家学籍号。');
    if (mode === 'number' && (!name.trim() || !certificateNumber.trim())) return setHint('请填写持证人姓名和证书编号。');
    setBusy(true);
    setOutcome(null);
    try {
      const result = await lookUp(
        mode === 'student'
          ? { name: name.trim(), studentNumber: studentNumber.trim() }
          : { name: name.trim(), certificateNumber: certificateNumber.trim() },
      );
      setOutcome({ kind: 'result', result });
    } catch (error) {
      setOutcome({ kind: 'error', text: failureText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className={styles.page}>
      <div className={styles.card}>
        <Title2 as="h1">毕业证书查询</Title2>
        <Caption1 className={styles.muted}>查询经教育行政部门验印的毕业证书（中等职业学校、普通高中）是否真实有效。</Caption1>
        <TabList selectedValue={mode} onTabSelect={(_, d) => { setMode(d.value as Mode); setOutcome(null); setHint(null); }}>
          <Tab value="number" data-testid="mode-number">
            按姓名和证书编号
          </Tab>
          <Tab value="student" data-testid="mode-student">
            按姓名和国家学籍号
          </Tab>
        </TabList>
        <form className={styles.form} onSubmit={(e) => void submit(e)} data-testid="lookup-form">
          <Field label="持证人姓名" required>
            <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={50} data-testid="lookup-name" />
          </Field>
          {mode === 'student' ? (
            <Field label="国家学籍号" required hint="以 G、L 或 J 开头的学籍号">
              <Input value={studentNumber} onChange={(_, d) => setStudentNumber(d.value)} maxLength={40} data-testid="lookup-student-number" />
            </Field>
          ) : (
            <Field label="证书编号" required hint="例如 桂教中专毕字（2022）000123；括号全角、半角均可，也可只填最后的序号">
              <Input value={certificateNumber} onChange={(_, d) => setCertificateNumber(d.value)} maxLength={100} data-testid="lookup-certificate-number" />
            </Field>
          )}
          {hint && <Caption1 role="alert">{hint}</Caption1>}
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={busy} data-testid="lookup-submit">
              查询
            </Button>
            {busy && <Spinner size="tiny" label="正在查询…" />}
          </div>
        </form>
        {outcome?.kind === 'error' && (
          <MessageBar intent="error" layout="multiline" data-testid="lookup-error">
            <MessageBarBody>{outcome.text}</MessageBarBody>
          </MessageBar>
        )}
        {outcome?.kind === 'result' && <Result result={outcome.result} />}
        <Caption1 className={styles.muted}>本页只显示核对证书所需的最少信息。查询次数受限，请勿频繁查询。</Caption1>
      </div>
    </main>
  );
}

function Result({ result }: { result: LookUpResponse }) {
  const styles = useStyles();
  const c = result.certificate;
  if (!result.found || !c) {
    return (
      <MessageBar intent="error" layout="multiline" data-testid="lookup-result" data-found="false">
        <MessageBarBody>
          <MessageBarTitle>未查到该证书</MessageBarTitle>
          系统中没有与所填信息相符的毕业证书。请核对输入；如有疑问，请联系发证学校或当地教育行政部门。
        </MessageBarBody>
      </MessageBar>
    );
  }
  const voided = c.status === 'VOIDED';
  return (
    <MessageBar intent={voided ? 'warning' : 'success'} layout="multiline" data-testid="lookup-result" data-found="true" data-status={c.status ?? ''}>
      <MessageBarBody>
        <MessageBarTitle>{voided ? '该证书编号已作废' : '证书真实有效'}</MessageBarTitle>
        {voided ? '此编号的证书已由发证单位作废，不能作为有效证书使用。' : '系统中有与所填信息相符的毕业证书。'}
        <div className={styles.details}>
          <Body1>姓名</Body1>
          <Body1 data-testid="lookup-result-name">{c.name}</Body1>
          {c.number && (
            <>
              <Body1>证书编号</Body1>
              <Body1 data-testid="lookup-result-number">{c.number}</Body1>
            </>
          )}
          <Body1>学校</Body1>
          <Body1>{c.schoolName}</Body1>
          <Body1>毕业年份</Body1>
          <Body1>{c.year}</Body1>
          {c.conclusion && (
            <>
              <Body1>结论</Body1>
              <Body1>{c.conclusion}</Body1>
            </>
          )}
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
