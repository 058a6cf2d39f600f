import { cellText, type WorkbookGrid } from '../../../core/grid/cell';
import { toA1 } from '../../../core/grid/address';
import { issue, type ParamValue } from '../../../core/issues/define';
import type { Issue } from '../../../core/issues/issue';
import type { SheetRecognition, ValidateOptions, ValidationReport } from '../../../core/report';
import type { TemplatePackSpec } from '../../../core/templates/types';
import { createMirrorSession, type ValidationEngine } from '../engine';

const toyIssue = (zh: string, en: string) =>
  issue<{ text?: ParamValue }>({
    severity: 'error',
    where: 'cell',
    summary: 'A toy code of the controller tests',
    title: { 'zh-CN': zh, en },
    message: { 'zh-CN': (p) => `${zh}：${String(p.text ?? '')}`, en: (p) => `${en}：${String(p.text ?? '')}` },
  });

/** What the toy codes say: `错误：bad1` (`bad：bad1` in English). */
const toyIssues = { 'toy-bad': toyIssue('错误', 'bad'), 'toy-warn': toyIssue('警告', 'warn'), 'toy-dup': toyIssue('重复', 'duplicate') };

/**
 * A toy rule set for controller tests, so they do not depend on the real rules:
 * a sheet whose A1 is `名单` is a template (pack `toy`, kind `list`, header row 1, column B = idNumber);
 * in its data rows a cell starting with `bad` is an error fixable to `good…`, `warn` a warning without
 * fix, and a duplicate value in column B is an error on both cells (a cross-row rule).
 */
export const toyPack: TemplatePackSpec = {
  id: 'toy',
  name: '玩具包',
  region: '—',
  level: '—',
  graduationYear: 2022,
  workbookRules: [],
  roles: {},
  issues: toyIssues,
  sheetKinds: [
    {
      id: 'list',
      attachment: '附件9',
      title: '名单',
      shortName: '名单',
      meta: [],
      columns: [
        { key: 'name', header: '姓名', type: 'name' },
        { key: 'idNumber', header: '身份证号码', type: 'id-number' },
      ],
      footer: [],
      notes: [],
      blankRows: 0,
      detect: { anyOf: ['idNumber'] },
      repeatable: true,
      rules: [],
    },
  ],
};

export function toyValidate(workbook: WorkbookGrid): ValidationReport {
  const issues: Issue[] = [];
  const sheets: SheetRecognition[] = [];
  let rows = 0;
  for (const sheet of workbook.sheets) {
    const isList = cellText(sheet.rows[0]?.[0]) === '名单';
    const last = sheet.rows.length;
    sheets.push({
      sheet: sheet.name,
      packId: isList ? 'toy' : null,
      kindId: isList ? 'list' : null,
      attachment: isList ? '附件9' : null,
      headerRow: isList ? 1 : null,
      firstDataRow: isList && last >= 2 ? 2 : null,
      lastDataRow: isList && last >= 2 ? last : null,
      columns: isList
        ? [
            { key: 'name', column: 1, header: '姓名' },
            { key: 'idNumber', column: 2, header: '身份证号码' },
          ]
        : [],
      missing: [],
      meta: {},
    });
    if (!isList) continue;
    const seen = new Map<string, number>();
    for (let r = 2; r <= last; r++) {
      rows++;
      const row = sheet.rows[r - 1] ?? [];
      row.forEach((cell, c) => {
        const text = cellText(cell);
        const base = { sheet: sheet.name, row: r, column: c + 1, address: toA1(r, c + 1), params: { text } };
        if (text.startsWith('bad')) {
          issues.push({
            ...base,
            code: 'toy-bad',
            severity: 'error',
            fix: `good${text.slice(3)}`,
          });
        } else if (text.startsWith('warn')) {
          issues.push({ ...base, code: 'toy-warn', severity: 'warning' });
        }
      });
      const id = cellText(row[1]);
      if (id !== '') {
        const other = seen.get(id);
        if (other !== undefined) {
          for (const rr of [other, r]) {
            issues.push({
              sheet: sheet.name,
              row: rr,
              column: 2,
              address: toA1(rr, 2),
              code: 'toy-dup',
              severity: 'error',
              params: { text: id },
            });
          }
        } else seen.set(id, r);
      }
    }
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  const byCode: Record<string, number> = {};
  for (const i of issues) byCode[i.code] = (byCode[i.code] ?? 0) + 1;
  return {
    valid: errors === 0,
    packId: sheets.some((s) => s.packId) ? 'toy' : null,
    stats: {
      sheets: sheets.length,
      recognizedSheets: sheets.filter((s) => s.kindId).length,
      rows,
      cells: rows * 2,
      errors,
      warnings: issues.length - errors,
      fixable: issues.filter((i) => i.fix !== undefined).length,
      byCode,
    },
    issues,
    sheets,
  };
}

export function toyEngine(): ValidationEngine & { sessions: number } {
  const engine = {
    sessions: 0,
    packs: () => [toyPack],
    async createSession(workbook: WorkbookGrid, options: ValidateOptions) {
      engine.sessions++;
      return createMirrorSession(workbook, options, toyValidate);
    },
  };
  return engine;
}
