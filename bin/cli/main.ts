/**
 * `yanyin` dispatch: validate | template | serve, plus --help / --version. Each command returns its exit
 * status; nothing here calls process.exit, so output is always flushed.
 */
import { readFileSync } from 'node:fs';
import { peekLang } from './args';
import { CliError, EXIT_OK, EXIT_USAGE, bilingual, type CliIo, type Lang } from './io';

export const MAIN_HELP = `验印 Yanyin — 毕业证书模板检查 / graduation-certificate template checker

用法 Usage:
  yanyin validate <文件.xlsx> [--json] [--pack <id>] [--annotate <输出.xlsx>] [--lang zh-CN|en]
      检查一个 Excel 工作簿：识别各附件、核对身份证号码、成绩、序号等。
      Check a workbook: recognise the attachments, check IDs, grades, serial numbers…
  yanyin template <模板包> [-o <输出.xlsx>] [--kind att2 ...]
      生成空白官方附件模板（身份证号码列为文本格式）。
      Write the blank official attachments (ID columns formatted as text).
  yanyin serve
      启动服务器 / start the server.
  yanyin admin <bootstrap|org-template|import-orgs|create-campaign|reset-password>
      部署与年度设置：省级单位与管理员、导入单位与账号、开启工作批次、重置密码。
      Deployment set-up: province and administrator, organisations and accounts, campaigns, passwords.

  yanyin <命令> --help     各命令的详细用法 / help for one command
  yanyin --version         版本 / version

退出码 Exit status: 0 = 无错误 no errors · 1 = 发现错误 errors found · 2 = 无法读取或参数错误 unreadable input / bad arguments
`;

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      io.stderr(MAIN_HELP);
      return EXIT_USAGE;
    case '-h':
    case '--help':
    case 'help':
      io.stdout(MAIN_HELP);
      return EXIT_OK;
    case '-v':
    case '-V':
    case '--version':
    case 'version':
      io.stdout(`yanyin ${version()}\n`);
      return EXIT_OK;
    // Commands load lazily: --help stays instant and `serve` does not pull in exceljs.
    case 'validate':
      return (await import('./validate-command')).validateCommand(rest, io);
    case 'template':
      return (await import('./template-command')).templateCommand(rest, io);
    case 'serve':
      return (await import('./serve-command')).serveCommand(rest, io);
    case 'admin':
      return (await import('./admin-command')).adminCommand(rest, io);
    default:
      throw new CliError(
        `未知命令：${command}\n${MAIN_HELP}`,
        `Unknown command: ${command}. Run yanyin --help.`,
      );
  }
}

/** The process entry: real streams, every failure turned into a message and an exit status. */
export async function run(argv: string[]): Promise<number> {
  const io: CliIo = {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
  const lang: Lang = peekLang(argv);
  try {
    return await main(argv, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`${bilingual(lang, e.messageZh, e.messageEn)}\n`);
      return e.exitCode;
    }
    // A bug, not bad input: still no stack trace unless asked for.
    const detail = e instanceof Error ? e.message : String(e);
    io.stderr(
      `${bilingual(lang, `内部错误：${detail}`, `Internal error: ${detail}`)}\n` +
        (process.env.YANYIN_DEBUG
          ? `${e instanceof Error ? e.stack : ''}\n`
          : bilingual(lang, '设置 YANYIN_DEBUG=1 可查看详细信息。', 'Set YANYIN_DEBUG=1 for details.') +
            '\n'),
    );
    return EXIT_USAGE;
  }
}
