/**
 * Messages for the rules' issue codes (see ./codes.ts). zh-CN is what clerks read: say what is wrong with
 * the value in their cell and what to do; English mirrors it for developers and bilingual staff.
 */
import type { BilingualCatalogue, MessageCatalogue } from '../messages/catalogue';
import type { IssueParams } from '../issues/issue';

const s = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
/** “某值” quoted, or （空） for an empty value. */
const q = (v: string | number | undefined): string => (v === undefined || v === '' ? '（空）' : `“${v}”`);
const qe = (v: string | number | undefined): string => (v === undefined || v === '' ? '(empty)' : `"${v}"`);
const at = (p: IssueParams, sheetKey: string, addrKey: string): string =>
  p[sheetKey] !== undefined ? `工作表“${s(p[sheetKey])}”的 ${s(p[addrKey])}` : s(p[addrKey]);
const atEn = (p: IssueParams, sheetKey: string, addrKey: string): string =>
  p[sheetKey] !== undefined ? `${s(p[addrKey])} on sheet "${s(p[sheetKey])}"` : s(p[addrKey]);

const NAME_REASON_ZH: Record<string, string> = {
  digits: '含有数字',
  latin: '含有英文字母',
  symbol: '含有符号',
  length: '只有一个字',
  'dot-position': '间隔号“·”的位置不对（不能在开头、结尾或连用）',
};
const NAME_REASON_EN: Record<string, string> = {
  digits: 'contains digits',
  latin: 'contains Latin letters',
  symbol: 'contains symbols',
  length: 'has a single character',
  'dot-position': 'has the separator “·” at the start, the end or twice in a row',
};

function changeSemanticsZh(p: IssueParams): string {
  const t = `异动类型“${s(p.type)}”`;
  switch (p.rule) {
    case 'same':
      return `${t}的异动前与异动后相同（${q(p.value)}）。请填写变更前和变更后的不同内容。`;
    case 'gender-value':
      return `${t}的异动前、异动后应为“男”或“女”，这里是${q(p.value)}。`;
    case 'gender-id':
      return `性别变更后为“${s(p.value)}”，但身份证号码第 17 位表示“${s(p.idGender)}”。请核对新的性别或身份证号码。`;
    case 'name-format':
      return `${t}的新姓名${q(p.value)}不是规范的中文姓名。请核对。`;
    case 'length-value':
      return `${t}的学制${q(p.value)}无法识别。请填写如“3年”。`;
    case 'repeat-not-lower':
      return `留级应降到低一个年级：异动前${q(p.before)}，异动后${q(p.after)}。请核对年级（如 2019级 → 2020级，或 二年级 → 一年级）。`;
    case 'repeat-unreadable':
      return `留级的异动前、异动后应填写年级（如“2019级”或“二年级”），这里是${q(p.before)}→${q(p.after)}，无法判断是否降级。`;
    case 'transfer-out-before':
      return `转出的异动前应为本校（${q(p.school)}），这里是${q(p.value)}。`;
    case 'transfer-out-after':
      return `转出的异动后应为转入的其他学校，不能是本校${q(p.school)}。`;
    case 'transfer-in-after':
      return `转入的异动后应为本校（${q(p.school)}），这里是${q(p.value)}。`;
    case 'transfer-in-before':
      return `转入的异动前应为原来的其他学校，不能是本校${q(p.school)}。`;
    default:
      return `${t}的异动前/异动后内容不符合要求。`;
  }
}

