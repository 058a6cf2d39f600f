/**
 * What the public look-up page decides before and after asking the server, kept apart from the React
 * view so it is tested on its own: which mode it opens on, and the words for each failure — for the
 * public, who know nothing of workbooks, and never suggesting that an unanswered question means a
 * certificate is false.
 */
import { RemoteError } from '../../addin/app/remote/api-client';
import { getPack } from '../../core/templates/registry';

export type Mode = 'student' | 'number';

/**
 * `?mode=student|number` wins; else `?pack=<id>`: a pack whose lists carry 国家学籍号 (Hubei 普通高中)
 * opens on name + 学籍号, one without (Guangxi 中职, whose certificates carry the printed number) on
 * name + 证书编号 — which is also the default.
 */
export function initialMode(search: string): Mode {
  const q = new URLSearchParams(search);
  const mode = q.get('mode');
  if (mode === 'student' || mode === 'number') return mode;
  const pack = getPack(q.get('pack') ?? '');
  const hasStudentNumber = pack?.sheetKinds.some((k) => k.columns.some((c) => c.key === 'studentNumber')) ?? false;
  return hasStudentNumber ? 'student' : 'number';
}

export const NOT_ANSWERED = '这不表示证书不存在。';

export function failureText(error: unknown): string {
  if (error instanceof RemoteError) {
    if (error.code === 'rate-limited') return '查询过于频繁，请稍后再试（同一证书编号每小时可查询的次数有限）。';
    if (error.kind === 'network') return `无法连接到查询服务，请检查网络后重试。${NOT_ANSWERED}`;
    if (error.kind === 'server' || error.kind === 'invalid-response') return `查询服务暂时出现故障，请稍后再试。${NOT_ANSWERED}`;
    if (error.code === 'invalid-input') return '请检查填写的内容：需要持证人姓名，以及证书编号或国家学籍号。';
    return error.message;
  }
  return `查询未能完成，请稍后再试。${NOT_ANSWERED}`;
}
