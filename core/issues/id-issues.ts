/**
 * The identity-number codes (`id-*`, `xjh-*`) defined once here: severity, placement and title, with the
 * message templates core/id keeps beside its checkers (core/id/messages.ts, which documents the params),
 * and the server's cross-school duplicate.
 */
import { idMessages } from '../id/messages';
import { q, qe, s } from '../messages/format';
import { issue, type IssueDefinition, type IssueWhere, type ParamsShape, type ParamValue } from './define';
import type { IssueParams, Severity } from './issue';

function fromId(code: string, severity: Severity, where: IssueWhere, zh: string, en: string, summary = 'Params: see core/id/messages.ts'): IssueDefinition<ParamsShape> {
  const render = (locale: 'zh-CN' | 'en') => (p: ParamsShape): string => idMessages[locale][code]?.(p as IssueParams) ?? code;
  return { severity, where, summary, title: { 'zh-CN': zh, en }, message: { 'zh-CN': render('zh-CN'), en: render('en') } };
}

type NoParams = Record<never, never>;

export const idIssues = {
  'id-empty': fromId('id-empty', 'error', 'cell', '身份证号码为空', 'ID number missing'),
  'id-format': fromId('id-format', 'error', 'cell', '身份证号码格式错误', 'ID number malformed'),
  'id-checksum': fromId('id-checksum', 'error', 'cell', '身份证号码校验码错误', 'ID check character wrong'),
  'id-birth-date': fromId('id-birth-date', 'error', 'cell', '身份证号码出生日期错误', 'Birth date in ID invalid'),
  'id-region-unknown': fromId('id-region-unknown', 'error', 'cell', '身份证号码地址码未知', 'Unknown address code in ID', 'Unknown address code (error at province level, warning at county level: the finding carries it)'),
  'id-age': fromId('id-age', 'warning', 'cell', '年龄不合常理', 'Implausible age'),
  'id-birth-cohort': fromId('id-birth-cohort', 'warning', 'cell', '出生年份不像本届学生', 'Birth year outside the cohort'),
  'id-digits-dropped': fromId('id-digits-dropped', 'error', 'cell', '身份证号码漏录数字', 'ID number with digits left out'),
  'id-permit-prefix': fromId('id-permit-prefix', 'error', 'cell', '居住证号码开头错误', 'Residence permit prefix wrong'),
  'id-region-taiwan': fromId('id-region-taiwan', 'warning', 'cell', '地址码为台湾省代码', "Taiwan's division code in ID"),
  'id-nationality-unknown': fromId('id-nationality-unknown', 'error', 'cell', '永居证国籍代码不存在', 'Unknown nationality code'),
  'id-legacy-15': fromId('id-legacy-15', 'warning', 'cell', '15 位旧身份证号码', 'Old 15-digit ID number'),
  'id-foreigner-2017': fromId('id-foreigner-2017', 'warning', 'cell', '旧版外国人永久居留证', 'Old foreigner permanent-residence ID'),
  'id-excel-number': fromId('id-excel-number', 'error', 'cell', '身份证号码被 Excel 存成数字（已损坏）', 'ID stored as a number by Excel (damaged)'),
  'id-number-cell': fromId('id-number-cell', 'warning', 'cell', '身份证号码存成了数字', 'ID stored as a number'),
  'id-cleanup': fromId('id-cleanup', 'warning', 'cell', '身份证号码写法需整理', 'ID number needs tidying'),
  'id-duplicate': fromId('id-duplicate', 'error', 'workbook', '身份证号码重复', 'Duplicate ID number', 'The same ID twice among the sheets of one kind (all 附件2 sheets together); placed by `wb-id-unique`'),
  'xjh-empty': fromId('xjh-empty', 'error', 'cell', '学籍号为空', 'Student number missing'),
  'xjh-format': fromId('xjh-format', 'error', 'cell', '学籍号格式错误', 'Student number malformed'),
  'xjh-checksum': fromId('xjh-checksum', 'error', 'cell', '学籍号校验码错误', 'Student number check character wrong'),
  'xjh-birth-date': fromId('xjh-birth-date', 'error', 'cell', '学籍号出生日期错误', 'Birth date in student number invalid'),
  'xjh-id-mismatch': fromId('xjh-id-mismatch', 'warning', 'cell', '学籍号与身份证号码不一致', 'Student number does not match the ID'),
  'xjh-cleanup': fromId('xjh-cleanup', 'warning', 'cell', '学籍号写法需整理', 'Student number needs tidying'),
  'id-duplicate-other-school': issue<NoParams>({
    severity: 'warning',
    where: 'server',
    summary: 'An ID of this submission is also in another school’s current submission of the campaign that is not yet approved (重复学籍); found by the server. Names neither the other school nor its student (issue #8)',
    title: { 'zh-CN': '身份证号码与其他学校重复', en: 'ID number also listed by another school' },
    message: {
      'zh-CN': () => '该身份证号码也出现在其他学校本批次的上报数据中（重复学籍），请核实该学生的学籍；审核部门可查看双方情况。',
      en: () => 'This ID number is also in another school’s submission for this campaign (a duplicate enrolment). Check the student’s enrolment; the reviewers can see both sides.',
    },
  }),
  'id-held-by-other-school': issue<{ decision?: ParamValue }>({
    severity: 'error',
    where: 'server',
    summary: 'An ID already approved or numbered at another school of the campaign: blocks 上报 until the province decides (enrollment_conflict); never names the other school to the clerk',
    title: { 'zh-CN': '学生已在其他学校审核通过或编号（待教育厅核实）', en: 'Student already approved or numbered at another school (awaiting the province)' },
    message: {
      'zh-CN': (p) =>
        p.decision === 'REFUSED'
          ? '自治区教育厅已核实：该学生的学籍不在本校，请删除此行后重新上报。'
          : '该身份证号码已在其他学校审核通过或已编证书号，本校暂不能上报此学生。如属转学，请联系自治区教育厅核实；教育厅确认后请重新上报。',
      en: (p) =>
        p.decision === 'REFUSED'
          ? 'The provincial bureau has checked: this student is not enrolled at your school. Delete the row and submit again.'
          : 'This ID number is already approved or numbered at another school, so your school cannot submit this student yet. If the student transferred, ask the provincial bureau to confirm it, then submit again.',
    },
  }),
  'school-name-other-school': issue<{ school?: ParamValue; written?: ParamValue }>({
    severity: 'error',
    where: 'server',
    summary: 'A sheet’s 学校名称 names another school than the signed-in clerk’s',
    title: { 'zh-CN': '学校名称不是本校', en: 'School name is not your school' },
    message: {
      'zh-CN': (p) => `“学校名称”填写的是${q(p.written)}，与登录账号所属学校“${s(p.school)}”不一致。只能上报本校的学生，请使用本校的数据。`,
      en: (p) => `The school name ${qe(p.written)} is not your account’s school, "${s(p.school)}". Only your own school’s students can be submitted.`,
    },
  }),
};