function changeSemanticsEn(p: IssueParams): string {
  const t = `change type "${s(p.type)}"`;
  switch (p.rule) {
    case 'same':
      return `For ${t}, before and after are the same (${qe(p.value)}). Enter the old and the new value.`;
    case 'gender-value':
      return `For ${t}, before and after must be 男 or 女; found ${qe(p.value)}.`;
    case 'gender-id':
      return `The new gender is ${s(p.value)} but the ID's 17th digit says ${s(p.idGender)}. Check the new gender or the ID.`;
    case 'name-format':
      return `For ${t}, the new name ${qe(p.value)} is not a plausible Chinese name.`;
    case 'length-value':
      return `For ${t}, the length ${qe(p.value)} cannot be read; enter e.g. 3年.`;
    case 'repeat-not-lower':
      return `留级 (repeating a year) must lower the grade: before ${qe(p.before)}, after ${qe(p.after)} (e.g. 2019级 → 2020级, 二年级 → 一年级).`;
    case 'repeat-unreadable':
      return `For 留级, before and after must be grades (2019级, 二年级); ${qe(p.before)} → ${qe(p.after)} cannot be compared.`;
    case 'transfer-out-before':
      return `For 转出, before must be this school (${qe(p.school)}); found ${qe(p.value)}.`;
    case 'transfer-out-after':
      return `For 转出, after must be the other school, not this school ${qe(p.school)}.`;
    case 'transfer-in-after':
      return `For 转入, after must be this school (${qe(p.school)}); found ${qe(p.value)}.`;
    case 'transfer-in-before':
      return `For 转入, before must be the previous school, not this school ${qe(p.school)}.`;
    default:
      return `Before/after do not fit ${t}.`;
  }
}

