import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { withMessage } from '../../core/messages/render';
import { validate } from '../../core/validate';
import type { ValidationReport } from '../../core/report';
import { annotateWorkbook } from '../../server/xlsx/annotate';
import { isWorkbookReadError } from '../../server/xlsx/read-error';
import { loadWorkbook, workbookToGrid } from '../../server/xlsx/read-workbook';
import { parse, parseLang } from './args';
import type ExcelJS from 'exceljs';
import type { WorkbookGrid } from '../../core/grid/cell';
import type { Issue } from '../../core/issues/issue';
import { applyFixes, type AppliedFix } from './apply-fixes';
import { formatFixes, formatReport } from './format-report';
import { studentNamer } from './students';
import { CliError, EXIT_INVALID, EXIT_OK, bilingual, type CliIo } from './io';
import { packsAtYear, parseYear, resolvePackArg } from './pack-arg';

export const VALIDATE_HELP = `用法 Usage: yanyin validate <文件.xlsx> [选项 options]

检查工作簿：识别每个工作表是哪个附件，逐格核对，列出问题及建议的修正。
Checks a workbook: recognises each sheet's attachment, checks every cell, lists issues and fixes.

  --json                 只输出一个 JSON 文档 { valid, packId, stats, issues, sheets } / one JSON document on stdout
  --pack <id>            指定模板包，不自动识别 / force a template pack instead of detecting it
  --year <年份>          按此届别检查（如 2023：桂教中专毕字（2023））/ the graduation year of a yearly pack
  --annotate <输出.xlsx> 另存一份标注过的副本：错误标红、警告标黄，批注写明原因
                         / write a copy with problem cells filled (red = error, yellow = warning) and noted
  --fix <输出.xlsx>      另存一份副本，应用所有可自动修正的问题（与窗格的“全部修正”相同；无法确定正确值的不改），
                         报告逐格列出改动，其后是修正后副本的检查结果
                         / write a copy with every safe fix applied (as the pane's "fix all"); the report lists
                         each changed cell, then checks the fixed copy
  --lang zh-CN|en        报告语言（默认 zh-CN）/ report language (default zh-CN)
  --today <YYYY-MM-DD>   以此日期为“今天”检查（出生日期、年龄）/ check as of this date
  -h, --help             显示本帮助 / this help

退出码 Exit status: 0 = 无错误 · 1 = 有错误（用 --fix 时指修正后的副本）· 2 = 无法读取文件或参数错误
`;

export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      json: { type: 'boolean' },
      pack: { type: 'string' },
      year: { type: 'string' },
      annotate: { type: 'string' },
      fix: { type: 'string' },
      lang: { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'validate',
  );
  if (values.help) {
    io.stdout(VALIDATE_HELP);
    return EXIT_OK;
  }
  const lang = parseLang(values.lang);
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    throw new CliError(
      `${file ? '一次只能检查一个文件' : '请指定要检查的 .xlsx 文件'}。\n\n${VALIDATE_HELP}`,
      file ? 'Give exactly one file to check.' : 'Missing the .xlsx file to check.',
    );
  }
  const year = parseYear(values.year);
  const pack = values.pack === undefined ? undefined : resolvePackArg(values.pack, year);
  const candidates = pack ? [pack] : packsAtYear(year);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    throw new CliError(
      `--today 应为 YYYY-MM-DD（收到 ${values.today}）`,
      `--today must be YYYY-MM-DD (got ${values.today})`,
    );
  }
  const path = resolve(io.cwd, file);
  const annotatePath = values.annotate === undefined ? undefined : resolve(io.cwd, values.annotate);
  if (annotatePath === path) {
    throw new CliError(
      '--annotate 的输出文件不能与被检查的文件相同（以免覆盖原件）。',
      '--annotate must not overwrite the file being checked.',
    );
  }

  const fixPath = values.fix === undefined ? undefined : resolve(io.cwd, values.fix);
  if (fixPath !== undefined && (fixPath === path || fixPath === annotatePath)) {
    throw new CliError(
      '--fix 的输出文件不能与被检查的文件或 --annotate 的文件相同（以免覆盖）。',
      '--fix must not overwrite the file being checked or the --annotate copy.',
    );
  }

  let workbook;
  try {
    workbook = await loadWorkbook(path, { displayName: file });
  } catch (e) {
    if (isWorkbookReadError(e)) throw new CliError(e.messageZh, e.messageEn);
    throw e;
  }

  const check = (grid: WorkbookGrid): ValidationReport =>
    validate(grid, {
      ...(pack ? { packId: pack.id } : {}),
      ...(candidates ? { packs: candidates } : {}),
      ...(values.today !== undefined ? { today: values.today } : {}),
    });
  let grid = workbookToGrid(workbook);
  let report = check(grid);

  let fixes: AppliedFix[] | null = null;
  let fixNamer: ((issue: Issue) => string | null) | null = null;
  if (fixPath !== undefined) {
    fixNamer = studentNamer(report, grid, lang);
    fixes = applyFixes(workbook, grid, report.issues);
    await writeOut(fixPath, workbook, '修正后的副本', 'the fixed copy');
    // Everything below (annotation, report, exit status) is about the fixed copy.
    grid = workbookToGrid(workbook);
    report = check(grid);
  }
  const student = studentNamer(report, grid, lang);
  const packIssues = candidates?.find((p) => p.id === report.packId)?.issues;
  const rendered = report.issues.map((i) => withMessage(i, lang, packIssues));

  if (annotatePath !== undefined) {
    const { unplaced } = annotateWorkbook(workbook, rendered, { locale: lang, student });
    await writeOut(annotatePath, workbook, '标注文件', 'the annotated copy');
    if (!values.json) {
      const note =
        unplaced.length > 0
          ? bilingual(
              lang,
              `（${unplaced.length} 个问题没有对应的单元格，未标注）`,
              `(${unplaced.length} issues have no cell and were not marked)`,
            )
          : '';
      io.stderr(
        `${bilingual(lang, `已写入标注副本：${annotatePath}`, `Annotated copy written: ${annotatePath}`)}${note ? `\n${note}` : ''}\n`,
      );
    }
  }

  if (values.json) {
    const doc = {
      file,
      ...(fixes !== null
        ? { fixed: fixes.map((f) => ({ sheet: f.sheet, address: f.address, code: f.code, before: f.before, after: f.after })) }
        : {}),
      valid: report.valid,
      packId: report.packId,
      stats: report.stats,
      issues: rendered,
      sheets: report.sheets,
    };
    io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    if (fixes !== null && fixPath !== undefined && fixNamer !== null)
      io.stdout(formatFixes(fixes, fixPath, lang, fixNamer));
    io.stdout(formatReport(report, { file: fixPath ?? file, lang, color: io.color, student, packIssues }));
  }
  return report.stats.errors > 0 || !report.valid ? EXIT_INVALID : EXIT_OK;
}

async function writeOut(path: string, workbook: ExcelJS.Workbook, zh: string, en: string) {
  try {
    await writeFile(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  } catch (e) {
    const detail = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new CliError(`无法写入${zh} ${path}（${detail}）`, `Cannot write ${en} ${path} (${detail})`);
  }
}
