import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, type Lang } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into a clear bilingual usage error. */
export function parse<O extends Options>(args: string[], options: O, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new CliError(
      `参数错误（${command}）：${detail}\n运行 yanyin ${command} --help 查看用法。`,
      `Bad arguments (${command}): ${detail}\nRun yanyin ${command} --help for usage.`,
    );
  }
}

export function parseLang(value: string | undefined): Lang {
  if (value === undefined) return 'zh-CN';
  const v = value.trim().toLowerCase();
  if (v === 'zh-cn' || v === 'zh' || v === 'cn') return 'zh-CN';
  if (v === 'en' || v.startsWith('en-')) return 'en';
  throw new CliError(
    `--lang 只能是 zh-CN 或 en（收到 ${value}）`,
    `--lang must be zh-CN or en (got ${value})`,
  );
}

/** Scans raw args for --lang before full parsing, so even argument errors speak the wanted language. */
export function peekLang(args: readonly string[]): Lang {
  const i = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return 'zh-CN';
  const a = args[i] ?? '';
  const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
  try {
    return parseLang(value);
  } catch {
    return 'zh-CN';
  }
}