const zh: MessageCatalogue = {
  'internal-error': () => '校验程序内部出错，本工作簿未能完成检查。请把文件发给技术支持；在此之前请勿提交。',
  'no-template': () =>
    '没有识别出任何模板工作表。请使用官方模板（可从“插入模板”获取），并保留表头行（如“序号、姓名、性别、身份证号码”）。',
  'header-missing': (p) =>
    `${s(p.attachment)}缺少“${s(p.header)}”列。请按官方模板补上这一列的表头（表头文字需与模板一致，可带空格或换行）。`,
  'meta-missing': (p) => `表头上方的“${s(p.label)}”未填写。请在“${s(p.label)}：”后填写。`,
  'required-missing': (p) => `“${s(p.header)}”未填写。请补充。`,
  'name-format': (p) =>
    `姓名${q(p.name)}${NAME_REASON_ZH[s(p.reason)] ?? '不规范'}。请按身份证上的姓名填写（少数民族姓名中间用间隔号“·”）。`,
  'name-spaces': (p) =>
    p.fixed
      ? `姓名${q(p.name)}中有空格。姓名中不能加空格对齐，应改为“${s(p.fixed)}”。`
      : `姓名${q(p.name)}中有空格。若是少数民族姓名，请用间隔号“·”代替空格；否则删除空格。`,
  'name-dot': (p) => `姓名${q(p.name)}中的间隔号不规范，应使用“·”，即“${s(p.fixed)}”。`,
  'gender-invalid': (p) => `性别${q(p.value)}无效，只能填“男”或“女”。`,
  'grade-invalid': (p) =>
    `“${s(p.subject)}”成绩${q(p.value)}无法识别。请填写 0–100 的分数，或等级：优秀、良好、中等、及格、不及格、合格、不合格、优、良、中、差。`,
  'grade-failing': (p) =>
    `“${s(p.subject)}”成绩为${q(p.value)}，未达到及格要求，该生不符合毕业条件，不能办理毕业证书。请核对成绩；确未通过的学生不应列入本表（按结业处理）。`,
  'integer-invalid': (p) => `“${s(p.header)}”应为正整数（人数），这里是${q(p.value)}。`,
  'credits-invalid': (p) => `学分${q(p.value)}无效，应为 0–300 之间的数字。`,
  'mobile-invalid': (p) => `“${s(p.header)}”中没有有效的 11 位手机号码（1 开头，第二位 3–9），这里是${q(p.value)}。`,
  'phone-invalid': (p) => `“${s(p.header)}”中没有有效的电话号码（手机 11 位，或座机如 0771-5815347），这里是${q(p.value)}。`,
  'date-invalid': (p) => `“${s(p.header)}”${q(p.value)}不是有效日期。请填写如 2019-09-01 或 2019年9月。`,
  'school-length-invalid': (p) => `学制${q(p.value)}无法识别。请填写如“3年”。`,
  'enum-invalid': (p) =>
    p.fixed
      ? `“${s(p.header)}”${q(p.value)}应写作“${s(p.fixed)}”。`
      : `“${s(p.header)}”${q(p.value)}不在可选范围内，请从下拉列表选择：${s(p.options)}。`,
  'change-type-invalid': (p) =>
    p.fixed
      ? `异动类型${q(p.value)}应写作“${s(p.fixed)}”。`
      : `异动类型${q(p.value)}无效。只能是：${s(p.options)}。`,
  'ethnicity-invalid': (p) =>
    p.fixed ? `民族应填写全称“${s(p.fixed)}”，这里是${q(p.value)}。` : `民族${q(p.value)}不是 56 个民族的规范名称（如“汉族”“壮族”）。`,
  'cert-format': (p) => `证书编号${q(p.value)}无法识别，应只填写编号数字（前缀“桂教中专毕字（2022）”已在表头中）。`,
  'range-format': (p) => `起止号${q(p.value)}无法识别。请按“起始编号-终止编号”填写，如 2022000101-2022000150。`,
  'gender-id-mismatch': (p) =>
    `性别填写为“${s(p.gender)}”，但身份证号码第 17 位表示“${s(p.idGender)}”（奇数为男，偶数为女）。请核对性别或身份证号码。`,
  'birth-date-mismatch': (p) =>
    `出生日期${q(p.birthDate)}与身份证号码中的出生日期 ${s(p.idBirthDate)} 不一致。请核对（毕业证书信息须与学籍系统一致）。`,
  'enrollment-too-late': (p) =>
    `入学时间 ${s(p.enrollment)} 加学制 ${s(p.length)} 年，最早 ${s(p.earliest)} 年才能毕业，不能列入 ${s(p.graduationYear)} 年毕业生。请核对入学时间和学制。`,
  'conclusion-mismatch': (p) =>
    `结论应为“${s(p.expected)}”（${s(p.reason)}），这里填写为${q(p.conclusion)}。`,
  'change-semantics': changeSemanticsZh,
  'change-column-mismatch': (p) =>
    `这条“${s(p.type)}”异动的异动后为“${s(p.expected)}”，所以“${s(p.header)}”列应填写变更后的值，这里是${q(p.value)}。`,
  'serial-sequence': (p) => `序号应为 ${s(p.expected)}（从 1 开始连续编号），这里是${q(p.found)}。`,
  'cert-out-of-range': (p) => `证书编号 ${s(p.number)} 不在本校（本专业）核发的编号范围内（${s(p.ranges)}）。请按核发的编号填写。`,
  'cert-order': (p) => `证书编号 ${s(p.number)} 小于上一行（${s(p.previousAddress)}）的 ${s(p.previous)}。证书编号应按行的顺序递增填写。`,
  'cert-missing': () => '本表其他学生已填写证书编号，这一行还没有。请补填。',
  'change-not-grouped': (p) =>
    `专业“${s(p.major)}”在 ${s(p.firstAddress)} 已出现过，这里又出现。附件4 须按专业分类排序：请把同一专业的行排在一起。`,
  'total-mismatch': (p) => `毕业生总数为 ${s(p.total)}，但各专业毕业人数合计为 ${s(p.sum)}。请核对。`,
  'range-size': (p) => `起止号 ${s(p.range)} 共 ${s(p.count)} 个编号，但毕业人数为 ${s(p.graduates)}。编号个数须与毕业人数相等。`,
  'range-overlap': (p) => `起止号 ${s(p.range)} 与 ${s(p.otherAddress)} 的 ${s(p.other)} 重叠。各专业的编号范围不能重叠。`,
  'source-school-mixed': (p) =>
    `来源中职学校${q(p.school)}与本表其他行（${q(p.expected)}）不同。请一校一表：每所中职学校单独填一张表。`,
  'cert-duplicate': (p) => `证书编号 ${s(p.number)} 与${at(p, 'otherSheet', 'otherAddress')} 重复。一个编号只能用一次。`,
  'receipt-total-mismatch': (p) =>
    `毕业生总数 ${s(p.total)} 与附件1（${at(p, 'receiptSheet', 'receiptAddress')}）填写的 ${s(p.receiptTotal)} 不一致。毕业生人数须与附件1所填一致。`,
  'major-mismatch': (p) =>
    `“${s(p.field)}”${q(p.value)}与附件2（工作表“${s(p.sheet)}”）的 ${q(p.expected)} 不一致。专业名称、入学时间、学制、教学形式须与附件2所填一致。`,
  'major-not-found': (p) => `专业“${s(p.major)}”没有对应的附件2工作表（按表头上方的“专业名称”查找）。请核对专业名称或补上该专业的附件2。`,
  'major-not-summarized': (p) => `附件2 专业“${s(p.major)}”没有列入附件3（验印审核表）。请在附件3中补上该专业。`,
  'graduates-count-mismatch': (p) =>
    `毕业人数为 ${s(p.graduates)}，但附件2（工作表“${s(p.sheet)}”）列有 ${s(p.listed)} 名学生，应改为 ${s(p.listed)}。`,
  'id-changed-old-on-list': (p) =>
    `这个身份证号码已在附件4（${at(p, 'changeSheet', 'changeAddress')}）变更为 ${s(p.newId)}。附件2 应填写新号码。`,
  'name-changed-old-on-list': (p) =>
    `该生姓名已在附件4（${at(p, 'changeSheet', 'changeAddress')}）由“${s(p.oldName)}”变更为“${s(p.newName)}”。附件2 应填写新姓名。`,
  'transferred-out-listed': (p) =>
    `${q(p.name)}在附件4（${at(p, 'changeSheet', 'changeAddress')}）的最后一次异动是“转出”，不应列入本校毕业生名单。请核对。`,
  'suspended-listed': (p) =>
    `${q(p.name)}在附件4（${at(p, 'changeSheet', 'changeAddress')}）的最后一次异动是“休学”（未复学），不应列入毕业生名单。请核对。`,
  'change-status-unreadable': (p) =>
    `“${s(p.type)}”的异动前${q(p.before)}、异动后${q(p.after)}都无法识别。请填写学籍状态（如“在校”→“休学”，“休学”→“复学”），复学的也可填写复学后的年级（如“2020级”或“高二”）。`,
  'cert-out-of-declared-range': (p) =>
    `证书编号 ${s(p.number)} 不在附件3（${at(p, 'rangeSheet', 'rangeAddress')}）为专业“${s(p.major)}”申报的起止号 ${s(p.range)} 之内。请按该专业的起止号填写证书编号，或核对附件3的起止号。`,
  'transfer-major-old-sheet': (p) =>
    `${q(p.name)}已在附件4（${at(p, 'changeSheet', 'changeAddress')}）由“${s(p.oldMajor)}”转专业到“${s(p.newMajor)}”，不应再列在原专业“${s(p.sheetMajor)}”的附件2中。请把该生移到“${s(p.newMajor)}”专业的附件2，并从本表删除这一行。`,
  'transfer-major-missing': (p) =>
    `${q(p.name)}由“${s(p.oldMajor)}”转专业到“${s(p.newMajor)}”，但在所有附件2中都找不到该生（按身份证号码查找）。若该生今年毕业，请将其列入“${s(p.newMajor)}”专业的附件2；若身份证号码有误，请核对。`,
  'change-grade-not-graduating': (p) =>
    `年级${q(p.grade)}加学制 ${s(p.length)} 年，最早 ${s(p.earliest)} 年才能毕业，但该生列在附件2（${at(p, 'listSheet', 'listAddress')}）的 ${s(p.graduationYear)} 年毕业生名单中。请核对年级、学制，或把该生从附件2中删除。`,
};

