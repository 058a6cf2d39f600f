import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UnknownKindError, defaultTemplateFileName, writeTemplate } from '../../server/xlsx/write-template';
import { parse, parseLang } from './args';
import { CliError, EXIT_OK, bilingual, type CliIo } from './io';
import { packList, parseYear, resolvePackArg } from './pack-arg';

export const TEMPLATE_HELP = `用法 Usage: yanyin template <模板包 pack> [-o <输出.xlsx>] [--kind <附件 id> ...]

生成模板包的空白官方附件，每个附件一个工作表。
Writes the blank official attachments of a pack, one sheet per attachment.

  -o, --output <文件>   输出文件（默认 <模板包>-模板.xlsx）/ output file (default <pack>-模板.xlsx)
  --year <年份>         按此届别生成（如 gx-zz --year 2023）/ the graduation year of a yearly pack
  --kind <id>           只生成指定附件，可重复（如 --kind att2 --kind att3）/ only these kinds, repeatable
  --lang zh-CN|en       提示语言 / message language
  -h, --help            显示本帮助 / this help
`;

export async function templateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      output: { type: 'string', short: 'o' },
      kind: { type: 'string', multiple: true },
      year: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'template',
  );
  if (values.help) {
    io.stdout(TEMPLATE_HELP);
    return EXIT_OK;
  }
  const lang = parseLang(values.lang);
  const packId = positionals[0];
  if (!packId || positionals.length > 1) {
    throw new CliError(
      `${packId ? '只能指定一个模板包' : '请指定模板包'}。可用的模板包：\n${packList()}\n\n${TEMPLATE_HELP}`,
      `${packId ? 'Give exactly one pack' : 'Missing the pack id'}. Packs:\n${packList()}`,
    );
  }
  const pack = resolvePackArg(packId, parseYear(values.year));
  const kinds = (values.kind ?? []).flatMap((k) => k.split(',')).filter((k) => k.trim() !== '');

  let workbook;
  try {
    workbook = writeTemplate(pack, kinds);
  } catch (e) {
    if (e instanceof UnknownKindError) {
      throw new CliError(
        `模板包 ${pack.id} 中没有附件 ${e.unknown.join('、')}。可用：${e.known.join('、')}`,
        `Pack ${pack.id} has no kind ${e.unknown.join(', ')}. Known: ${e.known.join(', ')}`,
      );
    }
    throw e;
  }

  const out = resolve(io.cwd, values.output ?? defaultTemplateFileName(pack));
  try {
    await writeFile(out, Buffer.from(await workbook.xlsx.writeBuffer()));
  } catch (e) {
    const detail = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new CliError(`无法写入文件 ${out}（${detail}）`, `Cannot write ${out} (${detail})`);
  }
  const sheets = workbook.worksheets.map((ws) => ws.name);
  io.stdout(
    `${bilingual(lang, `已生成 ${out}`, `Wrote ${out}`)}\n` + sheets.map((s) => `  · ${s}`).join('\n') + '\n',
  );
  return EXIT_OK;
}
