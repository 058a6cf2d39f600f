/**
 * A test-only pack, deliberately unlike Guangxi's: other kind ids (roll / tally / moves), other column keys,
 * its own status-change types (退学, 暂停学业, 更名, 复课), its own graduation rule (准予毕业 iff 学分 ≥ 100)
 * and its own rule file. It lives only here: cross-sheet checks, student extraction, numbering and the
 * export reach it through its roles, with no edit to core, server or pane.
 */
import { issue, type ParamValue } from '../../../core/issues/define';
import { packFinding } from '../../../core/rules/checks';
import type { RowRule } from '../../../core/rules/types';
import type { PackRoles } from '../../../core/templates/roles';
import type { SheetKindSpec, TemplatePackSpec } from '../../../core/templates/types';
import { parseNumber } from '../../../core/text/parse';

export const TOY_PREFIX = '测毕证字';
const VERDICTS = ['准予毕业', '暂缓毕业'];
const LENGTHS = ['2年', '3年'];

/** The codes of the pack's own rules, defined in the pack. */
export const toyIssues = {
  'toy-verdict-mismatch': issue<{ verdict?: ParamValue; expected?: ParamValue; credits?: ParamValue }>({
    severity: 'error',
    where: 'row',
    summary: '毕业结论 disagrees with 学分 (准予毕业 iff ≥ 100)',
    title: { 'zh-CN': '毕业结论与学分不符', en: 'Verdict does not match the credits' },
    message: {
      'zh-CN': (p) => `学分 ${p.credits}，毕业结论应为“${p.expected}”，这里是“${p.verdict}”。`,
      en: (p) => `With ${p.credits} credits the verdict is ${p.expected}, not ${p.verdict}.`,
    },
  }),
};

/** 准予毕业 iff 学分 ≥ 100: the pack's own graduation rule. */
const toyVerdict: RowRule = {
  id: 'toy-verdict',
  scope: 'row',
  check(row) {
    const credits = parseNumber(row.cell('credits'));
    const verdict = row.text('verdict');
    if (credits === null || !VERDICTS.includes(verdict)) return;
    const expected = credits >= 100 ? '准予毕业' : '暂缓毕业';
    if (verdict !== expected) row.add('verdict', packFinding(toyIssues, 'toy-verdict-mismatch', { verdict, expected, credits }, expected));
  },
};

const roll = (year: number): SheetKindSpec => ({
  id: 'roll',
  attachment: '表一',
  title: `${year}届毕业生名册`,
  shortName: '毕业生名册',
  meta: [
    { key: 'school', label: '学校', type: 'text', required: true },
    { key: 'speciality', label: '专业', type: 'text', required: true },
    { key: 'duration', label: '修业年限', type: 'school-length', options: LENGTHS },
  ],
  columns: [
    { key: 'no', header: '序号', type: 'serial' },
    { key: 'studentName', header: '学生姓名', type: 'name', required: true },
    { key: 'sex', header: '性别', type: 'gender', required: true, options: ['男', '女'] },
    { key: 'certId', header: '证件号码', type: 'id-number', required: true },
    { key: 'credits', header: '学分', type: 'credits', required: true },
    { key: 'verdict', header: '毕业结论', type: 'enum', options: VERDICTS, required: true },
    { key: 'diplomaNo', header: '毕业证号', type: 'certificate-number' },
  ],
  footer: [],
  notes: [],
  blankRows: 0,
  inputRows: 5,
  repeatable: true,
  detect: { anyOf: ['verdict', 'diplomaNo'] },
  rules: ['cell-required', 'cell-name', 'cell-gender', 'cell-id', 'cell-credits', 'cell-enum', 'cell-certificate', 'row-gender-id', 'toy-verdict', 'sheet-serial', 'sheet-certificates', 'wb-id-unique', 'wb-certificate-unique'],
});

const tally = (year: number): SheetKindSpec => ({
  id: 'tally',
  attachment: '表二',
  title: `${year}届毕业证号段汇总`,
  shortName: '证号段汇总',
  meta: [{ key: 'school', label: '学校', type: 'text', required: true }],
  columns: [
    { key: 'speciality', header: '专业', type: 'text', required: true },
    { key: 'duration', header: '修业年限', type: 'school-length', options: LENGTHS },
    { key: 'headcount', header: '人数', type: 'integer', required: true },
    { key: 'span', header: '证号段', type: 'certificate-range' },
    { key: 'sum', header: '合计', type: 'integer', scope: 'table' },
  ],
  footer: [],
  notes: [],
  blankRows: 0,
  inputRows: 4,
  repeatable: false,
  detect: { anyOf: ['headcount', 'span'] },
  rules: ['cell-required', 'cell-integer', 'cell-range', 'sheet-table-total', 'sheet-ranges'],
});

const moves = (year: number): SheetKindSpec => ({
  id: 'moves',
  attachment: '表三',
  title: `${year}届学籍变动表`,
  shortName: '学籍变动表',
  meta: [{ key: 'school', label: '学校', type: 'text' }],
  columns: [
    { key: 'studentName', header: '学生姓名', type: 'name', required: true },
    { key: 'certId', header: '证件号码', type: 'id-number', required: true },
    { key: 'speciality', header: '专业', type: 'text' },
    { key: 'kind', header: '变动类型', type: 'enum', options: ['退学', '暂停学业', '更名', '复课'], required: true },
    { key: 'from', header: '变动前', type: 'text', required: true },
    { key: 'to', header: '变动后', type: 'text', required: true },
  ],
  footer: [],
  notes: [],
  blankRows: 0,
  inputRows: 4,
  repeatable: false,
  detect: { anyOf: ['kind', 'from', 'to'] },
  rules: ['cell-required', 'cell-id', 'cell-enum', 'row-change', 'sheet-grouped-by-major'],
});

const roles: PackRoles = {
  schoolMeta: 'school',
  graduates: {
    kind: 'roll',
    name: 'studentName',
    idNumber: 'certId',
    gender: 'sex',
    certificateNumber: 'diplomaNo',
    majorMeta: 'speciality',
    graduated: { column: 'verdict', values: ['准予毕业'] },
  },
  ranges: { kind: 'tally', major: 'speciality', range: 'span', count: 'headcount', total: 'sum', sameAsList: ['duration'] },
  changes: {
    kind: 'moves',
    type: 'kind',
    before: 'from',
    after: 'to',
    name: 'studentName',
    idNumber: 'certId',
    major: 'speciality',
    effects: { 退学: 'transfer-out', 暂停学业: 'suspend', 更名: 'name', 复课: 'resume' },
  },
};

export function toyPack(year: number): TemplatePackSpec {
  return {
    id: `toy-${year}`,
    family: 'toy',
    name: `测试省 ${year} 届毕业证`,
    region: '测试省',
    level: '中职',
    graduationYear: year,
    certificatePrefix: TOY_PREFIX,
    sheetKinds: [roll(year), tally(year), moves(year)],
    workbookRules: ['wb-ranges-list', 'wb-changes-list', 'wb-declared-ranges', 'wb-changes-imply-list'],
    roles,
    rules: [toyVerdict],
    issues: toyIssues,
    ageRange: { min: 14, max: 60 },
  };
}
