/**
 * Hubei 普通高中 毕业校验表 (2018 (省教育厅关于做好2018届普通高中学生毕业工作的通知), as data. The notice
 * prints no table: the sheet is built from its rules (§四: 144 学分, 思想品德与公民素养 合格, 体质健康 达标 →
 * 毕业, else 结业; pilot areas of the new 综合素质评价 system check credits and fitness only).
 */
import { GENDER_OPTIONS } from '../common';
import type { SheetKindSpec } from '../../templates/types';

export const CONCLUSION_OPTIONS = ['毕业', '结业'];
export const MORAL_OPTIONS = ['合格', '不合格'];
/** 体质健康: 达标/不达标, or the national-standard grade (及格 and above = 达标). */
export const FITNESS_OPTIONS = ['达标', '不达标', '优秀', '良好', '及格', '不及格'];
export const EVALUATION_SYSTEM_OPTIONS = ['旧版', '新版（试点）'];

export const hbCheck = (year: number): SheetKindSpec => ({
  id: 'check',
  attachment: '毕业校验表',
  title: `${year}届普通高中学生毕业校验表`,
  shortName: '毕业校验表',
  meta: [
    { key: 'schoolName', label: '学校名称（盖章）', aliases: ['学校名称', '学校'], type: 'text', required: true },
    { key: 'className', label: '班级', type: 'text' },
    {
      key: 'evaluationSystem',
      label: '综合素质评价系统',
      aliases: ['评价系统'],
      type: 'enum',
      options: EVALUATION_SYSTEM_OPTIONS,
    },
  ],
  columns: [
    { key: 'serial', header: '序号', type: 'serial', width: 6 },
    { key: 'name', header: '姓名', aliases: ['学生姓名'], type: 'name', required: true, width: 10 },
    { key: 'gender', header: '性别', type: 'gender', required: true, options: GENDER_OPTIONS, width: 6 },
    { key: 'ethnicity', header: '民族', type: 'ethnicity', required: true, width: 10 },
    { key: 'nativePlace', header: '籍贯', type: 'text', required: true, width: 14 },
    { key: 'birthDate', header: '出生日期', aliases: ['出生年月日', '出生年月'], type: 'date', required: true, width: 12 },
    {
      key: 'idNumber',
      header: '身份证号',
      aliases: ['身份证号码', '身份证件号', '身份证件号码', '公民身份号码'],
      type: 'id-number',
      required: true,
      width: 22,
    },
    { key: 'studentNumber', header: '国家学籍号', aliases: ['学籍号', '全国学籍号'], type: 'student-number', required: true, width: 22 },
    { key: 'credits', header: '学分', aliases: ['总学分', '已修学分'], type: 'credits', required: true, width: 8 },
    {
      key: 'moral',
      header: '思想品德与公民素养',
      aliases: ['思想品德与公民素养评价', '思想品德'],
      type: 'enum',
      options: MORAL_OPTIONS,
      width: 12,
    },
    { key: 'fitness', header: '体质健康', aliases: ['体质健康测试', '体质健康标准'], type: 'enum', options: FITNESS_OPTIONS, required: true, width: 10 },
    { key: 'conclusion', header: '结论', aliases: ['毕业结论', '校验结论'], type: 'enum', options: CONCLUSION_OPTIONS, required: true, width: 8 },
  ],
  footer: [
    { key: 'filledBy', label: '填表人', type: 'text' },
    { key: 'reviewedBy', label: '审核人', type: 'text' },
    { key: 'filledOn', label: '填报日期', type: 'date', placeholder: '年 月 日' },
  ],
  notes: [
    '填写说明：1. 在校学习期间，综合素质评价中思想品德与公民素养合格，达到144个学分，体质健康达到国家标准的，准予毕业；修业期满，但未达到毕业要求的，颁发结业证书。',
    '2. 新版综合素质评价管理系统试点地区暂时只校验学分完成、体质健康达标两方面情况。',
  ],
  blankRows: 0,
  inputRows: 30,
  repeatable: true,
  detect: { anyOf: ['credits', 'conclusion', 'moral', 'studentNumber'] },
  rules: [
    'cell-required',
    'cell-name',
    'cell-gender',
    'cell-ethnicity',
    'cell-date',
    'cell-id',
    'cell-credits',
    'cell-enum',
    'row-gender-id',
    'row-birth-date-id',
    'row-student-number',
    'row-conclusion',
    'sheet-meta', 'sheet-campaign-year',
    'sheet-serial',
    'wb-id-unique',
  ],
});

