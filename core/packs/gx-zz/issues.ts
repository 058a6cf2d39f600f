/** Issue codes of Guangxi's own rules (./rules.ts), defined in the pack. */
import { issue, type ParamValue } from '../../issues/define';
import { q, qe } from '../../messages/format';

export const gxZzIssues = {
  'source-school-mixed': issue<{ expected?: ParamValue; school?: ParamValue }>({
    severity: 'warning',
    where: 'sheet',
    summary: '附件5: several source schools on one sheet (一校一表)',
    title: { 'zh-CN': '一表含多所来源学校', en: 'Several source schools on one sheet' },
    message: {
      'zh-CN': (p) =>
        `来源中职学校${q(p.school)}与本表其他行（${q(p.expected)}）不同。请一校一表：每所中职学校单独填一张表。`,
      en: (p) => `Source school ${qe(p.school)} differs from the sheet's ${qe(p.expected)}: one sheet per school.`,
    },
  }),
};
