/**
 * The range summary (Guangxi 附件3 毕业证书验印审核表) of one school, filled from its current submission and
 * its allocated 起止号, through the pack's roles: per major the `sameAsList` columns (入学时间, 学制, 教学形式)
 * from the graduate list's meta lines, the count (毕业人数) = graduates on the list, the range column = the
 * allocated ranges. Drawn with the pack's own blank template (server/xlsx/write-template) so the print
 * matches the official form.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../../core/grid/cell';
import { formatCertificateRanges } from '../../core/text/certificate-range';
import { getPack, getSheetKind } from '../../core/templates/registry';
import type { RangesRole } from '../../core/templates/roles';
import type { SheetKindSpec, TemplatePackSpec } from '../../core/templates/types';
import { writeTemplate } from '../xlsx/write-template';
import { AppError } from '../errors';
import { campaignPackId } from '../../core/templates/registry';
import { loadCampaignInScope, loadSchoolInScope, type Actor, type DbOrTx } from './context';
import { text } from './validate-workbook';

export interface AuditLine {
  major: string;
  /** The `sameAsList` columns by key (入学时间 → enrollmentDate …), as text. */
  fields: Record<string, string>;
  graduates: number;
  range: string;
}

export interface AuditData {
  schoolName: string;
  total: number;
  lines: AuditLine[];
}

/** The pack's range summary: its role and sheet kind, or null when the pack has none. */
export function auditSheetOf(pack: TemplatePackSpec | undefined): { role: RangesRole; kind: SheetKindSpec } | null {
  const role = pack?.roles.ranges;
  const kind = pack && role ? getSheetKind(pack, role.kind) : undefined;
  return role && kind ? { role, kind } : null;
}

export interface ExportAuditSheetOptions {
  actor: Actor;
  campaignId: string;
  schoolId: string;
}

export async function exportAuditSheet(db: DbOrTx, { actor, campaignId, schoolId }: ExportAuditSheetOptions) {
  const campaign = await loadCampaignInScope(db, actor, campaignId);
  const school = await loadSchoolInScope(db, actor, schoolId);
  const pack = getPack(campaignPackId(campaign));
  const audit = auditSheetOf(pack);
  if (!pack || !audit) throw new AppError('not-found', { what: '该模板包的审核表' });
  const submission = await db.submission.findUnique({
    where: { campaignId_schoolId: { campaignId: campaign.id, schoolId: school.id } },
    include: { currentVersion: { select: { id: true, report: true } } },
  });
  if (!submission?.currentVersion) throw new AppError('not-found', { what: '本校的上报数据' });

  const counts = await db.student.groupBy({
    by: ['major'],
    where: { versionId: submission.currentVersion.id, graduate: true },
    _count: { _all: true },
    orderBy: { major: 'asc' },
  });
  const list = pack.roles.graduates;
  const metas = new Map<string, Record<string, unknown>>();
  const sheets = (submission.currentVersion.report as { sheets?: { kindId: string | null; meta: Record<string, unknown> }[] }).sheets ?? [];
  for (const s of sheets) {
    if (list?.majorMeta && s.kindId === list.kind) metas.set(text(s.meta[list.majorMeta]), s.meta);
  }
  const ranges = await db.certificateRange.findMany({
    where: { schoolId: school.id, series: { campaignId: campaign.id } },
    include: { series: { select: { prefix: true, serialWidth: true } } },
    orderBy: [{ major: 'asc' }, { startSerial: 'asc' }],
  });
  const lines: AuditLine[] = counts.map((c) => {
    const meta = metas.get(c.major) ?? {};
    const own = ranges.filter((r) => r.major === c.major);
    const fields: Record<string, string> = {};
    for (const key of audit.role.sameAsList ?? []) {
      const type = audit.kind.columns.find((col) => col.key === key)?.type;
      fields[key] = type === 'date' ? dateText(meta[key]) : text(meta[key]);
    }
    return {
      major: c.major,
      fields,
      graduates: c._count._all,
      range: own[0] ? formatCertificateRanges(own, own[0].series) : '',
    };
  });
  const data: AuditData = { schoolName: school.name, total: lines.reduce((n, l) => n + l.graduates, 0), lines };
  const workbook = fillAuditSheet(pack, data);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, filename: `${audit.kind.attachment}_${audit.kind.shortName}_${school.name}.xlsx` };
}