const en: MessageCatalogue = {
  'internal-error': () => 'The checker failed on this workbook (internal error); nothing was checked. Please report it and do not submit yet.',
  'no-template': () => 'No sheet is a known template. Use the official template and keep its header row (序号, 姓名, 性别, 身份证号码 …).',
  'header-missing': (p) => `${s(p.attachment)}: the column "${s(p.header)}" is missing. Add it with the official header text.`,
  'meta-missing': (p) => `The line "${s(p.label)}" above the table is not filled in.`,
  'required-missing': (p) => `"${s(p.header)}" is empty.`,
  'name-format': (p) => `The name ${qe(p.name)} ${NAME_REASON_EN[s(p.reason)] ?? 'is not plausible'}. Enter the name as on the ID card (minority names use “·”).`,
  'name-spaces': (p) =>
    p.fixed
      ? `The name ${qe(p.name)} contains spaces; names are not padded. Fix: "${s(p.fixed)}".`
      : `The name ${qe(p.name)} contains spaces. For a minority name use “·” instead; otherwise remove them.`,
  'name-dot': (p) => `The name ${qe(p.name)} uses a look-alike separator. Fix: "${s(p.fixed)}".`,
  'gender-invalid': (p) => `Gender ${qe(p.value)} is invalid: 男 or 女 only.`,
  'grade-invalid': (p) => `The grade ${qe(p.value)} for "${s(p.subject)}" cannot be read: a score 0–100 or a grade word (优秀 … 不及格, 合格/不合格, 优/良/中/差).`,
  'grade-failing': (p) =>
    `The grade ${qe(p.value)} for "${s(p.subject)}" is failing: the student cannot receive a certificate. Check it; a student who failed does not belong on this list.`,
  'integer-invalid': (p) => `"${s(p.header)}" must be a positive integer; found ${qe(p.value)}.`,
  'credits-invalid': (p) => `Credits ${qe(p.value)} are not a number between 0 and 300.`,
  'mobile-invalid': (p) => `"${s(p.header)}" holds no valid 11-digit mobile number; found ${qe(p.value)}.`,
  'phone-invalid': (p) => `"${s(p.header)}" holds no valid phone number; found ${qe(p.value)}.`,
  'date-invalid': (p) => `"${s(p.header)}" ${qe(p.value)} is not a date (e.g. 2019-09-01, 2019年9月).`,
  'school-length-invalid': (p) => `The length of schooling ${qe(p.value)} cannot be read (e.g. 3年).`,
  'enum-invalid': (p) =>
    p.fixed ? `"${s(p.header)}" ${qe(p.value)} should read "${s(p.fixed)}".` : `"${s(p.header)}" ${qe(p.value)} is not one of: ${s(p.options)}.`,
  'change-type-invalid': (p) =>
    p.fixed ? `Change type ${qe(p.value)} should read "${s(p.fixed)}".` : `Change type ${qe(p.value)} is not one of: ${s(p.options)}.`,
  'ethnicity-invalid': (p) =>
    p.fixed ? `Write the full ethnic group name: "${s(p.fixed)}".` : `${qe(p.value)} is not one of the 56 official ethnic group names.`,
  'cert-format': (p) => `Certificate number ${qe(p.value)} cannot be read; enter the digits only.`,
  'range-format': (p) => `Range ${qe(p.value)} cannot be read; write start-end, e.g. 2022000101-2022000150.`,
  'gender-id-mismatch': (p) => `Gender is ${s(p.gender)} but the ID's 17th digit says ${s(p.idGender)}. Check the gender or the ID.`,
  'birth-date-mismatch': (p) => `Birth date ${qe(p.birthDate)} differs from the ID's ${s(p.idBirthDate)}.`,
  'enrollment-too-late': (p) =>
    `Enrolled ${s(p.enrollment)} with ${s(p.length)} years of schooling: cannot graduate before ${s(p.earliest)}, so not in ${s(p.graduationYear)}.`,
  'conclusion-mismatch': (p) => `The conclusion should be ${s(p.expected)} (${s(p.reason)}); found ${qe(p.conclusion)}.`,
  'change-semantics': changeSemanticsEn,
  'change-column-mismatch': (p) =>
    `This ${s(p.type)} change ends in "${s(p.expected)}", so the "${s(p.header)}" column must hold the new value; found ${qe(p.value)}.`,
  'serial-sequence': (p) => `No. should be ${s(p.expected)} (1, 2, 3 … without gaps); found ${qe(p.found)}.`,
  'cert-out-of-range': (p) => `Certificate number ${s(p.number)} is outside the allocated range(s) ${s(p.ranges)}.`,
  'cert-order': (p) => `Certificate number ${s(p.number)} is lower than ${s(p.previous)} in ${s(p.previousAddress)}; numbers follow row order.`,
  'cert-missing': () => 'Other rows of this sheet have certificate numbers; this one has none.',
  'change-not-grouped': (p) => `Major "${s(p.major)}" already appeared at ${s(p.firstAddress)}; 附件4 rows must be grouped by major.`,
  'total-mismatch': (p) => `Total graduates ${s(p.total)} ≠ the sum of the majors' graduates ${s(p.sum)}.`,
  'range-size': (p) => `Range ${s(p.range)} holds ${s(p.count)} numbers but the major has ${s(p.graduates)} graduates.`,
  'range-overlap': (p) => `Range ${s(p.range)} overlaps ${s(p.other)} in ${s(p.otherAddress)}.`,
  'source-school-mixed': (p) => `Source school ${qe(p.school)} differs from the sheet's ${qe(p.expected)}: one sheet per school.`,
  'cert-duplicate': (p) => `Certificate number ${s(p.number)} is also used at ${atEn(p, 'otherSheet', 'otherAddress')}.`,
  'receipt-total-mismatch': (p) =>
    `Total graduates ${s(p.total)} differ from ${s(p.receiptTotal)} on 附件1 (${atEn(p, 'receiptSheet', 'receiptAddress')}).`,
  'major-mismatch': (p) => `"${s(p.field)}" ${qe(p.value)} differs from ${qe(p.expected)} on 附件2 sheet "${s(p.sheet)}".`,
  'major-not-found': (p) => `Major "${s(p.major)}" has no 附件2 sheet.`,
  'major-not-summarized': (p) => `附件2 major "${s(p.major)}" is missing from 附件3.`,
  'graduates-count-mismatch': (p) => `Graduates ${s(p.graduates)}, but 附件2 sheet "${s(p.sheet)}" lists ${s(p.listed)} students.`,
  'id-changed-old-on-list': (p) => `This ID was changed to ${s(p.newId)} on 附件4 (${atEn(p, 'changeSheet', 'changeAddress')}); use the new ID.`,
  'name-changed-old-on-list': (p) =>
    `The name was changed from ${s(p.oldName)} to ${s(p.newName)} on 附件4 (${atEn(p, 'changeSheet', 'changeAddress')}); use the new name.`,
  'transferred-out-listed': (p) => `${qe(p.name)}'s last change on 附件4 (${atEn(p, 'changeSheet', 'changeAddress')}) is 转出: not a graduate of this school.`,
  'suspended-listed': (p) => `${qe(p.name)}'s last change on 附件4 (${atEn(p, 'changeSheet', 'changeAddress')}) is 休学: not on the graduation list.`,
  'change-status-unreadable': (p) =>
    `For ${s(p.type)}, neither before ${qe(p.before)} nor after ${qe(p.after)} can be read: enter a status (在校 → 休学, 休学 → 复学) or, for 复学, the grade returned to (2020级, 高二).`,
  'cert-out-of-declared-range': (p) =>
    `Certificate number ${s(p.number)} is outside the range ${s(p.range)} that 附件3 (${atEn(p, 'rangeSheet', 'rangeAddress')}) declares for major "${s(p.major)}". Use a number of that range, or correct 附件3.`,
  'transfer-major-old-sheet': (p) =>
    `${qe(p.name)} changed major from "${s(p.oldMajor)}" to "${s(p.newMajor)}" on 附件4 (${atEn(p, 'changeSheet', 'changeAddress')}) but is still listed on the 附件2 of the old major "${s(p.sheetMajor)}". Move the student to the 附件2 of "${s(p.newMajor)}".`,
  'transfer-major-missing': (p) =>
    `${qe(p.name)} changed major from "${s(p.oldMajor)}" to "${s(p.newMajor)}" but is on no 附件2 sheet (matched by ID). List the student on the 附件2 of "${s(p.newMajor)}" if graduating, or check the ID.`,
  'change-grade-not-graduating': (p) =>
    `Grade ${qe(p.grade)} with ${s(p.length)} years of schooling cannot graduate before ${s(p.earliest)}, yet the student is on the ${s(p.graduationYear)} list of 附件2 (${atEn(p, 'listSheet', 'listAddress')}). Check the grade and length, or remove the student from 附件2.`,
};

export const ruleMessages: BilingualCatalogue = { 'zh-CN': zh, en };
