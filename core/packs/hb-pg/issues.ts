/** Issue codes of Hubei's own rules (./rules.ts), defined in the pack. */
import { issue, type ParamValue } from '../../issues/define';
import { q, qe, s } from '../../messages/format';

export const hbPgIssues = {
  'conclusion-mismatch': issue<{ conclusion?: ParamValue; expected?: ParamValue; reason?: ParamValue }>({
    severity: 'error',
    where: 'row',
    summary: 'Hubei 结论 disagrees with 学分/思想品德与公民素养/体质健康; fix = the expected conclusion',
    title: { 'zh-CN': '毕业结论与学分、考核不符', en: 'Conclusion does not match the results' },
    message: {
      'zh-CN': (p) =>
        `结论应为“${s(p.expected)}”（${s(p.reason)}），这里填写为${q(p.conclusion)}。`,
      en: (p) => `The conclusion should be ${s(p.expected)} (${s(p.reason)}); found ${qe(p.conclusion)}.`,
    },
  }),
};