function dateText(v: unknown): string {
  if (typeof v === 'number' && v > 20_000 && v < 80_000) {
    // Excel serial (1900 system) → YYYY-MM
    return new Date(Date.UTC(1899, 11, 30) + v * 86_400_000).toISOString().slice(0, 7);
  }
  return text(v);
}

const norm = (v: unknown): string => String(v ?? '').replace(/[\s：:]/g, '');

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v as CellValue);
}

/** The value of a range-summary column on one line ('' for columns the export does not fill). */
function lineValue(role: RangesRole, key: string, line: AuditLine): string | number | null {
  if (key === role.major) return line.major;
  if (key === role.count) return line.graduates;
  if (key === role.range) return line.range;
  return line.fields[key] ?? null;
}

/** Fills the pack's blank range summary; falls back to a plain layout when the form has too few input rows. */
export function fillAuditSheet(pack: TemplatePackSpec, data: AuditData): ExcelJS.Workbook {
  const audit = auditSheetOf(pack);
  if (!audit) throw new Error(`pack ${pack.id} has no range summary`);
  const { role, kind } = audit;
  const workbook = writeTemplate(pack, [role.kind]);
  const ws = workbook.worksheets[0];
  if (!ws) return plainAuditSheet(pack, data);
  const find = (label: string): ExcelJS.Cell | undefined => {
    let found: ExcelJS.Cell | undefined;
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        if (!found && norm(cellText(cell.value)) === norm(label)) found = cell;
      });
    });
    return found;
  };
  const header = (key: string): string => kind.columns.find((c) => c.key === key)?.header ?? key;
  const majorHeader = find(header(role.major));
  if (!majorHeader || data.lines.length > (kind.inputRows ?? 0)) return plainAuditSheet(pack, data);

  const headerRow = Number(majorHeader.row);
  const columns: { key: string; col: number }[] = [];
  for (const c of kind.columns) {
    if (c.key === role.total) continue;
    const cell = find(c.header);
    if (cell && Number(cell.row) === headerRow) columns.push({ key: c.key, col: Number(cell.col) });
  }
  data.lines.forEach((line, i) => {
    const r = ws.getRow(headerRow + 1 + i);
    for (const { key, col } of columns) {
      const v = lineValue(role, key, line);
      if (v !== null) r.getCell(col).value = v;
    }
  });
  const total = role.total ? find(header(role.total)) : undefined;
  if (total) {
    // The total sits under its header (merged down beside the per-major rows).
    ws.getCell(Number(total.row) + (Number(total.row) === headerRow ? 1 : 2), Number(total.col)).value = data.total;
  }
  const schoolLabel = kind.meta.find((m) => m.key === pack.roles.schoolMeta)?.label;
  if (schoolLabel) {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        if (cellText(cell.value).startsWith(schoolLabel)) cell.value = `${schoolLabel}：${data.schoolName}`;
      });
    });
  }
  return workbook;
}

function plainAuditSheet(pack: TemplatePackSpec, data: AuditData): ExcelJS.Workbook {
  const { role, kind } = auditSheetOf(pack) as { role: RangesRole; kind: SheetKindSpec };
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(`${kind.attachment} ${kind.shortName}`);
  ws.addRow([kind.attachment]);
  ws.addRow([kind.title.replace(/^\d{4}年/, '')]);
  const schoolLabel = kind.meta.find((m) => m.key === pack.roles.schoolMeta)?.label;
  if (schoolLabel) ws.addRow([`${schoolLabel}：${data.schoolName}`]);
  ws.addRow(kind.columns.map((c) => c.header));
  data.lines.forEach((l, i) =>
    ws.addRow(kind.columns.map((c) => (c.key === role.total ? (i === 0 ? data.total : null) : lineValue(role, c.key, l)))),
  );
  const footer = kind.layout?.below?.[0]?.cells.map((c) => c.text);
  if (footer) ws.addRow(footer);
  ws.columns.forEach((c, i) => (c.width = kind.columns[i]?.width ?? 12));
  return workbook;
}
