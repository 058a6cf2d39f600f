/** The human report: which sheet is which attachment, then every issue by sheet, then the totals. */
import { columnLetters } from '../../core/grid/address';
import type { IssueDefinitions } from '../../core/issues/define';
import type { Issue } from '../../core/issues/issue';
import { issueMessage } from '../../core/messages/render';
import type { SheetRecognition, ValidationReport } from '../../core/report';
import { getPack } from '../../core/templates/registry';
import type { Lang } from './io';

export interface FormatOptions {
  file: string;
  lang: Lang;
  color: boolean;
  /** Names the student of an issue (see students.ts); without it issues are listed by cell only. */
  student?: (issue: Issue) => string | null;
  /** The definitions of a pack outside the pack list, when the report is that pack's. */
  packIssues?: IssueDefinitions;
}

const T = {
  'zh-CN': {
    heading: (f: string) => `验印检查：${f}`,
    pack: (id: string, name: string) => `模板包：${id}${name ? `（${name}）` : ''}`,
    noPack: '模板包：未识别（可用 --pack 指定）',
    sheets: '工作表识别',
    recognised: (s: string, kind: string) => `「${s}」→ ${kind}`,
    rows: (h: number | null, a: number | null, b: number | null) =>
      `表头第 ${h ?? '?'} 行` +
      (a !== null && b !== null ? `，数据第 ${a === b ? a : `${a}–${b}`} 行` : '，无数据行'),
    notRecognised: (s: string) => `「${s}」未识别为任何附件，未检查`,
    missing: (cols: string) => `缺少列：${cols}`,
    issues: (e: number, w: number) => `问题（错误 ${e} 个，警告 ${w} 个）`,
    noIssues: '未发现问题。',
    workbook: '整个工作簿',
    sheet: (name: string) => `【${name}】`,
    error: '错误',
    warning: '警告',
    fix: (v: string) => `建议改为：${v}`,
    kind: (name: string, id: string) => `${name}（${id}）`,
    sep: '；',
    colon: '：',
    totals: (s: ValidationReport['stats']) =>
      `合计：${s.sheets} 个工作表（识别 ${s.recognizedSheets} 个），检查 ${s.rows} 行；错误 ${s.errors} 个，警告 ${s.warnings} 个，可自动修正 ${s.fixable} 个` +
      (s.fixable > 0 ? '（用 --fix <输出.xlsx> 另存修正后的副本）。' : '。'),
    noRows: '结论：未找到数据行 — 模板已识别，但还没有填写学生，所以没有逐行检查。',
    pass: '结论：✓ 通过（没有错误）',
    passWarn: '结论：✓ 通过（没有错误，请留意警告）',
    fail: '结论：✗ 未通过 — 请修正上面的错误后再提交。',
  },
  en: {
    heading: (f: string) => `Yanyin check: ${f}`,
    pack: (id: string, name: string) => `Pack: ${id}${name ? ` (${name})` : ''}`,
    noPack: 'Pack: not recognised (use --pack)',
    sheets: 'Sheets',
    recognised: (s: string, kind: string) => `"${s}" → ${kind}`,
    rows: (h: number | null, a: number | null, b: number | null) =>
      `header row ${h ?? '?'}` +
      (a !== null && b !== null ? (a === b ? `, data row ${a}` : `, data rows ${a}–${b}`) : ', no data rows'),
    notRecognised: (s: string) => `"${s}" is not a known attachment; not checked`,
    missing: (cols: string) => `missing columns: ${cols}`,
    issues: (e: number, w: number) => `Issues (${plural(e, 'error')}, ${plural(w, 'warning')})`,
    noIssues: 'No issues found.',
    workbook: 'Workbook',
    sheet: (name: string) => `[${name}]`,
    error: 'error',
    warning: 'warning',
    fix: (v: string) => `suggested: ${v}`,
    kind: (name: string, id: string) => `${name} (${id})`,
    sep: '; ',
    colon: ': ',
    totals: (s: ValidationReport['stats']) =>
      `Totals: ${plural(s.sheets, 'sheet')} (${s.recognizedSheets} recognised), ${plural(s.rows, 'row')} checked; ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.fixable} fixable` +
      (s.fixable > 0 ? ' (--fix <out.xlsx> writes a fixed copy).' : '.'),
    noRows: 'Result: no data rows found — the template is recognised but holds no students, so no row was checked.',
    pass: 'Result: ✓ passed (no errors)',
    passWarn: 'Result: ✓ passed (no errors; see the warnings)',
    fail: 'Result: ✗ failed — fix the errors above before submitting.',
  },
} as const;

