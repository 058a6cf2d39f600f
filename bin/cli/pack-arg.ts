/**
 * `--pack` and `--year`: a listed pack id (`gx-zz-2022`), a yearly family at another year (`gx-zz-2023`),
 * or a family or pack moved to `--year` (`--pack gx-zz --year 2023`). Without `--pack`, `--year` moves
 * every built-in family to that year for detection.
 */
import { packFamilies } from '../../core/packs';
import { getPack, packAtYear, packs } from '../../core/templates/registry';
import type { TemplatePackSpec } from '../../core/templates/types';
import { CliError } from './io';

export function packList(): string {
  const listed = packs.map((p) => `  ${p.id}  ${p.name}（${p.sheetKinds.map((k) => `${k.id}=${k.attachment}`).join('，')}）`);
  const years = packFamilies.map((f) => `${f.family}-<年份 year>`).join('、');
  return [...listed, `  按年份 by year: ${years}，或 or --year <年份>`].join('\n');
}

export function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value.trim())) {
    throw new CliError(`--year 应为四位年份，如 2023（收到 ${value}）`, `--year must be a four-digit year such as 2023 (got ${value})`);
  }
  return Number(value.trim());
}

/** The pack named by `--pack` (at `--year` when given); throws a CliError listing the packs when unknown. */
export function resolvePackArg(pack: string, year: number | undefined): TemplatePackSpec {
  const found = year === undefined ? getPack(pack) : packAtYear(pack, year);
  if (!found) {
    const name = year === undefined ? pack : `${pack} --year ${year}`;
    throw new CliError(`未知的模板包：${name}。可用的模板包：\n${packList()}`, `Unknown pack: ${name}. Packs:\n${packList()}`);
  }
  return found;
}

/** Candidates for detection at a year (every built-in family), or undefined for the default list. */
export function packsAtYear(year: number | undefined): TemplatePackSpec[] | undefined {
  return year === undefined ? undefined : packFamilies.map((f) => f.make(year));
}
