/**
 * Guangxi 中职 毕业证书验印 (2022: 桂教办〔2022〕205号), 附件1–5, as data for one graduation year. Texts are the
 * notice's own with the year as a value; the notice's PDF spacing (`姓 名`, `附件 1`) is kept only where the
 * printed table shows it (附件4's 姓 名 / 年 级). See core/templates/types.ts for how writers and the
 * detector read each field.
 */
import { GENDER_OPTIONS } from '../common';
import type { ColumnSpec, MetaFieldSpec, SheetKindSpec } from '../../templates/types';

/** The certificate-number prefix printed under 证书编号: 桂教中专毕字（2022）. */
export const gxCertPrefix = (year: number): string => `桂教中专毕字（${year}）`;

export const TEACHING_FORM_OPTIONS = ['全日制', '非全日制'];
export const GRADE_WORDS = ['优秀', '良好', '中等', '及格', '不及格', '合格', '不合格', '优', '良', '中', '差'];
export const CHANGE_TYPES = ['姓名', '性别', '身份证号码', '学制变更', '休学', '复学', '留级', '转出', '转入', '转专业'] as const;
export const SCHOOL_LENGTH_OPTIONS = ['2年', '3年', '4年', '5年'];

const ID_ALIASES = ['身份证号', '身份证件号', '身份证件号码', '公民身份号码', '公民身份证号码', '身份证号码/证件号码', '证件号码'];
const NAME_ALIASES = ['学生姓名', '毕业生姓名'];

const schoolNameMeta: MetaFieldSpec = {
  key: 'schoolName',
  label: '学校名称（盖章）',
  aliases: ['学校名称', '学校（盖章）'],
  type: 'text',
  required: true,
};

const standardFooter: MetaFieldSpec[] = [
  { key: 'filledBy', label: '填表人', type: 'text' },
  { key: 'reviewedBy', label: '审核人', type: 'text' },
  { key: 'filledOn', label: '填报日期', type: 'date', placeholder: '年 月 日', campaignDate: true },
];

const gradeColumn = (key: string, header: string): ColumnSpec => ({
  key,
  header,
  group: '各类课程综合成绩',
  type: 'grade',
  required: true,
  options: GRADE_WORDS.slice(0, 7),
  optionsMode: 'suggest',
  width: 10,
});

/** 附件1 毕业生毕业证书验印回执 — one row per school (2022: due 2022-04-22). */
const att1 = (year: number): SheetKindSpec => ({
  id: 'att1',
  attachment: '附件1',
  title: `${year}年毕业生毕业证书验印回执`,
  shortName: '验印回执',
  meta: [
    { key: 'bureau', label: '市教育局/区直学校', aliases: ['市教育局', '区直学校'], type: 'text', placement: 'before', placeholder: '_____' },
    { key: 'contact', label: '联系人及联系电话', type: 'phone' },
    { key: 'address', label: '联系地址', type: 'text' },
  ],
  columns: [
    { key: 'schoolName', header: '学校名称', type: 'text', required: true, width: 30 },
    { key: 'graduateTotal', header: '毕业生总数', aliases: ['毕业生人数', '毕业人数'], type: 'integer', required: true, width: 12 },
    {
      key: 'contact',
      header: '学校联系人及手机号码',
      aliases: ['学校联系人及手机号', '联系人及手机号码', '学校联系人及联系电话'],
      type: 'mobile',
      required: true,
      width: 26,
    },
    { key: 'address', header: '学校地址', type: 'text', width: 36 },
  ],
  footer: [],
  notes: [],
  blankRows: 0,
  inputRows: 1,
  repeatable: false,
  detect: { anyOf: ['graduateTotal', 'contact'], minShare: 0.75 },
  rules: ['cell-required', 'cell-integer', 'cell-count-text', 'cell-mobile', 'cell-phone', 'sheet-meta', 'sheet-campaign-year'],
});

