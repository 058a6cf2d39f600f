/**
 * Every issue code the rules emit, in ONE place: default severity and where it is placed. Messages live in
 * ./messages.ts (zh-CN first, English); the `id-*` and `xjh-*` codes belong to core/id (its own catalogue),
 * except `id-duplicate`, which the workbook rule `wb-id-unique` places using the id catalogue's message.
 *
 * `where`: structure (header row or meta line) · cell (one cell's value) · row (cells of one row disagree)
 * · sheet (rows of one sheet together) · workbook (across sheets).
 */
import type { Severity } from '../issues/issue';

export interface IssueCodeSpec {
  severity: Severity;
  where: 'structure' | 'cell' | 'row' | 'sheet' | 'workbook';
  /** One line for documentation. */
  summary: string;
}

export const issueCodes = {
  // structure
  'internal-error': { severity: 'error', where: 'structure', summary: 'The checker itself failed on this workbook (a bug): nothing was checked' },
  'no-template': { severity: 'error', where: 'structure', summary: 'No sheet of the workbook is a known template' },
  'header-missing': { severity: 'error', where: 'structure', summary: 'A required column header is not found' },
  'meta-missing': { severity: 'error', where: 'structure', summary: 'A required `label：value` line (专业名称, 学制 …) is empty or absent' },
  // cell
  'required-missing': { severity: 'error', where: 'cell', summary: 'A required cell of a data row is empty' },
  'name-format': { severity: 'error', where: 'cell', summary: '姓名 is not a plausible Chinese name (digits, Latin letters, symbols, length, misplaced ·)' },
  'name-spaces': { severity: 'error', where: 'cell', summary: '姓名 holds padding spaces; fix removes them (short names)' },
  'name-dot': { severity: 'warning', where: 'cell', summary: 'A minority name uses a look-alike of the separator ·; fix uses U+00B7' },
  'gender-invalid': { severity: 'error', where: 'cell', summary: '性别 is not 男/女; fix when unambiguous (M, 男性, female …)' },
  'grade-invalid': { severity: 'error', where: 'cell', summary: 'A grade is neither a 0–100 score nor a grade word' },
  'grade-failing': { severity: 'error', where: 'cell', summary: 'A failing grade (< 60, 不及格, 不合格, 差): the student cannot receive a certificate' },
  'integer-invalid': { severity: 'error', where: 'cell', summary: 'A count is not a positive integer' },
  'credits-invalid': { severity: 'error', where: 'cell', summary: '学分 is not a number between 0 and 300' },
  'mobile-invalid': { severity: 'error', where: 'cell', summary: 'No 11-digit mobile number 1[3-9]… found' },
  'phone-invalid': { severity: 'error', where: 'cell', summary: 'No mobile or landline number found' },
  'date-invalid': { severity: 'error', where: 'cell', summary: 'A date cannot be read' },
  'school-length-invalid': { severity: 'error', where: 'cell', summary: '学制 is not a length in years (3, 3年, 三年)' },
  'enum-invalid': { severity: 'error', where: 'cell', summary: 'A value is not one of the options; fix when it only differs by spacing or a synonym' },
  'change-type-invalid': { severity: 'error', where: 'cell', summary: '异动类型 is not one of the ten types of 附件4' },
  'ethnicity-invalid': { severity: 'error', where: 'cell', summary: '民族 is not one of the 56 official names; fix adds 族 (汉 → 汉族)' },
  'cert-format': { severity: 'error', where: 'cell', summary: '证书编号 is not a serial number' },
  'range-format': { severity: 'error', where: 'cell', summary: '起止号 is not `start-end`' },
  // row
  'gender-id-mismatch': { severity: 'error', where: 'row', summary: '性别 disagrees with the 17th digit of the ID' },
  'birth-date-mismatch': { severity: 'error', where: 'row', summary: '出生日期 disagrees with the birth date in the ID' },
  'enrollment-too-late': { severity: 'error', where: 'row', summary: '入学时间 + 学制 does not reach the graduation year' },
  'conclusion-mismatch': { severity: 'error', where: 'row', summary: 'Hubei 结论 disagrees with 学分/思想品德与公民素养/体质健康; fix = the expected conclusion' },
  'change-semantics': { severity: 'error', where: 'row', summary: '异动前/异动后 do not fit the 异动类型 (param `rule`)' },
  'change-column-mismatch': { severity: 'error', where: 'row', summary: 'The 姓名/身份证号码/学制/专业名称 column does not hold the new value of the change; fix = 异动后' },
  'change-status-unreadable': { severity: 'warning', where: 'row', summary: '附件4 休学/复学: neither 异动前 nor 异动后 is a status word (在读/在校/休学/复学) or a grade (2020级, 高二)' },
  // sheet
  'serial-sequence': { severity: 'warning', where: 'sheet', summary: '序号 does not run 1..n; fix = the expected number' },
  'cert-out-of-range': { severity: 'error', where: 'sheet', summary: '证书编号 outside the allocated range(s)' },
  'cert-order': { severity: 'warning', where: 'sheet', summary: '证书编号 does not increase in row order' },
  'cert-missing': { severity: 'warning', where: 'sheet', summary: 'Some rows have 证书编号 and this one has none' },
  'change-not-grouped': { severity: 'warning', where: 'sheet', summary: '附件4 rows are not grouped by 专业名称' },
  'total-mismatch': { severity: 'error', where: 'sheet', summary: '附件3: Σ 毕业人数 ≠ 毕业生总数' },
  'range-size': { severity: 'error', where: 'sheet', summary: '附件3: an 起止号 range does not hold exactly 毕业人数 numbers' },
  'range-overlap': { severity: 'error', where: 'sheet', summary: '附件3: two 起止号 ranges overlap' },
  'source-school-mixed': { severity: 'warning', where: 'sheet', summary: '附件5: several source schools on one sheet (一校一表)' },
  // workbook
  'id-duplicate': { severity: 'error', where: 'workbook', summary: 'The same ID twice among the sheets of one kind (all 附件2 sheets together)' },
  'cert-duplicate': { severity: 'error', where: 'workbook', summary: 'The same 证书编号 twice in the workbook' },
  'receipt-total-mismatch': { severity: 'error', where: 'workbook', summary: '附件3 毕业生总数 ≠ 附件1 毕业生总数' },
  'major-mismatch': { severity: 'error', where: 'workbook', summary: '附件3 专业名称/入学时间/学制/教学形式 ≠ the 附件2 sheet of that major' },
  'major-not-found': { severity: 'error', where: 'workbook', summary: 'A major of 附件3 has no 附件2 sheet' },
  'major-not-summarized': { severity: 'error', where: 'workbook', summary: 'A 附件2 major is missing from 附件3' },
  'graduates-count-mismatch': { severity: 'error', where: 'workbook', summary: '附件3 毕业人数 ≠ the students listed on that major’s 附件2; fix = the count' },
  'id-changed-old-on-list': { severity: 'error', where: 'workbook', summary: '附件2 holds an ID that 附件4 changed; fix = the new ID' },
  'name-changed-old-on-list': { severity: 'error', where: 'workbook', summary: '附件2 holds a name that 附件4 changed; fix = the new name' },
  'transferred-out-listed': { severity: 'error', where: 'workbook', summary: 'A student whose last change is 转出 is on 附件2' },
  'suspended-listed': { severity: 'error', where: 'workbook', summary: 'A student whose last change is 休学 is on 附件2' },
  'cert-out-of-declared-range': { severity: 'error', where: 'workbook', summary: '附件2 证书编号 outside the 起止号 that 附件3 declares for that major (only without allocatedRanges)' },
  'transfer-major-old-sheet': { severity: 'error', where: 'workbook', summary: 'A student who changed major (附件4 转专业) is listed on the 附件2 sheet of the old major' },
  'transfer-major-missing': { severity: 'warning', where: 'workbook', summary: 'A student who changed major (附件4 转专业) is on no 附件2 sheet (unless the last change is 休学/转出)' },
  'change-grade-not-graduating': { severity: 'warning', where: 'workbook', summary: '附件4 年级 + 学制 of a student listed on 附件2 does not reach the graduation year' },
  // relations both ways and campaign year (core/rules/relation-rules.ts)
  'number-as-text': { severity: 'warning', where: 'cell', summary: 'A count typed as text with a unit (79人) or in full-width digits; fix = the number' },
  'year-mismatch': { severity: 'warning', where: 'structure', summary: 'A title or the 证书编号 sub-header names another year than the campaign’s; fix = the text with the campaign year' },
  'date-implausible': { severity: 'warning', where: 'structure', summary: 'A date filled in during the campaign (填报日期, 填写日期) lies in another year' },
  'change-student-not-listed': { severity: 'warning', where: 'workbook', summary: 'A student whose last 附件4 change is 转入/复学 is on no 附件2 sheet' },
  'change-length-list-mismatch': { severity: 'error', where: 'workbook', summary: 'A 学制变更’s 异动后 differs from the 学制 of the 附件2 sheet the student is on' },
  'change-list-mismatch': { severity: 'warning', where: 'workbook', summary: 'A student’s last 附件4 row: 专业名称/学制 differs from the 附件2 sheet the student is on; fix = the sheet’s value' },
  'college-other-school': { severity: 'warning', where: 'workbook', summary: '附件5 来源中职学校名称 is not this school (the workbook’s 学校名称)' },
  'college-student-not-listed': { severity: 'warning', where: 'workbook', summary: 'A student a college reports as from this school is on no 附件2 sheet' },
  'college-name-mismatch': { severity: 'warning', where: 'workbook', summary: 'A 附件5 student’s 姓名 differs from the 附件2 row with the same ID' },
} as const satisfies Record<string, IssueCodeSpec>;

export type RuleIssueCode = keyof typeof issueCodes;

export function severityOf(code: string): Severity {
  return (issueCodes as Record<string, IssueCodeSpec>)[code]?.severity ?? 'error';
}