export function formatReport(report: ValidationReport, options: FormatOptions): string {
  const t = T[options.lang];
  const paint = (code: number, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const pack = report.packId ? getPack(report.packId) : undefined;

  out.push(paint(1, t.heading(options.file)));
  out.push(report.packId ? t.pack(report.packId, pack?.name ?? '') : t.noPack);
  out.push('');
  out.push(paint(1, t.sheets));
  for (const rec of report.sheets) out.push(...formatRecognition(rec, options.lang));
  out.push('');

  const { errors, warnings } = report.stats;
  if (report.issues.length === 0) {
    out.push(t.noIssues);
  } else {
    out.push(paint(1, t.issues(errors, warnings)));
    for (const [sheet, issues] of groupBySheet(report.issues)) {
      out.push(`  ${t.sheet(sheet || t.workbook)}`);
      for (const issue of issues) {
        const width = Math.max(t.error.length, t.warning.length);
        const sev =
          issue.severity === 'error' ? paint(31, t.error.padEnd(width)) : paint(33, t.warning.padEnd(width));
        const where = (issue.address || '—').padEnd(6);
        const who = options.student?.(issue) ?? null;
        out.push(`    ${where} ${sev}  ${who ? `${who}${t.colon}` : ''}${issueMessage(issue, options.lang, options.packIssues)}`);
        if (issue.fix !== undefined && issue.fix !== null)
          out.push(`    ${' '.repeat(6)} ${' '.repeat(width)}  ${t.fix(String(issue.fix))}`);
      }
    }
  }
  out.push('');
  out.push(t.totals(report.stats));
  // Exit status is unchanged (nothing is wrong), but nothing was checked either: say so, not "passed".
  const noRows = report.stats.recognizedSheets > 0 && report.stats.rows === 0;
  out.push(
    errors > 0 || !report.valid
      ? paint(31, t.fail)
      : noRows
        ? paint(33, t.noRows)
        : paint(32, warnings > 0 ? t.passWarn : t.pass),
  );
  return `${out.join('\n')}\n`;
}

function formatRecognition(rec: SheetRecognition, lang: Lang): string[] {
  const t = T[lang];
  if (!rec.kindId) return [`  – ${t.notRecognised(rec.sheet)}`];
  const kind = rec.packId ? getPack(rec.packId)?.sheetKinds.find((k) => k.id === rec.kindId) : undefined;
  const attachment = rec.attachment ?? kind?.attachment ?? '';
  const shortName = kind?.shortName && kind.shortName !== attachment ? ` ${kind.shortName}` : '';
  const kindName = t.kind(`${attachment}${shortName}`.trim(), rec.kindId);
  const lines = [
    `  ✓ ${t.recognised(rec.sheet, kindName)}${t.sep}${t.rows(rec.headerRow, rec.firstDataRow, rec.lastDataRow)}`,
  ];
  const cols = [...rec.columns]
    .sort((a, b) => a.column - b.column)
    .map((c) => `${columnLetters(c.column)} ${oneLine(c.header)}`);
  if (cols.length > 0) lines.push(...wrap(cols, ' · ', 96).map((l) => `      ${l}`));
  if (rec.missing.length > 0) {
    const headers = rec.missing.map((key) => kind?.columns.find((c) => c.key === key)?.header ?? key);
    lines.push(`      ${t.missing(headers.join('、'))}`);
  }
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function wrap(parts: string[], sep: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const p of parts) {
    if (line && line.length + sep.length + p.length > width) {
      lines.push(line);
      line = p;
    } else line = line ? `${line}${sep}${p}` : p;
  }
  if (line) lines.push(line);
  return lines;
}

function groupBySheet(issues: readonly Issue[]): Map<string, Issue[]> {
  const groups = new Map<string, Issue[]>();
  for (const i of issues) {
    const list = groups.get(i.sheet) ?? [];
    list.push(i);
    groups.set(i.sheet, list);
  }
  for (const list of groups.values()) list.sort((a, b) => a.row - b.row || a.column - b.column);
  return groups;
}

/** What `--fix` changed, cell by cell, before the report on the fixed copy. */
export function formatFixes(
  fixes: readonly { sheet: string; address: string; before: unknown; after: unknown; issue: Issue }[],
  out: string,
  lang: Lang,
  student: (issue: Issue) => string | null,
): string {
  const zh = lang === 'zh-CN';
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? (zh ? '（空）' : '(empty)') : `“${String(v)}”`);
  const lines = [
    fixes.length === 0
      ? zh
        ? `没有可自动修正的问题；仍已写出副本：${out}`
        : `Nothing could be fixed automatically; the copy was still written: ${out}`
      : zh
        ? `已修正 ${fixes.length} 个单元格，写入副本：${out}`
        : `Fixed ${plural(fixes.length, 'cell')}, written to: ${out}`,
  ];
  for (const f of fixes) {
    const who = student(f.issue);
    lines.push(`  ${zh ? `【${f.sheet}】` : `[${f.sheet}]`}${f.address}${who ? ` ${who}` : ''}：${show(f.before)} → ${show(f.after)}`);
  }
  return `${lines.join('\n')}\n\n`;
}
