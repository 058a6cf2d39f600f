/**
 * `yanyin admin …` — the engineer's commands for a deployment (issue #9): bootstrap the province and its
 * first administrator, write and import the organisation sheet, open a year's campaign, reset a password.
 * They work on DATABASE_URL (while the servers run) or on the embedded database (only while the server is
 * stopped: its folder is locked by the process that has it open). Each prints what it did in Chinese and
 * is audited; bad input exits 2 with the reason, an import sheet with errors exits 1 listing each cell.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from './args';
import { CliError, EXIT_INVALID, EXIT_OK, type CliIo } from './io';

export const ADMIN_HELP = `用法 Usage: yanyin admin <命令> [选项]

部署与年度设置（操作 DATABASE_URL 指定的 PostgreSQL；未设置时操作内置数据库，此时须先停止服务器）：
  bootstrap --province <名称> [--code <行政区划代码>] [--username <账号，默认 admin>]
      创建省级单位及其第一个管理员，打印一次性密码（首次登录须修改）。再次运行不做任何更改。
  org-template -o <orgs.xlsx> [--province <名称>]
      生成单位与账号导入模板（单位类型 | 单位名称 | 上级单位 | 学校标识码 | 账号 | 姓名 | 手机号码）。
  import-orgs <orgs.xlsx> [--accounts-out <accounts.csv>] [--province <名称>]
      导入市教育局、学校、高职院校及其账号。有错误时逐格列出且不导入；重复导入不做更改；
      新账号的一次性密码写入 accounts.csv（username,password,role,organisation）。
  create-campaign --pack <模板包> --year <年份> [--receipt-due <日期>] [--submission-due <日期>] [--lock <日期>] [--province <名称>]
      开启某年度的工作批次（证书编号序列取自模板包，如 桂教中专毕字（2023））。日期如 2023-04-22（北京时间当日结束）。
  reset-password <账号>
      重置密码，打印新的一次性密码（该账号的登录会话全部作废）。

退出码 Exit status: 0 = 完成 · 1 = 导入表有错误（未导入）· 2 = 参数错误或无法执行
`;

type Database = Awaited<ReturnType<typeof import('../../server/db')['openDatabase']>>;

/** Opens the database the server would use; a locked embedded database means the server is running. */
async function withDatabase<T>(io: CliIo, fn: (db: Database['prisma']) => Promise<T>): Promise<T> {
  const { openDatabase, DataDirLockedError } = await import('../../server/db');
  const { AppError } = await import('../../server/errors');
  let database: Database;
  try {
    database = await openDatabase({ ...(process.env.YANYIN_DATA_DIR ? { dataDir: process.env.YANYIN_DATA_DIR } : {}), poolSize: 2 });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      const pid = /process (\d+)/.exec(e.message)?.[1] ?? '?';
      throw new CliError(
        `内置数据库正被另一个进程（进程号 ${pid}，通常是 yanyin serve / npm start）使用。请先停止服务器，再运行本命令；` +
          '或设置 DATABASE_URL 使用 PostgreSQL 服务器（服务器运行时也可执行本命令）。',
        `The embedded database is in use by process ${pid} (the server). Stop the server first, or use DATABASE_URL.`,
      );
    }
    throw e;
  }
  const where = database.kind === 'pglite' ? '内置数据库' : `PostgreSQL ${String(database.connection.host)}/${String(database.connection.database)}`;
  io.stdout(`数据库：${where}${database.applied.length ? `（已应用迁移 ${database.applied.join('、')}）` : ''}\n`);
  try {
    return await fn(database.prisma);
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.messageZh, e.messageEn);
    throw e;
  } finally {
    await database.close();
  }
}

const PROVINCE = { province: { type: 'string' } } as const;

export async function adminCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout(ADMIN_HELP);
    return EXIT_OK;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(ADMIN_HELP);
    return EXIT_OK;
  }
  switch (sub) {
    case 'bootstrap':
      return bootstrap(rest, io);
    case 'org-template':
      return orgTemplate(rest, io);
    case 'import-orgs':
      return importOrgs(rest, io);
    case 'create-campaign':
      return createCampaignCommand(rest, io);
    case 'reset-password':
      return resetPasswordCommand(rest, io);
    default:
      throw new CliError(`未知的 admin 命令：${sub}\n${ADMIN_HELP}`, `Unknown admin command: ${sub}`);
  }
}