/** 附件2 资格审核（成绩与操行）与证书验印登记表 — one sheet per major. */
const att2 = (year: number): SheetKindSpec => ({
  id: 'att2',
  attachment: '附件2',
  title: `广西中等职业学校${year}年毕业生资格审核（成绩与操行）与证书验印登记表`,
  shortName: '资格审核与验印登记表',
  meta: [
    schoolNameMeta,
    { key: 'major', label: '专业名称', aliases: ['专业'], type: 'text', required: true },
    { key: 'enrollmentCategory', label: '招生类别', type: 'text' },
    { key: 'teachingForm', label: '教学形式', type: 'enum', options: TEACHING_FORM_OPTIONS, required: true },
    { key: 'schoolLength', label: '学制', type: 'school-length', options: SCHOOL_LENGTH_OPTIONS, required: true },
    { key: 'enrollmentDate', label: '入学时间', aliases: ['入学年月', '入学日期'], type: 'date', required: true },
  ],
  columns: [
    { key: 'serial', header: '序号', type: 'serial', width: 6 },
    { key: 'name', header: '姓名', aliases: NAME_ALIASES, type: 'name', required: true, width: 10 },
    { key: 'gender', header: '性别', type: 'gender', required: true, options: GENDER_OPTIONS, width: 6 },
    { key: 'idNumber', header: '身份证号码', aliases: ID_ALIASES, type: 'id-number', required: true, width: 22 },
    gradeColumn('publicCourses', '公共基础课'),
    gradeColumn('skillCourses', '专业技能课'),
    gradeColumn('conduct', '操行'),
    gradeColumn('internship', '毕业实习'),
    {
      key: 'certificateNumber',
      header: '证书编号',
      aliases: ['毕业证书编号', '证书号', gxCertPrefix(year)],
      subHeader: gxCertPrefix(year),
      type: 'certificate-number',
      width: 16,
    },
  ],
  footer: standardFooter,
  notes: [],
  blankRows: 18,
  repeatable: true,
  detect: { anyOf: ['publicCourses', 'skillCourses', 'conduct', 'internship', 'certificateNumber'] },
  rules: [
    'cell-required',
    'cell-name',
    'cell-gender',
    'cell-id',
    'cell-grade',
    'cell-certificate',
    'cell-certificate-year',
    'row-gender-id',
    'sheet-meta', 'sheet-campaign-year',
    'sheet-serial',
    'sheet-enrollment',
    'sheet-certificates',
    'wb-id-unique',
    'wb-certificate-unique',
  ],
});

/**
 * 附件3 毕业证书验印审核表 — an irregular form: 毕业生总数 (one value, merged down) on the left of the per-major
 * rows under the group 其中：, then 学校经办人/联系电话 and the approval boxes (layout.below).
 */
