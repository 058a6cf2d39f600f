/**
 * Messages for every `id-*` and `xjh-*` code, zh-CN for school clerks (what is wrong AND what to do) and English.
 *
 * Codes, severities and params (params are what the templates read; keep them in step with the checkers):
 * - `id-empty` (error) {}
 * - `id-format` (error) { reason: 'length' | 'chars' | 'x-position' | 'type', length, char? }
 * - `id-checksum` (error) { expected, actual } — no fix: which digit is wrong is unknown
 * - `id-birth-date` (error) { reason: 'not-a-date' | 'future', date: 'YYYY-MM-DD' as read, today? }
 * - `id-region-unknown` (error when level = 'province', warning when level = 'county')
 *     { level, code: the address code (2 digits for a foreigner card's province), province?: its name }
 * - `id-age` (warning) { age, birthDate, minAge?, maxAge? }
 * - `id-legacy-15` (warning, fix = upgraded when the number is otherwise sound) { upgraded }
 * - `id-foreigner-2017` (warning) { nationality: 3 letters }
 * - `id-birth-cohort` (warning) { birthDate, minYear, maxYear } — the birth year cannot belong to the sheet's cohort
 * - `id-digits-dropped` (error, no fix) { length: 15, birthYear, minYear, maxYear } — a 15-digit number whose
 *     19YY birth year cannot belong to the cohort: an 18-digit number with digits left out, not a legacy one
 * - `id-permit-prefix` (error) { code, expected?: '810000' | '820000' | '830000' }
 * - `id-region-taiwan` (warning) { code } — 71xxxx: Taiwan's GB/T 2260 code, not issued on identity numbers
 * - `id-nationality-unknown` (error) { code: digits 4–6 of a 2023 foreigner card }
 * - `id-excel-number` (error, no fix) { source: 'number' | 'zero-tail' | 'scientific', shown: what is left }
 * - `id-number-cell` (warning, fix) { cleaned } — stored as a number but intact (its last 3 digits were 000)
 * - `id-cleanup` (warning, fix = cleaned) { removed: comma-separated CleanupKind list, cleaned }
 * - `id-duplicate` (reported by the sheet rules, not by checkIdNumber)
 *     { otherAddress: A1 address of the other cell with the same number, e.g. 'D7'; otherSheet?: its sheet
 *       name when it is on another sheet; otherRow?: its 1-based row }
 * - `xjh-empty` (error) {}
 * - `xjh-format` (error) { reason: 'length' | 'prefix' | 'chars', length, prefix?, char? }
 * - `xjh-checksum` (error) { expected, actual, kind: 'G' | 'J' }
 * - `xjh-birth-date` (error) { reason: 'not-a-date' | 'future', date, today? }
 * - `xjh-id-mismatch` (warning) { embedded: the ID inside a G number, idNumber: the row's ID }
 * - `xjh-cleanup` (warning, fix = cleaned) { removed, cleaned }
 */
import type { IssueParams } from '../issues/issue';
import type { BilingualCatalogue } from '../messages/catalogue';

function str(v: string | number | undefined): string {
  return v === undefined ? '' : String(v);
}

// Phrased as the action the fix takes: full-width digits and a lowercase x are converted, not removed.
const REMOVED_ZH: Record<string, string> = {
  space: '去掉空格（含全角空格、不换行空格、制表符、换行）',
  invisible: '去掉看不见的字符（零宽空格、BOM）',
  dash: '去掉横线/连字符',
  quote: '去掉引号或撇号',
  'full-width': '把全角或特殊形式的数字、字母改为半角',
  lowercase: '把小写 x 改为大写 X',
  label: '去掉前缀文字（如“身份证号：”）',
};
const REMOVED_EN: Record<string, string> = {
  space: 'remove spaces (incl. full-width and non-breaking spaces, tabs, line breaks)',
  invisible: 'remove invisible characters (zero-width space, BOM)',
  dash: 'remove hyphens/dashes',
  quote: 'remove quotes or apostrophes',
  'full-width': 'convert full-width (or other compatibility-form) digits or letters',
  lowercase: 'make the x uppercase',
  label: 'remove the label (e.g. "身份证号：")',
};

function removedList(p: IssueParams, names: Record<string, string>, sep: string): string {
  return str(p.removed)
    .split(',')
    .filter((k) => k !== '')
    .map((k) => names[k] ?? k)
    .join(sep);
}

