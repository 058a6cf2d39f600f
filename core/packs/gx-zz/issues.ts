/** Issue codes of Guangxi's own rules (./rules.ts: 附件5 一校一表, 附件5 ↔ 附件2), defined in the pack. */
import { issue, type ParamValue } from '../../issues/define';
import { at, atEn, q, qe, s } from '../../messages/format';

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
  'college-other-school': issue<{ school?: ParamValue; source?: ParamValue }>({
    severity: 'warning',
    where: 'workbook',
    summary: '附件5 来源中职学校名称 is not this school (the workbook’s 学校名称)',
    title: { 'zh-CN': '来源学校不是本校', en: 'Source school is another school' },
    message: {
      'zh-CN': (p) =>
        `来源中职学校${q(p.source)}不是本校（${s(p.school)}）。高职院校须一校一表：请把该生交给其来源学校，或核对学校名称。`,
      en: (p) =>
        `The source school ${qe(p.source)} is not this school (${s(p.school)}): colleges send one table per school. Pass the row to its school or check the name.`,
    },
  }),
  'college-student-not-listed': issue<{ name?: ParamValue }>({
    severity: 'warning',
    where: 'workbook',
    summary: 'A student a college reports as from this school is on no 附件2 sheet',
    title: { 'zh-CN': '高职报来的学生不在登记表上', en: 'College-reported student not listed' },
    message: {
      'zh-CN': (p) =>
        `高职院校报来的本校学生${q(p.name)}不在本校任何登记表（附件2）上。请核对身份证号码，或是否漏登。`,
      en: (p) =>
        `${qe(p.name)}, reported by a college as from this school, is on none of this school's lists (附件2). Check the ID or a missing row.`,
    },
  }),
  'college-name-mismatch': issue<{ listAddress?: ParamValue; listName?: ParamValue; listSheet?: ParamValue; name?: ParamValue }>({
    severity: 'warning',
    where: 'workbook',
    summary: 'A 附件5 student’s 姓名 differs from the 附件2 row with the same ID',
    title: { 'zh-CN': '高职报来的姓名与登记表不符', en: 'Name differs from the list' },
    message: {
      'zh-CN': (p) =>
        `姓名${q(p.name)}与登记表${at(p, 'listSheet', 'listAddress')}中同一身份证号码的姓名${q(p.listName)}不一致。请核对哪一处录错。`,
      en: (p) =>
        `The name ${qe(p.name)} differs from ${qe(p.listName)}, the name with the same ID at ${atEn(p, 'listSheet', 'listAddress')}. Check which is mistyped.`,
    },
  }),
};