const att3 = (year: number): SheetKindSpec => ({
  id: 'att3',
  attachment: '附件3',
  title: `${year}年毕业生毕业证书验印审核表`,
  shortName: '验印审核表',
  meta: [schoolNameMeta, { key: 'principal', label: '学校负责人签章', aliases: ['学校负责人'], type: 'text' }],
  columns: [
    {
      key: 'graduateTotal',
      header: '毕业生总数',
      aliases: ['毕业生人数'],
      type: 'integer',
      required: true,
      scope: 'table',
      width: 12,
    },
    { key: 'major', header: '专业名称', aliases: ['专业'], group: '其中：', type: 'text', required: true, width: 20 },
    { key: 'enrollmentDate', header: '入学时间', aliases: ['入学年月'], group: '其中：', type: 'date', required: true, width: 12 },
    { key: 'schoolLength', header: '学制', group: '其中：', type: 'school-length', options: SCHOOL_LENGTH_OPTIONS, required: true, width: 8 },
    { key: 'teachingForm', header: '教学形式', group: '其中：', type: 'enum', options: TEACHING_FORM_OPTIONS, required: true, width: 10 },
    { key: 'graduates', header: '毕业人数', group: '其中：', type: 'integer', required: true, width: 10 },
    {
      key: 'certificateRange',
      header: '毕业证书编号起止号',
      aliases: ['起止号', '证书编号起止号', '毕业证书编号'],
      group: '其中：',
      type: 'certificate-range',
      width: 26,
    },
  ],
  footer: [
    { key: 'handler', label: '学校经办人', type: 'text' },
    { key: 'phone', label: '联系电话', type: 'phone' },
    { key: 'cityOpinion', label: '市教育局职成科审核意见', type: 'text' },
    { key: 'provinceStampReviewer', label: '自治区教育厅验印审核人', type: 'text' },
    { key: 'provinceOpinion', label: '自治区教育厅审核意见', type: 'text' },
    { key: 'sealKeeper', label: '自治区教育厅监印人', type: 'text' },
  ],
  notes: ['填写说明：1. 毕业生人数须与附件1所填一致。', '2. 专业名称、入学时间、学制、教学形式须与附件2所填一致。'],
  blankRows: 0,
  inputRows: 5,
  repeatable: false,
  layout: {
    width: 7,
    below: [
      {
        cells: [
          { text: '学校经办人' },
          { text: '', colSpan: 2, field: 'handler' },
          { text: '联系电话' },
          { text: '', colSpan: 3, field: 'phone' },
        ],
      },
      {
        height: 60,
        cells: [
          { text: '市教育局职成科审核意见：', colSpan: 2, valign: 'top', align: 'left', field: 'cityOpinion' },
          { text: '自治区教育厅验印审核人：', colSpan: 2, valign: 'top', align: 'left', field: 'provinceStampReviewer' },
          { text: '自治区教育厅审核意见：', colSpan: 3, valign: 'top', align: 'left', field: 'provinceOpinion' },
        ],
      },
      {
        cells: [
          { text: '(盖章)', colSpan: 2, align: 'right' },
          { text: '(签字)', colSpan: 2, align: 'right' },
          { text: '(盖章)', colSpan: 3, align: 'right' },
        ],
      },
      {
        cells: [
          { text: '年 月 日', colSpan: 2, align: 'right' },
          { text: '年 月 日', colSpan: 2, align: 'right' },
          { text: '年 月 日', colSpan: 3, align: 'right' },
        ],
      },
      {
        cells: [
          { text: '自治区教育厅监印人', colSpan: 2 },
          { text: '', colSpan: 2, field: 'sealKeeper' },
          { text: '年 月 日', colSpan: 3, align: 'right' },
        ],
      },
    ],
  },
  detect: { anyOf: ['graduates', 'certificateRange'] },
  rules: [
    'cell-required',
    'cell-integer', 'cell-count-text',
    'cell-date',
    'cell-school-length',
    'cell-enum',
    'cell-range',
    'row-enrollment',
    'sheet-meta',
    'sheet-campaign-year',
    'sheet-table-total',
    'sheet-ranges',
  ],
});

