/**
 * The look-up page's view in plain semantic HTML styled by lookup.css (Fluent's look without Fluent UI:
 * the page must load in ≤ 60 KB gzipped, issue #14). Written against React's API; the page's build
 * (vite.lookup.config.ts) runs it on Preact, the tests on React.
 */
import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { LookUpResponse } from '../../addin/app/remote/schemas';
import type { LookUpQuery } from './look-up-client';
import { failureText, type Mode } from './look-up-text';

export type LookUpFn = (q: LookUpQuery) => Promise<LookUpResponse>;

type Outcome = { kind: 'result'; result: LookUpResponse } | { kind: 'error'; text: string } | null;

const MODES: { value: Mode; label: string }[] = [
  { value: 'number', label: '按姓名和证书编号' },
  { value: 'student', label: '按姓名和国家学籍号' },
];

/** 姓名 + 证书编号, or 姓名 + 国家学籍号 → genuine or not, with the minimum details (never an ID number). */
export function LookupApp({ lookUp, initialMode = 'number' }: { lookUp: LookUpFn; initialMode?: Mode }) {
  const [mode, setMode] = useState<Mode>(initialMode);
  const [name, setName] = useState('');
  const [studentNumber, setStudentNumber] = useState('');
  const [certificateNumber, setCertificateNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [hint, setHint] = useState<string | null>(null);

  const choose = (m: Mode) => {
    setMode(m);
    setOutcome(null);
    setHint(null);
  };

  // The tab pattern of WAI-ARIA: arrow keys move between the two tabs.
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = mode === 'number' ? 'student' : 'number';
    choose(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

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
    <main className="page">
      <div className="card">
        <h1>毕业证书查询</h1>
        <p className="caption muted">查询经教育行政部门验印的毕业证书（中等职业学校、普通高中）是否真实有效。</p>
        <div className="tabs" role="tablist" aria-label="查询方式">
          {MODES.map((m) => (
            <button
              key={m.value}
              type="button"
              role="tab"
              id={`tab-${m.value}`}
              aria-selected={mode === m.value}
              aria-controls="lookup-form"
              tabIndex={mode === m.value ? 0 : -1}
              className="tab"
              onClick={() => choose(m.value)}
              onKeyDown={onTabKey}
              data-testid={`mode-${m.value}`}
            >
              {m.label}
            </button>
          ))}
        </div>
        <form className="form" id="lookup-form" role="tabpanel" aria-labelledby={`tab-${mode}`} onSubmit={(e) => void submit(e)} noValidate data-testid="lookup-form">
          <Field id="lookup-name" label="持证人姓名">
            <input id="lookup-name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={50} autoComplete="off" aria-required="true" data-testid="lookup-name" />
          </Field>
          {mode === 'student' ? (
            <Field id="lookup-student-number" label="国家学籍号" hint="以 G、L 或 J 开头的学籍号">
              <input
                id="lookup-student-number"
                value={studentNumber}
                onChange={(e) => setStudentNumber(e.currentTarget.value)}
                maxLength={40}
                autoComplete="off"
                aria-required="true"
                aria-describedby="lookup-student-number-hint"
                data-testid="lookup-student-number"
              />
            </Field>
          ) : (
            <Field id="lookup-certificate-number" label="证书编号" hint="例如 桂教中专毕字（2022）000123；括号全角、半角均可，也可只填最后的序号">
              <input
                id="lookup-certificate-number"
                value={certificateNumber}
                onChange={(e) => setCertificateNumber(e.currentTarget.value)}
                maxLength={100}
                autoComplete="off"
                aria-required="true"
                aria-describedby="lookup-certificate-number-hint"
                data-testid="lookup-certificate-number"
              />
            </Field>
          )}
          {hint && (
            <p className="caption" role="alert">
              {hint}
            </p>
          )}
          <div className="row">
            <button type="submit" className="primary" disabled={busy} data-testid="lookup-submit">
              查询
            </button>
            {busy && (
              <span className="busy" role="status">
                <span className="spinner" aria-hidden="true" />
                正在查询…
              </span>
            )}
          </div>
        </form>
        <div aria-live="polite">
          {outcome?.kind === 'error' && (
            <Bar intent="error" testId="lookup-error">
              {outcome.text}
            </Bar>
          )}
          {outcome?.kind === 'result' && <Result result={outcome.result} />}
        </div>
        <p className="caption muted">本页只显示核对证书所需的最少信息。查询次数受限，请勿频繁查询。</p>
      </div>
    </main>
  );
}

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        <span className="required" aria-hidden="true">
          {' *'}
        </span>
      </label>
      {children}
      {hint && (
        <span className="caption muted" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

type Intent = 'success' | 'warning' | 'error';

/** Fluent's filled status icons (check, warning, dismiss), drawn inline: a shape with a white mark. */
const SHAPES: Record<Intent, { shape: ReactNode; mark: string }> = {
  success: { shape: <circle cx="10" cy="10" r="8" />, mark: 'M6.5 10.2l2.3 2.3 4.7-4.8' },
  warning: { shape: <path d="M8.7 2.8a1.5 1.5 0 0 1 2.6 0l6.5 12A1.5 1.5 0 0 1 16.5 17h-13a1.5 1.5 0 0 1-1.3-2.2z" />, mark: 'M10 7.5v3.8M10 13.8v.2' },
  error: { shape: <circle cx="10" cy="10" r="8" />, mark: 'M7.5 7.5l5 5M12.5 7.5l-5 5' },
};

function Bar({ intent, testId, title, children, ...data }: { intent: Intent; testId: string; title?: string; children: ReactNode; 'data-found'?: string; 'data-status'?: string }) {
  return (
    <div className={`bar ${intent}`} data-testid={testId} {...data}>
      <svg className="icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
        <g fill="currentColor">{SHAPES[intent].shape}</g>
        <path d={SHAPES[intent].mark} fill="none" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <div className="bar-body">
        {title && <strong className="bar-title">{title}</strong>}
        {children}
      </div>
    </div>
  );
}

function Result({ result }: { result: LookUpResponse }) {
  const c = result.certificate;
  if (!result.found || !c) {
    return (
      <Bar intent="error" testId="lookup-result" data-found="false" title="未查到该证书">
        系统中没有与所填信息相符的毕业证书。请核对输入；如有疑问，请联系发证学校或当地教育行政部门。
      </Bar>
    );
  }
  const voided = c.status === 'VOIDED';
  return (
    <Bar intent={voided ? 'warning' : 'success'} testId="lookup-result" data-found="true" data-status={c.status ?? ''} title={voided ? '该证书编号已作废' : '证书真实有效'}>
      {voided ? '此编号的证书已由发证单位作废，不能作为有效证书使用。' : '系统中有与所填信息相符的毕业证书。'}
      <dl className="details">
        <dt>姓名</dt>
        <dd data-testid="lookup-result-name">{c.name}</dd>
        {c.number && (
          <>
            <dt>证书编号</dt>
            <dd data-testid="lookup-result-number">{c.number}</dd>
          </>
        )}
        <dt>学校</dt>
        <dd>{c.schoolName}</dd>
        <dt>毕业年份</dt>
        <dd>{c.year}</dd>
        {c.conclusion && (
          <>
            <dt>结论</dt>
            <dd>{c.conclusion}</dd>
          </>
        )}
      </dl>
    </Bar>
  );
}