const TEXT_FORMAT_ZH = '请先把这一列设置为文本格式（选中该列 → 右键“设置单元格格式” → “文本”），再对照身份证原件重新录入完整号码。';
const TEXT_FORMAT_EN =
  'Set the column to Text first (select the column → right-click "Format Cells" → "Text"), then re-enter the full number from the ID card.';

function ageRangeZh(p: IssueParams): string {
  if (p.minAge !== undefined && p.maxAge !== undefined) return `${str(p.minAge)}–${str(p.maxAge)} 岁`;
  if (p.minAge !== undefined) return `不小于 ${str(p.minAge)} 岁`;
  return `不大于 ${str(p.maxAge)} 岁`;
}
function ageRangeEn(p: IssueParams): string {
  if (p.minAge !== undefined && p.maxAge !== undefined) return `${str(p.minAge)}–${str(p.maxAge)}`;
  if (p.minAge !== undefined) return `at least ${str(p.minAge)}`;
  return `at most ${str(p.maxAge)}`;
}

export const idMessages: BilingualCatalogue = {
  'zh-CN': {
    'id-empty': () =>
      '身份证号码为空。请填写学生的 18 位公民身份号码（港澳台居民填居住证号码，外国人填永久居留身份证号码）。',
    'id-format': (p) => {
      switch (p.reason) {
        case 'chars':
          return `身份证号码中有不应出现的字符“${str(p.char)}”：只能是数字，最后一位可以是 X。请对照身份证原件改正。`;
        case 'x-position':
          return '身份证号码中的 X 只能出现在最后一位。请对照身份证原件改正。';
        case 'type':
          return '这里应填写身份证号码，但单元格里不是文本或数字（例如 TRUE/FALSE）。请把该列设为文本格式后填入身份证号码。';
        default:
          return `身份证号码应为 18 位（旧版为 15 位），这里是 ${str(p.length)} 位。请对照身份证原件重新录入。`;
      }
    },
    'id-checksum': (p) =>
      `身份证号码的校验位（最后一位）不对：按前 17 位计算应为“${str(p.expected)}”，这里是“${str(p.actual)}”。` +
      '说明号码中有数字录错（不一定是最后一位），请对照身份证原件逐位核对后改正，不要只改最后一位。',
    'id-birth-date': (p) =>
      p.reason === 'future'
        ? `身份证号码中的出生日期 ${str(p.date)} 晚于今天（${str(p.today)}），不可能正确。请对照身份证原件核对第 7–14 位。`
        : `身份证号码中的出生日期 ${str(p.date)}（第 7–14 位）不是真实存在的日期。请对照身份证原件核对号码。`,
    'id-region-unknown': (p) =>
      p.level === 'province'
        ? `身份证号码中的省级地址码“${str(p.code).slice(0, 2)}”不存在，号码不可能正确。请对照身份证原件核对号码开头几位。`
        : `身份证号码的地址码 ${str(p.code)}（前 6 位）不在收录的行政区划代码中（已含历年撤销的代码）。` +
          `号码仍可能正确（${str(p.province)}个别县级代码可能未被收录）：请对照身份证原件核对前 6 位，核对无误可忽略此提示。`,
    'id-age': (p) =>
      `按身份证号码，出生日期为 ${str(p.birthDate)}，现年 ${str(p.age)} 岁，不在本表预期的年龄范围（${ageRangeZh(p)}）内。` +
      '请核对号码是否录错，或是否填成了家长等其他人的号码。',
    'id-birth-cohort': (p) =>
      `按身份证号码，出生日期为 ${str(p.birthDate)}，不可能是本表这一届学生（按学校类型和表上的入学年份，应出生于 ${str(p.minYear)}–${str(p.maxYear)} 年）。` +
      '请核对是否填成了家长等其他人的号码，或出生年份录错；核对无误可忽略此提示。',
    'id-digits-dropped': (p) =>
      `这个号码只有 15 位，按旧版号码读出生于 ${str(p.birthYear)} 年，不可能是本表这一届学生（应出生于 ${str(p.minYear)}–${str(p.maxYear)} 年）。` +
      '它应是漏录了几位数字的 18 位号码，不是旧版号码，不能自动升级。请对照身份证原件重新录入完整的 18 位号码。',
    'id-permit-prefix': (p) =>
      p.expected !== undefined
        ? `港澳台居民居住证号码的前 6 位只能是 ${str(p.expected)}，这里是 ${str(p.code)}。请对照居住证原件改正。`
        : `身份证号码不能以 ${str(p.code).slice(0, 2)} 开头（8 开头的只有港澳台居民居住证：810000、820000、830000）。请对照证件原件改正。`,
    'id-region-taiwan': (p) =>
      `地址码 ${str(p.code)} 是行政区划代码中台湾省的代码，不会出现在身份证号码上（台湾居民居住证以 830000 开头）。` +
      '请对照证件原件核对前 6 位；核对无误可忽略此提示。',
    'id-nationality-unknown': (p) =>
      `这是新版外国人永久居留身份证号码（9 开头），第 4–6 位国籍代码 ${str(p.code)} 不在国家标准 GB/T 2659.1 的国家和地区代码中。` +
      '请对照永居证原件核对号码。',
    'id-legacy-15': (p) =>
      `这是 15 位的旧版身份证号码，证书需要 18 位号码。升级后为 ${str(p.upgraded)}（在出生年份前补“19”，末尾加校验位）。` +
      '可自动修正；如学生已换发新身份证，请以新证号码为准。',
    'id-foreigner-2017': (p) =>
      `这是 2017 版外国人永久居留身份证号码（15 位，国籍代码 ${str(p.nationality)}）。该版号码没有可计算的校验位，` +
      '无法自动核验，请对照证件原件人工核对。',
    'id-excel-number': (p) => {
      switch (p.source) {
        case 'scientific':
          return `单元格里是科学计数法“${str(p.shown)}”：身份证号码被 Excel 当作数字保存过，第 15 位之后的数字已变成 0，原号码无法恢复。${TEXT_FORMAT_ZH}`;
        case 'zero-tail':
          return `身份证号码 ${str(p.shown)} 末尾是 000 且校验位不对：Excel 曾把它当作数字保存，第 15 位之后的数字已变成 0，原号码无法恢复。${TEXT_FORMAT_ZH}`;
        default:
          return `身份证号码被 Excel 当作数字保存了：Excel 只保留 15 位有效数字，第 15 位之后的数字已变成 0（现为 ${str(p.shown)}），原号码无法恢复。${TEXT_FORMAT_ZH}`;
      }
    },
    'id-number-cell': (p) =>
      `身份证号码以数字形式保存在单元格里（Excel 会显示成 4.40305E+17 这样的科学计数法，再次输入时会丢掉第 15 位之后的数字）。` +
      `这个号码恰好完整，可自动修正为文本 ${str(p.cleaned)}；并请把这一列设置为文本格式（设置单元格格式 → 文本）。`,
    'id-cleanup': (p) =>
      `身份证号码的写法需要整理：${removedList(p, REMOVED_ZH, '、')}，整理后为 ${str(p.cleaned)}。可自动修正（只整理写法，不改动号码本身）。`,
    'id-duplicate': (p) =>
      `这个身份证号码与${p.otherSheet !== undefined ? `工作表“${str(p.otherSheet)}”的 ` : ' '}${str(p.otherAddress)} 单元格中的号码重复。` +
      '同一学生只能出现一次：请核对是否重复录入，或其中一人的号码录错。',
    'xjh-empty': () => '学籍号为空。请填写全国中小学生学籍号（19 位：字母 G、L 或 J 开头，后接 18 位数字）。',
    'xjh-format': (p) => {
      switch (p.reason) {
        case 'prefix':
          return `学籍号应以字母 G、L 或 J 开头，这里是“${str(p.prefix)}”。请从学籍系统中复制正确的学籍号。`;
        case 'chars':
          return `学籍号中有不应出现的字符“${str(p.char)}”：首字母之后只能是数字（G、J 开头的最后一位可以是 X）。请从学籍系统中复制正确的学籍号。`;
        default:
          return `学籍号应为 19 位（1 个字母 + 18 位数字），这里是 ${str(p.length)} 位。请从学籍系统中复制正确的学籍号。`;
      }
    },
    'xjh-checksum': (p) =>
      `学籍号的校验位（最后一位）不对：应为“${str(p.expected)}”，这里是“${str(p.actual)}”。说明有数字录错，请从学籍系统中复制正确的学籍号。`,
    'xjh-birth-date': (p) =>
      p.reason === 'future'
        ? `学籍号中的出生日期 ${str(p.date)} 晚于今天（${str(p.today)}），不可能正确。请从学籍系统中复制正确的学籍号。`
        : `学籍号中的出生日期 ${str(p.date)}（第 8–15 位）不是真实存在的日期。请从学籍系统中复制正确的学籍号。`,
    'xjh-id-mismatch': (p) =>
      `学籍号（G 开头）中的身份证号码 ${str(p.embedded)} 与本行的身份证号码 ${str(p.idNumber)} 不一致。` +
      '如果学生取得学籍号后更换过身份证号码，这是正常的，可忽略；否则请核对哪一个录错了。',
    'xjh-cleanup': (p) =>
      `学籍号的写法需要整理：${removedList(p, REMOVED_ZH, '、')}，整理后为 ${str(p.cleaned)}。可自动修正（只整理写法，不改动号码本身）。`,
  },
  en: {
    'id-empty': () =>
      "The identity number is empty. Enter the student's 18-character citizen ID number (the residence permit " +
      'number for Hong Kong, Macao and Taiwan residents; the permanent residence ID number for foreigners).',
    'id-format': (p) => {
      switch (p.reason) {
        case 'chars':
          return `The identity number contains "${str(p.char)}": only digits are allowed, and X as the last character. Correct it from the ID card.`;
        case 'x-position':
          return 'An X may only be the last character of an identity number. Correct it from the ID card.';
        case 'type':
          return 'An identity number belongs here, but the cell holds neither text nor a number (e.g. TRUE/FALSE). Format the column as Text and enter the number.';
        default:
          return `An identity number has 18 characters (15 for the old format); this one has ${str(p.length)}. Re-enter it from the ID card.`;
      }
    },
    'id-checksum': (p) =>
      `The check character (the last one) is wrong: from the first 17 digits it should be "${str(p.expected)}", ` +
      `but it is "${str(p.actual)}". A digit was mistyped, not necessarily the last one: compare every digit with ` +
      'the ID card; do not just change the last character.',
    'id-birth-date': (p) =>
      p.reason === 'future'
        ? `The birth date in the identity number, ${str(p.date)}, is after today (${str(p.today)}). Check digits 7–14 against the ID card.`
        : `The birth date in the identity number, ${str(p.date)} (digits 7–14), is not a real date. Check the number against the ID card.`,
    'id-region-unknown': (p) =>
      p.level === 'province'
        ? `The province code "${str(p.code).slice(0, 2)}" in the identity number does not exist, so the number cannot be right. Check its first digits against the ID card.`
        : `The address code ${str(p.code)} (first 6 digits) is not in the known list of division codes (which includes abolished ones). ` +
          `The number may still be right (a few county codes of ${str(p.province)} may be missing): check the first 6 digits against the ID card and ignore this if they match.`,
    'id-age': (p) =>
      `By its identity number this person was born on ${str(p.birthDate)} and is ${str(p.age)}, outside the age range ` +
      `expected for this sheet (${ageRangeEn(p)}). Check for a typo or a parent's number entered by mistake.`,
    'id-birth-cohort': (p) =>
      `By its identity number this person was born on ${str(p.birthDate)}, which cannot be this sheet's cohort ` +
      `(from the school type and the entry year on the sheet: born ${str(p.minYear)}–${str(p.maxYear)}). ` +
      "Check for a parent's number or a mistyped year; ignore this if the number is right.",
    'id-digits-dropped': (p) =>
      `This number has 15 digits; read as an old-format number the person was born in ${str(p.birthYear)}, which cannot be ` +
      `this sheet's cohort (born ${str(p.minYear)}–${str(p.maxYear)}). It is an 18-character number with digits left out, ` +
      'not an old one, and cannot be upgraded: re-enter the full number from the ID card.',
    'id-permit-prefix': (p) =>
      p.expected !== undefined
        ? `A residence permit number for Hong Kong, Macao or Taiwan residents starts with exactly ${str(p.expected)}, not ${str(p.code)}. Correct it from the permit.`
        : `No identity number starts with ${str(p.code).slice(0, 2)} (only the residence permits start with 8: 810000, 820000, 830000). Correct it from the card.`,
    'id-region-taiwan': (p) =>
      `The address code ${str(p.code)} is Taiwan's division code, which is never issued on identity numbers (Taiwan residents' permits start with 830000). ` +
      'Check the first 6 digits against the card; ignore this if they match.',
    'id-nationality-unknown': (p) =>
      `This is a 2023 foreigner's permanent residence ID (starting with 9); its nationality code, digits 4–6, ${str(p.code)}, is not in the country code standard GB/T 2659.1 (ISO 3166-1). ` +
      'Check the number against the card.',
    'id-legacy-15': (p) =>
      `This is an old 15-digit identity number; certificates need the 18-character number: ${str(p.upgraded)} ` +
      '("19" added before the birth year, check character appended). Apply the fix; if the student has a newer ID card, use that number.',
    'id-foreigner-2017': (p) =>
      `This is a 2017-format foreigner's permanent residence ID number (15 characters, nationality ${str(p.nationality)}). ` +
      'It has no computable check character, so it cannot be verified automatically: check it against the card.',
    'id-excel-number': (p) => {
      switch (p.source) {
        case 'scientific':
          return `The cell shows scientific notation "${str(p.shown)}": Excel stored the identity number as a number and every digit after the 15th became 0; the number cannot be recovered. ${TEXT_FORMAT_EN}`;
        case 'zero-tail':
          return `The identity number ${str(p.shown)} ends in 000 and its check character is wrong: Excel once stored it as a number and every digit after the 15th became 0; the number cannot be recovered. ${TEXT_FORMAT_EN}`;
        default:
          return `Excel stored the identity number as a number: it keeps 15 significant digits, so every digit after the 15th became 0 (now ${str(p.shown)}); the number cannot be recovered. ${TEXT_FORMAT_EN}`;
      }
    },
    'id-number-cell': (p) =>
      'The identity number is stored as a number (Excel shows it as 4.40305E+17 and drops digits after the 15th when it is typed again). ' +
      `This one happens to be intact: apply the fix to store it as text, ${str(p.cleaned)}, and set the column to Text (Format Cells → Text).`,
    'id-cleanup': (p) =>
      `The identity number needs tidying: ${removedList(p, REMOVED_EN, ', ')}; tidied it is ${str(p.cleaned)}. Apply the fix (it only tidies the writing, never the number itself).`,
    'id-duplicate': (p) =>
      `This identity number is the same as the one in ${p.otherSheet !== undefined ? `sheet "${str(p.otherSheet)}", ` : ''}cell ${str(p.otherAddress)}. ` +
      'A student may appear only once: check for a repeated row or a mistyped number.',
    'xjh-empty': () => 'The student number (学籍号) is empty. Enter the 19-character national student number (G, L or J followed by 18 digits).',
    'xjh-format': (p) => {
      switch (p.reason) {
        case 'prefix':
          return `A student number starts with G, L or J, not "${str(p.prefix)}". Copy the right number from the student registry.`;
        case 'chars':
          return `The student number contains "${str(p.char)}": after the letter only digits are allowed (X as the last character of G and J numbers). Copy the right number from the student registry.`;
        default:
          return `A student number has 19 characters (a letter + 18 digits); this one has ${str(p.length)}. Copy the right number from the student registry.`;
      }
    },
    'xjh-checksum': (p) =>
      `The student number's check character (the last one) should be "${str(p.expected)}", not "${str(p.actual)}": a digit was mistyped. Copy the right number from the student registry.`,
    'xjh-birth-date': (p) =>
      p.reason === 'future'
        ? `The birth date in the student number, ${str(p.date)}, is after today (${str(p.today)}). Copy the right number from the student registry.`
        : `The birth date in the student number, ${str(p.date)} (characters 8–15), is not a real date. Copy the right number from the student registry.`,
    'xjh-id-mismatch': (p) =>
      `The identity number inside the G student number, ${str(p.embedded)}, differs from this row's identity number ${str(p.idNumber)}. ` +
      'That is normal if the student got a new ID number after the student number was issued; otherwise check which one is mistyped.',
    'xjh-cleanup': (p) =>
      `The student number needs tidying: ${removedList(p, REMOVED_EN, ', ')}; tidied it is ${str(p.cleaned)}. Apply the fix (it only tidies the writing, never the number itself).`,
  },
};