/** 附件4 毕业生异动情况汇总表 — grouped by 专业名称. */
const att4 = (year: number): SheetKindSpec => ({
  id: 'att4',
  attachment: '附件4',
  title: `${year}年毕业生异动情况汇总表`,
  shortName: '异动情况汇总表',
  meta: [schoolNameMeta],
  columns: [
    { key: 'name', header: '姓 名', aliases: ['姓名', ...NAME_ALIASES], type: 'name', required: true, width: 10 },
    { key: 'idNumber', header: '身份证号码', aliases: ID_ALIASES, type: 'id-number', required: true, width: 22 },
    { key: 'major', header: '专业名称', aliases: ['专业'], type: 'text', required: true, width: 18 },
    { key: 'grade', header: '年 级', aliases: ['年级'], type: 'text', required: true, width: 10 },
    { key: 'schoolLength', header: '学制', type: 'school-length', options: SCHOOL_LENGTH_OPTIONS, required: true, width: 8 },
    { key: 'before', header: '异动前', type: 'text', required: true, width: 20 },
    { key: 'after', header: '异动后', type: 'text', required: true, width: 20 },
    {
      key: 'changeType',
      header: '异动类型',
      type: 'enum',
      options: [...CHANGE_TYPES],
      synonyms: {
        姓名变更: '姓名',
        更名: '姓名',
        改名: '姓名',
        性别变更: '性别',
        身份证号: '身份证号码',
        身份证: '身份证号码',
        身份证号码变更: '身份证号码',
        身份证号变更: '身份证号码',
        学制: '学制变更',
        专业变更: '转专业',
        转学转出: '转出',
        转学转入: '转入',
      },
      invalidCode: 'change-type-invalid',
      required: true,
      width: 12,
    },
  ],
  footer: [],
  notes: [
    '填表说明：1. 异动类型包括：姓名、性别、身份证号码、学制变更；休学、复学、留级、转出、转入、转专业。',
    '2. 按专业分类排序。',
  ],
  blankRows: 0,
  inputRows: 10,
  repeatable: false,
  detect: { anyOf: ['changeType', 'before', 'after'] },
  rules: ['cell-required', 'cell-name', 'cell-id', 'cell-school-length', 'cell-enum', 'row-change', 'sheet-meta', 'sheet-campaign-year', 'sheet-grouped-by-major'],
});

/** 附件5 高职院校对口招收中职学生信息表 — filled by a college, one table per source school (一校一表). */
const att5 = (year: number): SheetKindSpec => ({
  id: 'att5',
  attachment: '附件5',
  title: '广西高等职业院校对口招收中职学生信息表',
  shortName: '对口招收中职学生信息表',
  meta: [
    { key: 'college', label: '高等职业院校（盖章）', aliases: ['高等职业院校', '高职院校'], type: 'text', required: true, placeholder: '_____' },
    { key: 'contact', label: '联系人及联系电话', type: 'phone', placeholder: '_____' },
    { key: 'filledOn', label: '填写日期', type: 'date', placeholder: '_____', campaignDate: true },
  ],
  columns: [
    { key: 'serial', header: '序号', type: 'serial', width: 6 },
    { key: 'name', header: '姓名', aliases: NAME_ALIASES, type: 'name', required: true, width: 10 },
    { key: 'gender', header: '性别', type: 'gender', required: true, options: GENDER_OPTIONS, width: 6 },
    { key: 'idNumber', header: '身份证号码', aliases: ID_ALIASES, type: 'id-number', required: true, width: 22 },
    { key: 'collegeGradeMajor', header: '高职就读年级专业', aliases: ['高职就读年级及专业', '就读年级专业'], type: 'text', required: true, width: 22 },
    { key: 'sourceSchool', header: '来源中职学校名称', aliases: ['来源中职学校', '中职学校名称'], type: 'text', required: true, width: 24 },
    { key: 'contact', header: '联系方式', aliases: ['联系电话'], type: 'phone', width: 14 },
    { key: 'remark', header: '备注', type: 'text', width: 12 },
  ],
  footer: [],
  notes: [
    `填写说明：1. 填写对象为通过${year - 1}年高职对口中职自主招生考试，且目前仍在所录取高校就读并可继续完成高职阶段学习的${year - 3}级中职生。`,
    '2. 高职院校在填写反馈信息表时要一校一表，将实际在读学生信息填写完整并反馈至相应中职学校。',
  ],
  blankRows: 6,
  repeatable: true,
  layout: { meta: 'inline' },
  detect: { anyOf: ['collegeGradeMajor', 'sourceSchool'] },
  rules: [
    'cell-required',
    'cell-name',
    'cell-gender',
    'cell-id',
    'cell-phone',
    'row-gender-id',
    'sheet-meta', 'sheet-campaign-year',
    'sheet-serial',
    'sheet-one-source-school',
    'wb-id-unique',
  ],
});

/** 附件1–5 for one graduation year. */
export function gxZzSheets(year: number): SheetKindSpec[] {
  return [att1(year), att2(year), att3(year), att4(year), att5(year)];
}