async function bootstrap(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { ...PROVINCE, code: { type: 'string' }, username: { type: 'string' } }, 'admin bootstrap');
  const province = values.province?.trim();
  if (!province) throw new CliError('请用 --province 给出省级单位名称，如 --province 广西壮族自治区教育厅', 'Give --province <name>.');
  if (values.code !== undefined && !/^\d{6}$/.test(values.code)) throw new CliError(`--code 应为 6 位行政区划代码（收到 ${values.code}）`, '--code must be 6 digits.');
  if (values.username !== undefined && !/^[A-Za-z0-9._-]{3,64}$/.test(values.username)) {
    throw new CliError(`--username 只能由字母、数字、点、下划线或短横线组成，3–64 位（收到 ${values.username}）`, 'Bad --username.');
  }
  const { bootstrapProvince } = await import('../../server/use-cases/bootstrap-province');
  const r = await withDatabase(io, (db) =>
    bootstrapProvince(db, { province, ...(values.code ? { code: values.code } : {}), ...(values.username ? { username: values.username } : {}) }),
  );
  if (!r.created) {
    io.stdout(`省级单位“${province}”已存在，未做任何更改。${r.username ? `管理员账号：${r.username}（忘记密码请运行 yanyin admin reset-password ${r.username}）` : ''}\n`);
    return EXIT_OK;
  }
  io.stdout(
    `已创建省级单位“${province}”及管理员账号。\n` +
      `  账号：${r.username}\n  一次性密码：${r.password}\n` +
      '首次登录后须修改密码。此密码只显示这一次，请妥善转交。\n',
  );
  return EXIT_OK;
}

async function orgTemplate(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { ...PROVINCE, output: { type: 'string', short: 'o' } }, 'admin org-template');
  if (!values.output) throw new CliError('请用 -o 给出输出文件，如 -o orgs.xlsx', 'Give -o <file.xlsx>.');
  if (!/\.xlsx$/i.test(values.output)) throw new CliError(`输出文件应以 .xlsx 结尾（收到 ${values.output}）`, 'The output must end in .xlsx.');
  const { writeOrgTemplate } = await import('../../server/xlsx/org-sheet');
  const file = path.resolve(io.cwd, values.output);
  await writeFile(file, await writeOrgTemplate(values.province?.trim() || undefined));
  io.stdout(`已生成单位与账号导入模板：${file}\n填写后运行 yanyin admin import-orgs ${values.output} --accounts-out accounts.csv\n`);
  return EXIT_OK;
}

async function importOrgs(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { ...PROVINCE, 'accounts-out': { type: 'string' } }, 'admin import-orgs');
  const [input, ...extra] = positionals;
  if (!input || extra.length > 0) throw new CliError('请给出一个导入表文件，如 yanyin admin import-orgs orgs.xlsx', 'Give one .xlsx file.');
  const { readOrgSheet } = await import('../../server/xlsx/org-sheet');
  const { WorkbookReadError } = await import('../../server/xlsx/read-error');
  let sheet;
  try {
    sheet = await readOrgSheet(path.resolve(io.cwd, input), input);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new CliError(e.messageZh, e.messageEn);
    throw e;
  }
  const { importOrganisations, accountsCsv } = await import('../../server/use-cases/import-organisations');
  const { findProvince } = await import('../../server/use-cases/find-province');
  const r = await withDatabase(io, async (db) => {
    const province = await findProvince(db, { name: values.province });
    return importOrganisations(db, { provinceId: province.id, sheet, actor: null });
  });
  if (!r.ok) {
    io.stderr(`导入表 ${input} 有 ${r.issues.length} 处错误，未导入任何数据：\n`);
    for (const i of r.issues) io.stderr(`  ${i.sheet}!${i.address}  ${i.message}\n`);
    return EXIT_INVALID;
  }
  const c = (x: { created: number; updated: number; unchanged: number }) => `新增 ${x.created}，更新 ${x.updated}，未变 ${x.unchanged}`;
  io.stdout(`已导入 ${input}：\n  单位：${c(r.organisations)}\n  账号：${c(r.accounts)}\n`);
  if (r.newAccounts.length > 0) {
    if (values['accounts-out']) {
      const out = path.resolve(io.cwd, values['accounts-out']);
      await writeFile(out, accountsCsv(r.newAccounts), { mode: 0o600 });
      io.stdout(`新账号的一次性密码已写入 ${out}（首次登录须修改；请妥善转交后删除此文件）。\n`);
    } else {
      io.stdout('新账号的一次性密码（只显示这一次；可用 --accounts-out accounts.csv 写入文件）：\n');
      for (const a of r.newAccounts) io.stdout(`  ${a.username}  ${a.password}  ${a.organisation}\n`);
    }
  } else if (r.organisations.created + r.organisations.updated + r.accounts.updated === 0) {
    io.stdout('与系统中的数据一致，未做任何更改。\n');
  }
  return EXIT_OK;
}

