/**
 * Every issue code the core's generic rules emit, each defined ONCE (core/issues/define.ts): severity, where
 * it is placed, summary, group title and message in zh-CN and English, params by name. zh-CN is what clerks
 * read: say what is wrong with the value in their cell and what to do; English mirrors it. Codes of one
 * pack's own rules live in that pack (core/packs/<pack>/issues.ts); `id-*`/`xjh-*` in core/issues/id-issues.ts.
 */
import { issue, type ParamValue } from '../issues/define';
import { at, atEn, kind, kindEn, q, qe, s } from '../messages/format';

type NoParams = Record<never, never>;
type ChangeSemanticsParams = { after?: ParamValue; before?: ParamValue; idGender?: ParamValue; rule?: ParamValue; school?: ParamValue; type?: ParamValue; value?: ParamValue };

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

function changeSemanticsZh(p: ChangeSemanticsParams): string {
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
      return `${s(p.type)}应降到低一个年级：异动前${q(p.before)}，异动后${q(p.after)}。请核对年级（如 2019级 → 2020级，或 二年级 → 一年级）。`;
    case 'repeat-unreadable':
      return `${s(p.type)}的异动前、异动后应填写年级（如“2019级”或“二年级”），这里是${q(p.before)}→${q(p.after)}，无法判断是否降级。`;
    case 'transfer-out-before':
      return `${s(p.type)}的异动前应为本校（${q(p.school)}），这里是${q(p.value)}。`;
    case 'transfer-out-after':
      return `${s(p.type)}的异动后应为转入的其他学校，不能是本校${q(p.school)}。`;
    case 'transfer-in-after':
      return `${s(p.type)}的异动后应为本校（${q(p.school)}），这里是${q(p.value)}。`;
    case 'transfer-in-before':
      return `${s(p.type)}的异动前应为原来的其他学校，不能是本校${q(p.school)}。`;
    default:
      return `${t}的异动前/异动后内容不符合要求。`;
  }
}

function changeSemanticsEn(p: ChangeSemanticsParams): string {
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
      return `${s(p.type)} (repeating a year) must lower the grade: before ${qe(p.before)}, after ${qe(p.after)} (e.g. 2019级 → 2020级, 二年级 → 一年级).`;
    case 'repeat-unreadable':
      return `For ${s(p.type)}, before and after must be grades (2019级, 二年级); ${qe(p.before)} → ${qe(p.after)} cannot be compared.`;
    case 'transfer-out-before':
      return `For ${s(p.type)}, before must be this school (${qe(p.school)}); found ${qe(p.value)}.`;
    case 'transfer-out-after':
      return `For ${s(p.type)}, after must be the other school, not this school ${qe(p.school)}.`;
    case 'transfer-in-after':
      return `For ${s(p.type)}, after must be this school (${qe(p.school)}); found ${qe(p.value)}.`;
    case 'transfer-in-before':
      return `For ${s(p.type)}, before must be the previous school, not this school ${qe(p.school)}.`;
    default:
      return `Before/after do not fit ${t}.`;
  }
}

