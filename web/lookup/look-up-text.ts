/**
 * What the public look-up page decides before and after asking the server, kept apart from the view so
 * it is tested on its own: which mode it opens on, and the words for each failure — for the public, who
 * know nothing of workbooks, and never suggesting that an unanswered question means a certificate is
 * false. Imports nothing heavy: the page must stay small (issue #14).
 */

export type Mode = 'student' | 'number';

/**
 * Pack families whose lists carry 国家学籍号 (Hubei 普通高中). Written out instead of reading the template
 * registry, which would pull every pack into the page; test/web/look-up-page.test.ts checks it against
 * the registry.
 */
export const STUDENT_NUMBER_FAMILIES: readonly string[] = ['hb-pg'];

/**
 * `?mode=student|number` wins; else `?pack=<family>-<year>`: a pack whose lists carry 国家学籍号 opens on
 * name + 学籍号, one without (Guangxi 中职, whose certificates carry the printed number) on
 * name + 证书编号 — which is also the default.
 */
export function initialMode(search: string): Mode {
  const q = new URLSearchParams(search);
  const mode = q.get('mode');
  if (mode === 'student' || mode === 'number') return mode;
  const m = /^(.+)-(\d{4})$/.exec(q.get('pack') ?? '');
  const year = m ? Number(m[2]) : 0;
  return m && year >= 2000 && year <= 2100 && STUDENT_NUMBER_FAMILIES.includes(m[1] ?? '') ? 'student' : 'number';
}

export const NOT_ANSWERED = '这不表示证书不存在。';

/** A failed request as both the pane's RemoteError and the page's LookUpError describe it. */
interface Failure {
  kind: string;
  code: string;
  message: string;
}

const isFailure = (e: unknown): e is Failure =>
  e instanceof Error && typeof (e as Partial<Failure>).kind === 'string' && typeof (e as Partial<Failure>).code === 'string';

export function failureText(error: unknown): string {
  if (isFailure(error)) {
    if (error.code === 'rate-limited') return '查询过于频繁，请稍后再试（同一证书编号每小时可查询的次数有限）。';
    if (error.kind === 'network') return `无法连接到查询服务，请检查网络后重试。${NOT_ANSWERED}`;
    if (error.kind === 'server' || error.kind === 'invalid-response') return `查询服务暂时出现故障，请稍后再试。${NOT_ANSWERED}`;
    if (error.code === 'invalid-input') return '请检查填写的内容：需要持证人姓名，以及证书编号或国家学籍号。';
    return error.message;
  }
  return `查询未能完成，请稍后再试。${NOT_ANSWERED}`;
}