async function createCampaignCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(
    args,
    { ...PROVINCE, pack: { type: 'string' }, year: { type: 'string' }, 'receipt-due': { type: 'string' }, 'submission-due': { type: 'string' }, lock: { type: 'string' } },
    'admin create-campaign',
  );
  const { campaignPackChoices, campaignPackFor } = await import('../../server/use-cases/campaign-pack');
  const choices = campaignPackChoices().map((c) => `${c.id}（${c.name}）`).join('、');
  if (!values.pack) throw new CliError(`请用 --pack 给出模板包：${choices}`, 'Give --pack <id>.');
  if (!values.year || !/^\d{4}$/.test(values.year)) throw new CliError(`请用 --year 给出四位年份，如 --year 2023（收到 ${values.year ?? '无'}）`, 'Give --year <yyyy>.');
  const year = Number(values.year);
  if (!campaignPackFor(values.pack, year)) throw new CliError(`未知的模板包：${values.pack}。可用：${choices}`, `Unknown pack ${values.pack}.`);
  const { parseDueDate, formatBeijingDate } = await dates();
  const date = (flag: 'receipt-due' | 'submission-due' | 'lock') => {
    const text = values[flag];
    if (text === undefined) return null;
    const d = parseDueDate(text);
    if (!d) throw new CliError(`--${flag} 的日期“${text}”无法识别，请写成 2023-04-22`, `--${flag}: unreadable date ${text}.`);
    return d;
  };
  const receiptDue = date('receipt-due');
  const submissionDue = date('submission-due');
  const lockAt = date('lock');
  const { createCampaign } = await import('../../server/use-cases/create-campaign');
  const { findProvince } = await import('../../server/use-cases/find-province');
  const r = await withDatabase(io, async (db) => {
    const province = await findProvince(db, { name: values.province });
    return { province, ...(await createCampaign(db, { ownerOrgId: province.id, packId: values.pack as string, year, receiptDue, submissionDue, lockAt, actor: null })) };
  });
  if (!r.created) {
    io.stdout(`${r.province.name} 的工作批次“${r.campaign.name}”已存在，未做任何更改。\n`);
    return EXIT_OK;
  }
  const lines = [
    `已开启工作批次“${r.campaign.name}”（${r.province.name}，模板包 ${r.campaign.packId}）。`,
    r.series ? `  证书编号序列：${r.series.prefix} + ${r.series.serialWidth} 位序号（${r.series.prefix}${'1'.padStart(r.series.serialWidth, '0')} 起）` : '  该模板包没有证书编号序列。',
    `  回执截止：${receiptDue ? formatBeijingDate(receiptDue) : '未设'}`,
    `  报送截止：${submissionDue ? formatBeijingDate(submissionDue) : '未设'}`,
    `  数据锁定：${lockAt ? formatBeijingDate(lockAt) : '未设'}`,
  ];
  io.stdout(lines.join('\n') + '\n');
  return EXIT_OK;
}

async function resetPasswordCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parse(args, {}, 'admin reset-password');
  const [username, ...extra] = positionals;
  if (!username || extra.length > 0) throw new CliError('请给出一个账号，如 yanyin admin reset-password nn1-clerk', 'Give one username.');
  const { resetPassword } = await import('../../server/use-cases/reset-password');
  const r = await withDatabase(io, (db) => resetPassword(db, { username, actor: null }));
  io.stdout(`已重置账号 ${r.username}（${r.organisation}）的密码。\n  一次性密码：${r.password}\n首次登录后须修改；该账号原有的登录会话已全部作废。\n`);
  return EXIT_OK;
}

async function dates() {
  const { parseDueDate } = await import('../../server/use-cases/admin-support');
  const { formatBeijing } = await import('../../server/use-cases/context');
  return { parseDueDate, formatBeijingDate: formatBeijing };
}