export const ruleIssues = {
  'internal-error': issue<NoParams>({
    severity: 'error',
    where: 'structure',
    summary: 'The checker itself failed on this workbook (a bug): nothing was checked',
    title: { 'zh-CN': '检查程序出错', en: 'The checker failed' },
    message: {
      'zh-CN': () => '校验程序内部出错，本工作簿未能完成检查。请把文件发给技术支持；在此之前请勿提交。',
      en: () => 'The checker failed on this workbook (internal error); nothing was checked. Please report it and do not submit yet.',
    },
  }),
  'no-template': issue<NoParams>({
    severity: 'error',
    where: 'structure',
    summary: 'No sheet of the workbook is a known template',
    title: { 'zh-CN': '没有识别到模板', en: 'No template recognised' },
    message: {
      'zh-CN': () =>
        '没有识别出任何模板工作表。请使用官方模板（可从“插入模板”获取），并保留表头行（如“序号、姓名、性别、身份证号码”）。',
      en: () => 'No sheet is a known template. Use the official template and keep its header row (序号, 姓名, 性别, 身份证号码 …).',
    },
  }),
  'header-missing': issue<{ attachment?: ParamValue; header?: ParamValue }>({
    severity: 'error',
    where: 'structure',
    summary: 'A required column header is not found',
    title: { 'zh-CN': '缺少表头列', en: 'Header column missing' },
    message: {
      'zh-CN': (p) =>
        `${s(p.attachment)}缺少“${s(p.header)}”列。请按官方模板补上这一列的表头（表头文字需与模板一致，可带空格或换行）。`,
      en: (p) => `${s(p.attachment)}: the column "${s(p.header)}" is missing. Add it with the official header text.`,
    },
  }),
  'meta-missing': issue<{ label?: ParamValue }>({
    severity: 'error',
    where: 'structure',
    summary: 'A required `label：value` line (专业名称, 学制 …) is empty or absent',
    title: { 'zh-CN': '表头信息缺失（专业名称、学制等）', en: 'Table information missing' },
    message: {
      'zh-CN': (p) => `表头上方的“${s(p.label)}”未填写。请在“${s(p.label)}：”后填写。`,
      en: (p) => `The line "${s(p.label)}" above the table is not filled in.`,
    },
  }),
  'required-missing': issue<{ header?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: 'A required cell of a data row is empty',
    title: { 'zh-CN': '必填项为空', en: 'Required cell empty' },
    message: {
      'zh-CN': (p) => `“${s(p.header)}”未填写。请补充。`,
      en: (p) => `"${s(p.header)}" is empty.`,
    },
  }),
  'name-format': issue<{ name?: ParamValue; reason?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: '姓名 is not a plausible Chinese name (digits, Latin letters, symbols, length, misplaced ·)',
    title: { 'zh-CN': '姓名不规范', en: 'Name malformed' },
    message: {
      'zh-CN': (p) =>
        `姓名${q(p.name)}${NAME_REASON_ZH[s(p.reason)] ?? '不规范'}。请按身份证上的姓名填写（少数民族姓名中间用间隔号“·”）。`,
      en: (p) => `The name ${qe(p.name)} ${NAME_REASON_EN[s(p.reason)] ?? 'is not plausible'}. Enter the name as on the ID card (minority names use “·”).`,
    },
  }),
  'name-spaces': issue<{ fixed?: ParamValue; name?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: '姓名 holds padding spaces; fix removes them (short names)',
    title: { 'zh-CN': '姓名含空格', en: 'Spaces in name' },
    message: {
      'zh-CN': (p) =>
        p.fixed
          ? `姓名${q(p.name)}中有空格。姓名中不能加空格对齐，应改为“${s(p.fixed)}”。`
          : `姓名${q(p.name)}中有空格。若是少数民族姓名，请用间隔号“·”代替空格；否则删除空格。`,
      en: (p) =>
        p.fixed
          ? `The name ${qe(p.name)} contains spaces; names are not padded. Fix: "${s(p.fixed)}".`
          : `The name ${qe(p.name)} contains spaces. For a minority name use “·” instead; otherwise remove them.`,
    },
  }),
  'name-dot': issue<{ fixed?: ParamValue; name?: ParamValue }>({
    severity: 'warning',
    where: 'cell',
    summary: 'A minority name uses a look-alike of the separator ·; fix uses U+00B7',
    title: { 'zh-CN': '姓名间隔号不规范', en: 'Wrong separator dot in name' },
    message: {
      'zh-CN': (p) => `姓名${q(p.name)}中的间隔号不规范，应使用“·”，即“${s(p.fixed)}”。`,
      en: (p) => `The name ${qe(p.name)} uses a look-alike separator. Fix: "${s(p.fixed)}".`,
    },
  }),
  'gender-invalid': issue<{ value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: '性别 is not 男/女; fix when unambiguous (M, 男性, female …)',
    title: { 'zh-CN': '性别填写错误', en: 'Gender invalid' },
    message: {
      'zh-CN': (p) => `性别${q(p.value)}无效，只能填“男”或“女”。`,
      en: (p) => `Gender ${qe(p.value)} is invalid: 男 or 女 only.`,
    },
  }),
  'grade-invalid': issue<{ subject?: ParamValue; value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: 'A grade is neither a 0–100 score nor a grade word',
    title: { 'zh-CN': '成绩无法识别', en: 'Grade unreadable' },
    message: {
      'zh-CN': (p) =>
        `“${s(p.subject)}”成绩${q(p.value)}无法识别。请填写 0–100 的分数，或等级：优秀、良好、中等、及格、不及格、合格、不合格、优、良、中、差。`,
      en: (p) => `The grade ${qe(p.value)} for "${s(p.subject)}" cannot be read: a score 0–100 or a grade word (优秀 … 不及格, 合格/不合格, 优/良/中/差).`,
    },
  }),
  'grade-failing': issue<{ subject?: ParamValue; value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: 'A failing grade (< 60, 不及格, 不合格, 差): the student cannot receive a certificate',
    title: { 'zh-CN': '成绩不合格（不能发证）', en: 'Failing grade (no certificate)' },
    message: {
      'zh-CN': (p) =>
        `“${s(p.subject)}”成绩为${q(p.value)}，未达到及格要求，该生不符合毕业条件，不能办理毕业证书。请核对成绩；确未通过的学生不应列入本表（按结业处理）。`,
      en: (p) =>
        `The grade ${qe(p.value)} for "${s(p.subject)}" is failing: the student cannot receive a certificate. Check it; a student who failed does not belong on this list.`,
    },
  }),
  'integer-invalid': issue<{ header?: ParamValue; value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: 'A count is not a positive integer',
    title: { 'zh-CN': '人数不是正整数', en: 'Count not a positive integer' },
    message: {
      'zh-CN': (p) => `“${s(p.header)}”应为正整数（人数），这里是${q(p.value)}。`,
      en: (p) => `"${s(p.header)}" must be a positive integer; found ${qe(p.value)}.`,
    },
  }),
  'credits-invalid': issue<{ value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: '学分 is not a number between 0 and 300',
    title: { 'zh-CN': '学分错误', en: 'Credits invalid' },
    message: {
      'zh-CN': (p) => `学分${q(p.value)}无效，应为 0–300 之间的数字。`,
      en: (p) => `Credits ${qe(p.value)} are not a number between 0 and 300.`,
    },
  }),
  'mobile-invalid': issue<{ header?: ParamValue; value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: 'No 11-digit mobile number 1[3-9]… found',
    title: { 'zh-CN': '手机号码错误', en: 'Mobile number invalid' },
    message: {
      'zh-CN': (p) => `“${s(p.header)}”中没有有效的 11 位手机号码（1 开头，第二位 3–9），这里是${q(p.value)}。`,
      en: (p) => `"${s(p.header)}" holds no valid 11-digit mobile number; found ${qe(p.value)}.`,
    },
  }),
  'phone-invalid': issue<{ header?: ParamValue; value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: 'No mobile or landline number found',
    title: { 'zh-CN': '联系电话错误', en: 'Phone number invalid' },
    message: {
      'zh-CN': (p) => `“${s(p.header)}”中没有有效的电话号码（手机 11 位，或座机如 0771-5815347），这里是${q(p.value)}。`,
      en: (p) => `"${s(p.header)}" holds no valid phone number; found ${qe(p.value)}.`,
    },
  }),
  'date-invalid': issue<{ header?: ParamValue; value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: 'A date cannot be read',
    title: { 'zh-CN': '日期无法识别', en: 'Date unreadable' },
    message: {
      'zh-CN': (p) => `“${s(p.header)}”${q(p.value)}不是有效日期。请填写如 2019-09-01 或 2019年9月。`,
      en: (p) => `"${s(p.header)}" ${qe(p.value)} is not a date (e.g. 2019-09-01, 2019年9月).`,
    },
  }),
  'school-length-invalid': issue<{ value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: '学制 is not a length in years (3, 3年, 三年)',
    title: { 'zh-CN': '学制错误', en: 'Programme length invalid' },
    message: {
      'zh-CN': (p) => `学制${q(p.value)}无法识别。请填写如“3年”。`,
      en: (p) => `The length of schooling ${qe(p.value)} cannot be read (e.g. 3年).`,
    },
  }),
  'enum-invalid': issue<{ fixed?: ParamValue; header?: ParamValue; options?: ParamValue; value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: 'A value is not one of the options; fix when it only differs by spacing or a synonym',
    title: { 'zh-CN': '不是可选值', en: 'Not one of the options' },
    message: {
      'zh-CN': (p) =>
        p.fixed
          ? `“${s(p.header)}”${q(p.value)}应写作“${s(p.fixed)}”。`
          : `“${s(p.header)}”${q(p.value)}不在可选范围内，请从下拉列表选择：${s(p.options)}。`,
      en: (p) =>
        p.fixed ? `"${s(p.header)}" ${qe(p.value)} should read "${s(p.fixed)}".` : `"${s(p.header)}" ${qe(p.value)} is not one of: ${s(p.options)}.`,
    },
  }),
  'change-type-invalid': issue<{ fixed?: ParamValue; options?: ParamValue; value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: '异动类型 is not one of the ten types of 附件4',
    title: { 'zh-CN': '异动类型错误', en: 'Change type invalid' },
    message: {
      'zh-CN': (p) =>
        p.fixed
          ? `异动类型${q(p.value)}应写作“${s(p.fixed)}”。`
          : `异动类型${q(p.value)}无效。只能是：${s(p.options)}。`,
      en: (p) =>
        p.fixed ? `Change type ${qe(p.value)} should read "${s(p.fixed)}".` : `Change type ${qe(p.value)} is not one of: ${s(p.options)}.`,
    },
  }),
  'ethnicity-invalid': issue<{ fixed?: ParamValue; value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: '民族 is not one of the 56 official names; fix adds 族 (汉 → 汉族)',
    title: { 'zh-CN': '民族名称错误', en: 'Ethnicity invalid' },
    message: {
      'zh-CN': (p) =>
        p.fixed ? `民族应填写全称“${s(p.fixed)}”，这里是${q(p.value)}。` : `民族${q(p.value)}不是 56 个民族的规范名称（如“汉族”“壮族”）。`,
      en: (p) =>
        p.fixed ? `Write the full ethnic group name: "${s(p.fixed)}".` : `${qe(p.value)} is not one of the 56 official ethnic group names.`,
    },
  }),
  'cert-format': issue<{ value?: ParamValue; prefix?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: '证书编号 is not a serial number',
    title: { 'zh-CN': '证书编号格式错误', en: 'Certificate number malformed' },
    message: {
      'zh-CN': (p) =>
        `证书编号${q(p.value)}无法识别，应只填写编号数字${p.prefix ? `（前缀“${s(p.prefix)}”已在表头中）` : ''}。`,
      en: (p) => `Certificate number ${qe(p.value)} cannot be read; enter the digits only.`,
    },
  }),
  'range-format': issue<{ value?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: '起止号 is not `start-end`',
    title: { 'zh-CN': '起止号格式错误', en: 'Number range malformed' },
    message: {
      'zh-CN': (p) => `起止号${q(p.value)}无法识别。请按“起始编号-终止编号”填写，如 2022000101-2022000150。`,
      en: (p) => `Range ${qe(p.value)} cannot be read; write start-end, e.g. 2022000101-2022000150.`,
    },
  }),
  'gender-id-mismatch': issue<{ gender?: ParamValue; idGender?: ParamValue }>({
    severity: 'error',
    where: 'row',
    summary: '性别 disagrees with the 17th digit of the ID',
    title: { 'zh-CN': '性别与身份证号码不符', en: 'Gender does not match the ID' },
    message: {
      'zh-CN': (p) =>
        `性别填写为“${s(p.gender)}”，但身份证号码第 17 位表示“${s(p.idGender)}”（奇数为男，偶数为女）。请核对性别或身份证号码。`,
      en: (p) => `Gender is ${s(p.gender)} but the ID's 17th digit says ${s(p.idGender)}. Check the gender or the ID.`,
    },
  }),
  'birth-date-mismatch': issue<{ birthDate?: ParamValue; idBirthDate?: ParamValue }>({
    severity: 'error',
    where: 'row',
    summary: '出生日期 disagrees with the birth date in the ID',
    title: { 'zh-CN': '出生日期与身份证号码不符', en: 'Birth date does not match the ID' },
    message: {
      'zh-CN': (p) =>
        `出生日期${q(p.birthDate)}与身份证号码中的出生日期 ${s(p.idBirthDate)} 不一致。请核对（毕业证书信息须与学籍系统一致）。`,
      en: (p) => `Birth date ${qe(p.birthDate)} differs from the ID's ${s(p.idBirthDate)}.`,
    },
  }),
  'enrollment-too-late': issue<{ earliest?: ParamValue; enrollment?: ParamValue; graduationYear?: ParamValue; length?: ParamValue }>({
    severity: 'error',
    where: 'row',
    summary: '入学时间 + 学制 does not reach the graduation year',
    title: { 'zh-CN': '入学时间加学制未到毕业年份', en: 'Enrolment too late to graduate' },
    message: {
      'zh-CN': (p) =>
        `入学时间 ${s(p.enrollment)} 加学制 ${s(p.length)} 年，最早 ${s(p.earliest)} 年才能毕业，不能列入 ${s(p.graduationYear)} 年毕业生。请核对入学时间和学制。`,
      en: (p) =>
        `Enrolled ${s(p.enrollment)} with ${s(p.length)} years of schooling: cannot graduate before ${s(p.earliest)}, so not in ${s(p.graduationYear)}.`,
    },
  }),
  'change-semantics': issue<ChangeSemanticsParams>({
    severity: 'error',
    where: 'row',
    summary: '异动前/异动后 do not fit the 异动类型 (param `rule`)',
    title: { 'zh-CN': '异动前后内容与异动类型不符', en: 'Change does not fit its type' },
    message: {
      'zh-CN': changeSemanticsZh,
      en: changeSemanticsEn,
    },
  }),
  'change-column-mismatch': issue<{ expected?: ParamValue; header?: ParamValue; type?: ParamValue; value?: ParamValue }>({
    severity: 'error',
    where: 'row',
    summary: 'The 姓名/身份证号码/学制/专业名称 column does not hold the new value of the change; fix = 异动后',
    title: { 'zh-CN': '信息未改为异动后的值', en: 'Column does not hold the changed value' },
    message: {
      'zh-CN': (p) =>
        `这条“${s(p.type)}”异动的异动后为“${s(p.expected)}”，所以“${s(p.header)}”列应填写变更后的值，这里是${q(p.value)}。`,
      en: (p) =>
        `This ${s(p.type)} change ends in "${s(p.expected)}", so the "${s(p.header)}" column must hold the new value; found ${qe(p.value)}.`,
    },
  }),
  'change-status-unreadable': issue<{ after?: ParamValue; before?: ParamValue; type?: ParamValue }>({
    severity: 'warning',
    where: 'row',
    summary: '附件4 休学/复学: neither 异动前 nor 异动后 is a status word (在读/在校/休学/复学) or a grade (2020级, 高二)',
    title: { 'zh-CN': '休学/复学的异动前后无法识别', en: 'Suspension/return status unreadable' },
    message: {
      'zh-CN': (p) =>
        `“${s(p.type)}”的异动前${q(p.before)}、异动后${q(p.after)}都无法识别。请填写学籍状态（如“在校”→“休学”，“休学”→“复学”），复学的也可填写复学后的年级（如“2020级”或“高二”）。`,
      en: (p) =>
        `For ${s(p.type)}, neither before ${qe(p.before)} nor after ${qe(p.after)} can be read: enter a status (在校 → 休学, 休学 → 复学) or, for 复学, the grade returned to (2020级, 高二).`,
    },
  }),
  'serial-sequence': issue<{ expected?: ParamValue; found?: ParamValue }>({
    severity: 'warning',
    where: 'sheet',
    summary: '序号 does not run 1..n; fix = the expected number',
    title: { 'zh-CN': '序号不连续', en: 'Serial numbers out of sequence' },
    message: {
      'zh-CN': (p) => `序号应为 ${s(p.expected)}（从 1 开始连续编号），这里是${q(p.found)}。`,
      en: (p) => `No. should be ${s(p.expected)} (1, 2, 3 … without gaps); found ${qe(p.found)}.`,
    },
  }),
  'cert-out-of-range': issue<{ number?: ParamValue; ranges?: ParamValue }>({
    severity: 'error',
    where: 'sheet',
    summary: '证书编号 outside the allocated range(s)',
    title: { 'zh-CN': '证书编号超出分配范围', en: 'Certificate number outside the allocation' },
    message: {
      'zh-CN': (p) => `证书编号 ${s(p.number)} 不在本校（本专业）核发的编号范围内（${s(p.ranges)}）。请按核发的编号填写。`,
      en: (p) => `Certificate number ${s(p.number)} is outside the allocated range(s) ${s(p.ranges)}.`,
    },
  }),
  'cert-order': issue<{ number?: ParamValue; previous?: ParamValue; previousAddress?: ParamValue }>({
    severity: 'warning',
    where: 'sheet',
    summary: '证书编号 does not increase in row order',
    title: { 'zh-CN': '证书编号未按顺序', en: 'Certificate numbers out of order' },
    message: {
      'zh-CN': (p) => `证书编号 ${s(p.number)} 小于上一行（${s(p.previousAddress)}）的 ${s(p.previous)}。证书编号应按行的顺序递增填写。`,
      en: (p) => `Certificate number ${s(p.number)} is lower than ${s(p.previous)} in ${s(p.previousAddress)}; numbers follow row order.`,
    },
  }),
  'cert-missing': issue<NoParams>({
    severity: 'warning',
    where: 'sheet',
    summary: 'Some rows have 证书编号 and this one has none',
    title: { 'zh-CN': '缺少证书编号', en: 'Certificate number missing' },
    message: {
      'zh-CN': () => '本表其他学生已填写证书编号，这一行还没有。请补填。',
      en: () => 'Other rows of this sheet have certificate numbers; this one has none.',
    },
  }),
  'change-not-grouped': issue<{ firstAddress?: ParamValue; major?: ParamValue }>({
    severity: 'warning',
    where: 'sheet',
    summary: '附件4 rows are not grouped by 专业名称',
    title: { 'zh-CN': '异动记录未按专业排列', en: 'Changes not grouped by major' },
    message: {
      'zh-CN': (p) =>
        `专业“${s(p.major)}”在 ${s(p.firstAddress)} 已出现过，这里又出现。附件4 须按专业分类排序：请把同一专业的行排在一起。`,
      en: (p) => `Major "${s(p.major)}" already appeared at ${s(p.firstAddress)}; 附件4 rows must be grouped by major.`,
    },
  }),
  'total-mismatch': issue<{ sum?: ParamValue; total?: ParamValue }>({
    severity: 'error',
    where: 'sheet',
    summary: '附件3: Σ 毕业人数 ≠ 毕业生总数',
    title: { 'zh-CN': '毕业人数合计与总数不符', en: 'Graduate counts do not add up' },
    message: {
      'zh-CN': (p) => `毕业生总数为 ${s(p.total)}，但各专业毕业人数合计为 ${s(p.sum)}。请核对。`,
      en: (p) => `Total graduates ${s(p.total)} ≠ the sum of the majors' graduates ${s(p.sum)}.`,
    },
  }),
  'range-size': issue<{ count?: ParamValue; graduates?: ParamValue; range?: ParamValue }>({
    severity: 'error',
    where: 'sheet',
    summary: '附件3: an 起止号 range does not hold exactly 毕业人数 numbers',
    title: { 'zh-CN': '起止号数量与毕业人数不符', en: 'Range size differs from graduates' },
    message: {
      'zh-CN': (p) => `起止号 ${s(p.range)} 共 ${s(p.count)} 个编号，但毕业人数为 ${s(p.graduates)}。编号个数须与毕业人数相等。`,
      en: (p) => `Range ${s(p.range)} holds ${s(p.count)} numbers but the major has ${s(p.graduates)} graduates.`,
    },
  }),
  'range-overlap': issue<{ other?: ParamValue; otherAddress?: ParamValue; range?: ParamValue }>({
    severity: 'error',
    where: 'sheet',
    summary: '附件3: two 起止号 ranges overlap',
    title: { 'zh-CN': '起止号范围重叠', en: 'Number ranges overlap' },
    message: {
      'zh-CN': (p) => `起止号 ${s(p.range)} 与 ${s(p.otherAddress)} 的 ${s(p.other)} 重叠。各专业的编号范围不能重叠。`,
      en: (p) => `Range ${s(p.range)} overlaps ${s(p.other)} in ${s(p.otherAddress)}.`,
    },
  }),
  'cert-duplicate': issue<{ number?: ParamValue; otherAddress?: ParamValue; otherSheet?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: 'The same 证书编号 twice in the workbook',
    title: { 'zh-CN': '证书编号重复', en: 'Duplicate certificate number' },
    message: {
      'zh-CN': (p) => `证书编号 ${s(p.number)} 与${at(p, 'otherSheet', 'otherAddress')} 重复。一个编号只能用一次。`,
      en: (p) => `Certificate number ${s(p.number)} is also used at ${atEn(p, 'otherSheet', 'otherAddress')}.`,
    },
  }),
  'receipt-total-mismatch': issue<{ receiptAddress?: ParamValue; receiptSheet?: ParamValue; receiptTotal?: ParamValue; total?: ParamValue; receiptName?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: '附件3 毕业生总数 ≠ 附件1 毕业生总数',
    title: { 'zh-CN': '审核表总数与回执不符', en: 'Total differs from the receipt' },
    message: {
      'zh-CN': (p) =>
        `毕业生总数 ${s(p.total)} 与${kind(p.receiptName, 'receipt')}（${at(p, 'receiptSheet', 'receiptAddress')}）填写的 ${s(p.receiptTotal)} 不一致。毕业生人数须与${kind(p.receiptName, 'receipt')}所填一致。`,
      en: (p) =>
        `Total graduates ${s(p.total)} differ from ${s(p.receiptTotal)} on ${kindEn(p.receiptName, 'receipt')} (${atEn(p, 'receiptSheet', 'receiptAddress')}).`,
    },
  }),
  'major-mismatch': issue<{ expected?: ParamValue; field?: ParamValue; sheet?: ParamValue; value?: ParamValue; listName?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: '附件3 专业名称/入学时间/学制/教学形式 ≠ the 附件2 sheet of that major',
    title: { 'zh-CN': '审核表专业信息与登记表不符', en: 'Major details differ from 附件2' },
    message: {
      'zh-CN': (p) =>
        `“${s(p.field)}”${q(p.value)}与${kind(p.listName, 'list')}（工作表“${s(p.sheet)}”）的 ${q(p.expected)} 不一致。专业名称、入学时间、学制、教学形式须与${kind(p.listName, 'list')}所填一致。`,
      en: (p) => `"${s(p.field)}" ${qe(p.value)} differs from ${qe(p.expected)} on ${kindEn(p.listName, 'list')} sheet "${s(p.sheet)}".`,
    },
  }),
  'major-not-found': issue<{ major?: ParamValue; listName?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: 'A major of 附件3 has no 附件2 sheet',
    title: { 'zh-CN': '审核表的专业没有登记表', en: 'Major has no 附件2 sheet' },
    message: {
      'zh-CN': (p) => `专业“${s(p.major)}”没有对应的${kind(p.listName, 'list')}工作表（按表头上方的“专业名称”查找）。请核对专业名称或补上该专业的${kind(p.listName, 'list')}。`,
      en: (p) => `Major "${s(p.major)}" has no ${kindEn(p.listName, 'list')} sheet.`,
    },
  }),
  'major-not-summarized': issue<{ major?: ParamValue; sheet?: ParamValue; listName?: ParamValue; rangesName?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: 'A 附件2 major is missing from 附件3',
    title: { 'zh-CN': '登记表的专业未列入审核表', en: 'Major missing from 附件3' },
    message: {
      'zh-CN': (p) => `${kind(p.listName, 'list')} 专业“${s(p.major)}”没有列入${kind(p.rangesName, 'ranges')}。请在${kind(p.rangesName, 'ranges')}中补上该专业。`,
      en: (p) => `${kindEn(p.listName, 'list')} major "${s(p.major)}" is missing from ${kindEn(p.rangesName, 'ranges')}.`,
    },
  }),
  'graduates-count-mismatch': issue<{ graduates?: ParamValue; listed?: ParamValue; sheet?: ParamValue; listName?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: '附件3 毕业人数 ≠ the students listed on that major’s 附件2; fix = the count',
    title: { 'zh-CN': '毕业人数与登记表人数不符', en: 'Graduate count differs from 附件2' },
    message: {
      'zh-CN': (p) =>
        `毕业人数为 ${s(p.graduates)}，但${kind(p.listName, 'list')}（工作表“${s(p.sheet)}”）列有 ${s(p.listed)} 名学生，应改为 ${s(p.listed)}。`,
      en: (p) => `Graduates ${s(p.graduates)}, but ${kindEn(p.listName, 'list')} sheet "${s(p.sheet)}" lists ${s(p.listed)} students.`,
    },
  }),
  'id-changed-old-on-list': issue<{ changeAddress?: ParamValue; changeSheet?: ParamValue; newId?: ParamValue; oldId?: ParamValue; changesName?: ParamValue; listName?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: '附件2 holds an ID that 附件4 changed; fix = the new ID',
    title: { 'zh-CN': '登记表仍是异动前的身份证号码', en: 'Old ID still on the list' },
    message: {
      'zh-CN': (p) =>
        `这个身份证号码已在${kind(p.changesName, 'changes')}（${at(p, 'changeSheet', 'changeAddress')}）变更为 ${s(p.newId)}。${kind(p.listName, 'list')} 应填写新号码。`,
      en: (p) => `This ID was changed to ${s(p.newId)} on ${kindEn(p.changesName, 'changes')} (${atEn(p, 'changeSheet', 'changeAddress')}); use the new ID.`,
    },
  }),
  'name-changed-old-on-list': issue<{ changeAddress?: ParamValue; changeSheet?: ParamValue; newName?: ParamValue; oldName?: ParamValue; changesName?: ParamValue; listName?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: '附件2 holds a name that 附件4 changed; fix = the new name',
    title: { 'zh-CN': '登记表仍是异动前的姓名', en: 'Old name still on the list' },
    message: {
      'zh-CN': (p) =>
        `该生姓名已在${kind(p.changesName, 'changes')}（${at(p, 'changeSheet', 'changeAddress')}）由“${s(p.oldName)}”变更为“${s(p.newName)}”。${kind(p.listName, 'list')} 应填写新姓名。`,
      en: (p) =>
        `The name was changed from ${s(p.oldName)} to ${s(p.newName)} on ${kindEn(p.changesName, 'changes')} (${atEn(p, 'changeSheet', 'changeAddress')}); use the new name.`,
    },
  }),
  'transferred-out-listed': issue<{ changeAddress?: ParamValue; changeSheet?: ParamValue; name?: ParamValue; changesName?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: 'A student whose last change is 转出 is on 附件2',
    title: { 'zh-CN': '已转出学生仍在登记表', en: 'Transferred-out student listed' },
    message: {
      'zh-CN': (p) =>
        `${q(p.name)}在${kind(p.changesName, 'changes')}（${at(p, 'changeSheet', 'changeAddress')}）的最后一次异动是“转出”，不应列入本校毕业生名单。请核对。`,
      en: (p) => `${qe(p.name)}'s last change on ${kindEn(p.changesName, 'changes')} (${atEn(p, 'changeSheet', 'changeAddress')}) is 转出: not a graduate of this school.`,
    },
  }),
  'suspended-listed': issue<{ changeAddress?: ParamValue; changeSheet?: ParamValue; name?: ParamValue; changesName?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: 'A student whose last change is 休学 is on 附件2',
    title: { 'zh-CN': '休学学生仍在登记表', en: 'Suspended student listed' },
    message: {
      'zh-CN': (p) =>
        `${q(p.name)}在${kind(p.changesName, 'changes')}（${at(p, 'changeSheet', 'changeAddress')}）的最后一次异动是“休学”（未复学），不应列入毕业生名单。请核对。`,
      en: (p) => `${qe(p.name)}'s last change on ${kindEn(p.changesName, 'changes')} (${atEn(p, 'changeSheet', 'changeAddress')}) is 休学: not on the graduation list.`,
    },
  }),
  'cert-out-of-declared-range': issue<{ major?: ParamValue; number?: ParamValue; range?: ParamValue; rangeAddress?: ParamValue; rangeSheet?: ParamValue; rangesName?: ParamValue; listName?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: '附件2 证书编号 outside the 起止号 that 附件3 declares for that major (only without allocatedRanges)',
    title: { 'zh-CN': '证书编号不在审核表起止号内', en: 'Certificate number outside 附件3 range' },
    message: {
      'zh-CN': (p) =>
        `证书编号 ${s(p.number)} 不在${kind(p.rangesName, 'ranges')}（${at(p, 'rangeSheet', 'rangeAddress')}）为专业“${s(p.major)}”申报的起止号 ${s(p.range)} 之内。请按该专业的起止号填写证书编号，或核对${kind(p.rangesName, 'ranges')}的起止号。`,
      en: (p) =>
        `Certificate number ${s(p.number)} is outside the range ${s(p.range)} that ${kindEn(p.rangesName, 'ranges')} (${atEn(p, 'rangeSheet', 'rangeAddress')}) declares for major "${s(p.major)}". Use a number of that range, or correct ${kindEn(p.rangesName, 'ranges')}.`,
    },
  }),
  'transfer-major-old-sheet': issue<{ changeAddress?: ParamValue; changeSheet?: ParamValue; name?: ParamValue; newMajor?: ParamValue; oldMajor?: ParamValue; sheetMajor?: ParamValue; changesName?: ParamValue; listName?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: 'A student who changed major (附件4 转专业) is listed on the 附件2 sheet of the old major',
    title: { 'zh-CN': '转专业学生仍在原专业登记表', en: 'Transferred student on old major sheet' },
    message: {
      'zh-CN': (p) =>
        `${q(p.name)}已在${kind(p.changesName, 'changes')}（${at(p, 'changeSheet', 'changeAddress')}）由“${s(p.oldMajor)}”转专业到“${s(p.newMajor)}”，不应再列在原专业“${s(p.sheetMajor)}”的${kind(p.listName, 'list')}中。请把该生移到“${s(p.newMajor)}”专业的${kind(p.listName, 'list')}，并从本表删除这一行。`,
      en: (p) =>
        `${qe(p.name)} changed major from "${s(p.oldMajor)}" to "${s(p.newMajor)}" on ${kindEn(p.changesName, 'changes')} (${atEn(p, 'changeSheet', 'changeAddress')}) but is still listed on the ${kindEn(p.listName, 'list')} of the old major "${s(p.sheetMajor)}". Move the student to the ${kindEn(p.listName, 'list')} of "${s(p.newMajor)}".`,
    },
  }),
  'transfer-major-missing': issue<{ name?: ParamValue; newMajor?: ParamValue; oldMajor?: ParamValue; listName?: ParamValue }>({
    severity: 'warning',
    where: 'workbook',
    summary: 'A student who changed major (附件4 转专业) is on no 附件2 sheet (unless the last change is 休学/转出)',
    title: { 'zh-CN': '转专业学生不在任何登记表', en: 'Transferred student on no 附件2' },
    message: {
      'zh-CN': (p) =>
        `${q(p.name)}由“${s(p.oldMajor)}”转专业到“${s(p.newMajor)}”，但在所有${kind(p.listName, 'list')}中都找不到该生（按身份证号码查找）。若该生今年毕业，请将其列入“${s(p.newMajor)}”专业的${kind(p.listName, 'list')}；若身份证号码有误，请核对。`,
      en: (p) =>
        `${qe(p.name)} changed major from "${s(p.oldMajor)}" to "${s(p.newMajor)}" but is on no ${kindEn(p.listName, 'list')} sheet (matched by ID). List the student on the ${kindEn(p.listName, 'list')} of "${s(p.newMajor)}" if graduating, or check the ID.`,
    },
  }),
  'change-grade-not-graduating': issue<{ earliest?: ParamValue; grade?: ParamValue; graduationYear?: ParamValue; length?: ParamValue; listAddress?: ParamValue; listSheet?: ParamValue; listName?: ParamValue }>({
    severity: 'warning',
    where: 'workbook',
    summary: '附件4 年级 + 学制 of a student listed on 附件2 does not reach the graduation year',
    title: { 'zh-CN': '异动学生年级未到毕业年份', en: 'Changed student not due to graduate' },
    message: {
      'zh-CN': (p) =>
        `年级${q(p.grade)}加学制 ${s(p.length)} 年，最早 ${s(p.earliest)} 年才能毕业，但该生列在${kind(p.listName, 'list')}（${at(p, 'listSheet', 'listAddress')}）的 ${s(p.graduationYear)} 年毕业生名单中。请核对年级、学制，或把该生从${kind(p.listName, 'list')}中删除。`,
      en: (p) =>
        `Grade ${qe(p.grade)} with ${s(p.length)} years of schooling cannot graduate before ${s(p.earliest)}, yet the student is on the ${s(p.graduationYear)} list of ${kindEn(p.listName, 'list')} (${atEn(p, 'listSheet', 'listAddress')}). Check the grade and length, or remove the student from ${kindEn(p.listName, 'list')}.`,
    },
  }),
  // relations both ways and the campaign year (core/rules/relation-rules.ts)
  'number-as-text': issue<{ fixed?: ParamValue; value?: ParamValue }>({
    severity: 'warning',
    where: 'cell',
    summary: 'A count typed as text with a unit (79人) or in full-width digits; fix = the number',
    title: { 'zh-CN': '数字写成了文本', en: 'Number typed as text' },
    message: {
      'zh-CN': (p) =>
        `${q(p.value)}是带单位或全角数字的文本，Excel 求和会跳过它，上报系统也不认。请只填数字 ${s(p.fixed)}（可自动修正）。`,
      en: (p) =>
        `${qe(p.value)} is text (a unit or full-width digits): Excel's SUM skips it and the bureau's import rejects it. Enter the number ${s(p.fixed)} (apply the fix).`,
    },
  }),
  'year-mismatch': issue<{ expected?: ParamValue; found?: ParamValue; text?: ParamValue }>({
    severity: 'warning',
    where: 'structure',
    summary: 'A title or the 证书编号 sub-header names another year than the campaign’s; fix = the text with the campaign year',
    title: { 'zh-CN': '年份不是本次验印年份', en: 'Another year named' },
    message: {
      'zh-CN': (p) =>
        `${q(p.text)}写的是 ${s(p.found)} 年，本次是 ${s(p.expected)} 年的验印工作。多半是沿用了往年的表格：请改为 ${s(p.expected)}（可自动修正）。`,
      en: (p) =>
        `${qe(p.text)} names ${s(p.found)}, but this is the ${s(p.expected)} campaign, probably a form reused from another year: change it to ${s(p.expected)} (apply the fix).`,
    },
  }),
  'date-implausible': issue<{ expected?: ParamValue; label?: ParamValue; value?: ParamValue; year?: ParamValue }>({
    severity: 'warning',
    where: 'structure',
    summary: 'A date filled in during the campaign (填报日期, 填写日期) lies in another year',
    title: { 'zh-CN': '日期年份不合理', en: 'Implausible date' },
    message: {
      'zh-CN': (p) =>
        `${s(p.label)}${q(p.value)}在 ${s(p.year)} 年，不可能是本次（${s(p.expected)} 年）填表的日期。请核对年份（例如把 2022 写成了 2002 或 2202）。`,
      en: (p) =>
        `${s(p.label)} ${qe(p.value)} is in ${s(p.year)}, which cannot be when this ${s(p.expected)} form was filled in. Check the year.`,
    },
  }),
  'change-student-not-listed': issue<{ name?: ParamValue; type?: ParamValue }>({
    severity: 'warning',
    where: 'workbook',
    summary: 'A student whose last 附件4 change is 转入/复学 is on no 附件2 sheet',
    title: { 'zh-CN': '转入/复学学生不在登记表上', en: 'Transferred-in student not listed' },
    message: {
      'zh-CN': (p) =>
        `${q(p.name)}最后一次异动是“${s(p.type)}”，应随本校毕业，但不在任何登记表（附件2）上。请核对是否漏登，或身份证号码是否一致。`,
      en: (p) =>
        `${qe(p.name)}'s last change is "${s(p.type)}", so the student graduates with this school, but is on no graduation list (附件2). Check for a missing row or a different ID.`,
    },
  }),
  'change-length-list-mismatch': issue<{ after?: ParamValue; listLength?: ParamValue; listSheet?: ParamValue }>({
    severity: 'error',
    where: 'workbook',
    summary: 'A 学制变更’s 异动后 differs from the 学制 of the 附件2 sheet the student is on',
    title: { 'zh-CN': '学制变更与登记表学制不符', en: 'School-length change disagrees with the list' },
    message: {
      'zh-CN': (p) =>
        `学制变更后为${q(p.after)}，但该生所在登记表“${s(p.listSheet)}”的学制是${q(p.listLength)}。两处须一致：请核对异动后学制或把学生登记到对应学制的表上。`,
      en: (p) =>
        `The 学制 after the change is ${qe(p.after)}, but the list "${s(p.listSheet)}" the student is on has 学制 ${qe(p.listLength)}. They must agree.`,
    },
  }),
  'change-list-mismatch': issue<{ field?: ParamValue; listSheet?: ParamValue; listValue?: ParamValue; value?: ParamValue }>({
    severity: 'warning',
    where: 'workbook',
    summary: 'A student’s last 附件4 row: 专业名称/学制 differs from the 附件2 sheet the student is on; fix = the sheet’s value',
    title: { 'zh-CN': '异动表与登记表不一致', en: 'Change list disagrees with the list' },
    message: {
      'zh-CN': (p) =>
        `异动表上的${s(p.field)}${q(p.value)}与该生所在登记表“${s(p.listSheet)}”的${s(p.field)}${q(p.listValue)}不一致。请核对（可自动修正为登记表上的值）。`,
      en: (p) =>
        `The ${s(p.field)} ${qe(p.value)} on the change list differs from ${qe(p.listValue)} on the list "${s(p.listSheet)}" the student is on (apply the fix to use the list's value).`,
    },
  }),
};
