/**
 * What the administration use cases share (issue #9): their error codes (registered in the one table of
 * server/errors.ts), one-time passwords, the password rule, and dates typed by people (Beijing time).
 */
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/password';
import { registerErrorCodes } from '../errors';

const s = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

registerErrorCodes({
  'password-change-required': {
    status: 403,
    zh: () => '您正在使用一次性密码，请先在工作台（网址 /console/）或用修改密码功能设置自己的密码，再进行其他操作。',
    en: () => 'You signed in with a one-time password: change your password first.',
  },
  'password-too-weak': {
    status: 400,
    zh: () => '新密码至少 8 位，且须同时包含字母和数字。',
    en: () => 'The new password needs at least 8 characters, with both letters and digits.',
  },
  'password-unchanged': {
    status: 400,
    zh: () => '新密码不能与当前密码相同。',
    en: () => 'The new password must differ from the current one.',
  },
  'current-password-wrong': {
    status: 400,
    zh: () => '当前密码不正确。',
    en: () => 'The current password is wrong.',
  },
  'submission-deadline-passed': {
    status: 423,
    zh: (p) => `本次工作的报送截止时间为 ${s(p.dueAt)}，已经截止，不能再上报。如确需上报，请联系自治区（省）教育厅为本校重新开放。`,
    en: (p) => `The submission deadline was ${s(p.dueAt)}; ask the provincial bureau to reopen your school.`,
  },
  'campaign-exists': {
    status: 409,
    zh: (p) => `${s(p.year)} 年“${s(p.packId)}”的工作批次已经存在。`,
    en: (p) => `The ${s(p.year)} campaign of “${s(p.packId)}” already exists.`,
  },
  'username-taken': {
    status: 409,
    zh: (p) => `账号“${s(p.username)}”已被其他单位使用。`,
    en: (p) => `The username “${s(p.username)}” is taken by another organisation.`,
  },
  'organisation-import-invalid': {
    status: 422,
    zh: (p) => `单位导入表有 ${s(p.errors)} 处错误，未导入任何数据。请按提示改正后重新导入。`,
    en: (p) => `The organisation sheet has ${s(p.errors)} error(s); nothing was imported.`,
  },
  'province-unknown': {
    status: 404,
    zh: (p) => (p.name ? `未找到省级单位“${s(p.name)}”。请先运行 yanyin admin bootstrap --province <名称>。` : '数据库中还没有省级单位。请先运行 yanyin admin bootstrap --province <名称>。'),
    en: (p) => (p.name ? `No province named “${s(p.name)}”.` : 'No province yet: run yanyin admin bootstrap --province <name> first.'),
  },
  'province-ambiguous': {
    status: 400,
    zh: (p) => `数据库中有多个省级单位（${s(p.names)}），请用 --province 指定。`,
    en: (p) => `Several provinces (${s(p.names)}): choose one with --province.`,
  },
});

/** 12 characters from an alphabet without look-alikes (0/O, 1/l/I): read aloud or typed from paper. */
export function generateOneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  for (;;) {
    const text = Array.from(randomBytes(12), (b) => alphabet[b % alphabet.length]).join('');
    if (passwordStrongEnough(text)) return text;
  }
}

export async function oneTimePasswordHash(): Promise<{ password: string; passwordHash: string }> {
  const password = generateOneTimePassword();
  return { password, passwordHash: await hashPassword(password) };
}

/** At least 8 characters, with a letter and a digit. */
export function passwordStrongEnough(password: string): boolean {
  return password.length >= 8 && /[A-Za-z]/.test(password) && /\d/.test(password);
}

/**
 * A date as people type it: `2023-04-22` means the END of that day in Beijing (what a notice's
 * "4月22日前" means); a full ISO date-time is taken as given. Null when unreadable.
 */
export function parseDueDate(text: string): Date | null {
  const t = text.trim();
  const day = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
    return new Date(Date.UTC(y, m - 1, d + 1) - 8 * 3_600_000 - 1);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}
