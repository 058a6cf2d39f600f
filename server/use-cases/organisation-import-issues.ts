/**
 * The problems an organisation import sheet can have: stable codes, rendered late in Chinese and English,
 * each at its cell (like a clerk's sheet, see core/issues).
 */
type Params = Record<string, string>;

const MESSAGES: Record<string, { zh: (p: Params) => string; en: (p: Params) => string }> = {
  'org-column-missing': {
    zh: (p) => `表头缺少“${p.header}”列。请使用 yanyin admin org-template 生成的模板。`,
    en: (p) => `The header row has no “${p.header}” column.`,
  },
  'org-kind-invalid': {
    zh: (p) => `单位类型“${p.value}”无法识别，只能是 市教育局、学校 或 高职院校。`,
    en: (p) => `Unknown organisation type “${p.value}” (市教育局, 学校 or 高职院校).`,
  },
  'org-name-required': { zh: () => '单位名称不能为空。', en: () => 'The organisation name is empty.' },
  'org-name-duplicate': {
    zh: (p) => `单位名称“${p.value}”与 ${p.other} 重复。`,
    en: (p) => `The organisation “${p.value}” is listed twice (also ${p.other}).`,
  },
  'org-parent-unknown': {
    zh: (p) => `上级单位“${p.value}”不存在：市县学校填所属市教育局的名称（须在本表或系统中），区直学校和高职院校填“${p.province}”。`,
    en: (p) => `Unknown parent “${p.value}”: a city bureau in this sheet or the system, or “${p.province}”.`,
  },
  'org-parent-not-province': {
    zh: (p) => `${p.kind}的上级单位只能是“${p.province}”（或留空）。`,
    en: (p) => `The parent of a ${p.kind} must be “${p.province}” (or empty).`,
  },
  'org-code-required': { zh: (p) => `${p.kind}须填写 10 位学校标识码。`, en: () => 'A school needs its 10-digit school code.' },
  'org-code-format': {
    zh: (p) => `学校标识码“${p.value}”应为 10 位数字${p.kind === '市教育局' ? '（市教育局可填 6 位行政区划代码或留空）' : ''}。`,
    en: (p) => `The code “${p.value}” must be 10 digits (a city bureau: 6 digits or empty).`,
  },
  'org-code-duplicate': {
    zh: (p) => `学校标识码 ${p.value} 与 ${p.other} 重复。`,
    en: (p) => `The code ${p.value} is listed twice (also ${p.other}).`,
  },
  'org-code-elsewhere': {
    zh: (p) => `学校标识码 ${p.value} 已属于系统中的“${p.owner}”（不在本省或不是同类单位），不能导入。`,
    en: (p) => `The code ${p.value} belongs to “${p.owner}”, outside this province or of another kind.`,
  },
  'account-username-format': {
    zh: (p) => `账号“${p.value}”只能由字母、数字、点、下划线或短横线组成，3–64 位。`,
    en: (p) => `The username “${p.value}” may hold letters, digits, . _ - (3–64 characters).`,
  },
  'account-username-duplicate': {
    zh: (p) => `账号“${p.value}”与 ${p.other} 重复。`,
    en: (p) => `The username “${p.value}” is listed twice (also ${p.other}).`,
  },
  'account-username-taken': {
    zh: (p) => `账号“${p.value}”已被“${p.owner}”使用，请换一个账号名。`,
    en: (p) => `The username “${p.value}” is taken by “${p.owner}”.`,
  },
  'account-name-without-username': {
    zh: () => '填写了姓名或手机号码，但没有填写账号。',
    en: () => 'A name or phone number is given without a username.',
  },
  'account-phone-format': {
    zh: (p) => `手机号码“${p.value}”应为 11 位数字，以 1 开头。`,
    en: (p) => `The mobile number “${p.value}” must be 11 digits starting with 1.`,
  },
  'org-sheet-empty': { zh: () => '导入表中没有任何单位。', en: () => 'The sheet lists no organisation.' },
};

export interface OrgImportIssue {
  code: string;
  severity: 'error';
  sheet: string;
  address: string;
  params: Params;
  message: string;
  messageEn: string;
}

export function orgIssue(code: keyof typeof MESSAGES & string, sheet: string, address: string, params: Params = {}): OrgImportIssue {
  const m = MESSAGES[code];
  if (!m) throw new Error(`unknown import issue ${code}`);
  return { code, severity: 'error', sheet, address, params, message: m.zh(params), messageEn: m.en(params) };
}
