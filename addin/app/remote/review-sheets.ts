/**
 * Plain grids the reviewers' actions write into Excel (read-only views): a submission as submitted, and
 * the spot-check sample.
 */
import type { CellValue } from '../../../core/grid/cell';
import { getPack, getSheetKind } from '../../../core/templates/registry';
import type { Issue } from '../../../core/issues/issue';
import type { SpotCheckList, SubmissionRows, SubmissionView } from './schemas';
import { STATUS_LABEL } from './state';

const SEVERITY = { error: '错误', warning: '警告' } as const;

function scalar(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  return JSON.stringify(v);
}

/** Excel sheet names: ≤ 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function safeSheetName(name: string, taken: readonly string[] = []): string {
  const base = name.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || '工作表';
  let candidate = base;
  for (let i = 2; taken.some((t) => t.toLowerCase() === candidate.toLowerCase()); i++) {
    const suffix = `(${i})`;
    candidate = base.slice(0, 31 - suffix.length) + suffix;
  }
  return candidate;
}

/**
 * The reviewer's view of a submission: a heading, then per submitted sheet its rows (columns in the
 * template's order, headers as printed), then the issue list. Rows keep their sheet row numbers.
 */
export function submissionGrid(view: SubmissionView, packId: string, rows: SubmissionRows | null): CellValue[][] {
  const s = view.submission;
  const out: CellValue[][] = [
    [`${s.school.name} — 上报数据（只读副本，${s.updatedAt.slice(0, 10)}）`],
    [`状态：${STATUS_LABEL[s.status]}`, null, `数据行：${s.rowCount}`, `错误：${view.report.stats.errors}`, `警告：${view.report.stats.warnings}`],
    [],
  ];
  const pack = getPack(packId);
  if (rows) {
    const bySheet = new Map<string, SubmissionRows['items']>();
    for (const r of rows.items) {
      const list = bySheet.get(r.sheet) ?? [];
      list.push(r);
      bySheet.set(r.sheet, list);
    }
    for (const [sheet, items] of bySheet) {
      const kindId = items[0]?.kind ?? '';
      const kind = pack ? getSheetKind(pack, kindId) : undefined;
      const keys = kind ? kind.columns.map((c) => c.key) : [...new Set(items.flatMap((i) => Object.keys(i.fields)))];
      // Headers in 【】: a read-only copy must not be taken for a template by the pane's detector (it would
      // be validated — meta lines missing — and highlighted on a protected sheet).
      const headers = (kind ? kind.columns.map((c) => c.header) : keys).map((h) => `【${h.replace(/\s+/g, '')}】`);
      out.push([`工作表「${sheet}」${kind ? ` — ${kind.attachment} ${kind.shortName}` : ''}`]);
      out.push(['【原行号】', ...headers]);
      for (const item of [...items].sort((a, b) => a.row - b.row)) out.push([item.row, ...keys.map((k) => scalar(item.fields[k]))]);
      out.push([]);
    }
  } else {
    out.push(['（服务器未提供数据行，以下仅列出校验问题）'], []);
  }
  // Reviewers talk to schools about students, not cells: name the student of each issue when the rows say.
  const byRow = new Map((rows?.items ?? []).map((r) => [`${r.sheet}\u0000${r.row}`, r.fields]));
  const student = (i: SubmissionView['report']['issues'][number]): CellValue => {
    const f = byRow.get(`${i.sheet}\u0000${i.row}`);
    if (!f) return null;
    const serial = scalar(f.serial);
    const name = scalar(f.name);
    const label = [serial !== null && serial !== '' ? `序号 ${String(serial)}` : '', name ? String(name) : '']
      .filter(Boolean)
      .join(' ');
    return label || null;
  };
  out.push(['问题清单'], ['【工作表】', '【单元格】', '【学生】', '【级别】', '【说明】']);
  for (const i of view.report.issues) out.push([i.sheet, i.address, student(i), SEVERITY[i.severity], i.message]);
  if (view.report.issues.length === 0) out.push(['（无）']);
  return out;
}

export function spotCheckGrid(items: SpotCheckList['items']): CellValue[][] {
  const out: CellValue[][] = [['抽查样本（5%）'], ['【学校】', '【专业】', '【姓名】', '【工作表】', '【行号】', '【抽取时间】', '【随机种子】', '【总人数】']];
  for (const s of items) {
    for (const st of s.students) {
      out.push([s.school.name, st.major, st.name, st.sheet, st.rowNumber, s.drawnAt.slice(0, 19).replace('T', ' '), s.seed, s.population]);
    }
  }
  return out;
}

/** Issues as they came from the server (zod-parsed), typed as the core's. */
export function asIssues(issues: SubmissionView['report']['issues']): Issue[] {
  return issues.map((i) => ({ ...i, params: i.params, ...(i.fix !== undefined ? { fix: i.fix } : {}) }));
}
