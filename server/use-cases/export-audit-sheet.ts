/**
 * 附件3 毕业证书验印审核表 of one school, filled from its current submission (per major: 入学时间, 学制,
 * 教学形式 from the 附件2 sheets' meta, 毕业人数 = graduates on the list) and its allocated 起止号. Drawn with
 * the pack's own blank template (server/xlsx/write-template) so the print matches the official form.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../../core/grid/cell';
import { formatCertificateRanges } from '../../core/text/certificate-range';
import { getPack } from '../../core/templates/registry';
import type { TemplatePackSpec } from '../../core/templates/types';
import { writeTemplate } from '../xlsx/write-template';
import { AppError } from '../errors';
import { loadCampaignInScope, loadSchoolInScope, type Actor, type DbOrTx } from './context';
import { text } from './validate-workbook';

export interface Att3Line {
  major: string;
  enrollmentDate: string;
  schoolLength: string;
  teachingForm: string;
  graduates: number;
  range: string;
}

export interface Att3Data {
  schoolName: string;
  graduateTotal: number;
  lines: Att3Line[];
}

export async function exportAuditSheet(a: { db: DbOrTx; actor: Actor; campaignId: string; schoolId: string }) {
  const { db, actor } = a;
  const campaign = await loadCampaignInScope(db, actor, a.campaignId);
  const school = await loadSchoolInScope(db, actor, a.schoolId);
  const pack = getPack(campaign.packId);
  if (!pack?.sheetKinds.some((k) => k.id === 'att3')) {
    throw new AppError('not-found', { what: '该模板包的附件3审核表' });
  }
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
  const metas = new Map<string, Record<string, unknown>>();
  const sheets = (submission.currentVersion.report as { sheets?: { kindId: string | null; meta: Record<string, unknown> }[] }).sheets ?? [];
  for (const s of sheets) {
    if (s.kindId === 'att2') metas.set(text(s.meta.major), s.meta);
  }
  const ranges = await db.certificateRange.findMany({
    where: { schoolId: school.id, series: { campaignId: campaign.id } },
    include: { series: { select: { prefix: true, serialWidth: true } } },
    orderBy: [{ major: 'asc' }, { startSerial: 'asc' }],
  });
  const lines: Att3Line[] = counts.map((c) => {
    const meta = metas.get(c.major) ?? {};
    const own = ranges.filter((r) => r.major === c.major);
    return {
      major: c.major,
      enrollmentDate: dateText(meta.enrollmentDate),
      schoolLength: text(meta.schoolLength),
      teachingForm: text(meta.teachingForm),
      graduates: c._count._all,
      range: own[0] ? formatCertificateRanges(own, own[0].series) : '',
    };
  });
  const data: Att3Data = { schoolName: school.name, graduateTotal: lines.reduce((n, l) => n + l.graduates, 0), lines };
  const workbook = fillAtt3(pack, data);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, filename: `附件3_毕业证书验印审核表_${school.name}.xlsx` };
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

/** Fills the pack's blank 附件3; falls back to a plain layout when the form has too few input rows. */
export function fillAtt3(pack: TemplatePackSpec, data: Att3Data): ExcelJS.Workbook {
  const workbook = writeTemplate(pack, ['att3']);
  const ws = workbook.worksheets[0];
  if (!ws) return plainAtt3(data);
  const find = (label: string): ExcelJS.Cell | undefined => {
    let found: ExcelJS.Cell | undefined;
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        if (!found && norm(cellText(cell.value)) === norm(label)) found = cell;
      });
    });
    return found;
  };
  const majorHeader = find('专业名称');
  const kind = pack.sheetKinds.find((k) => k.id === 'att3');
  const inputRows = kind?.inputRows ?? 0;
  if (!majorHeader || data.lines.length > inputRows) return plainAtt3(data);

  const headerRow = Number(majorHeader.row);
  const col = (label: string): number | undefined => {
    const c = find(label);
    return c && Number(c.row) === headerRow ? Number(c.col) : undefined;
  };
  const columns = {
    major: Number(majorHeader.col),
    enrollmentDate: col('入学时间'),
    schoolLength: col('学制'),
    teachingForm: col('教学形式'),
    graduates: col('毕业人数'),
    range: col('毕业证书编号起止号'),
  };
  data.lines.forEach((line, i) => {
    const r = ws.getRow(headerRow + 1 + i);
    r.getCell(columns.major).value = line.major;
    if (columns.enrollmentDate) r.getCell(columns.enrollmentDate).value = line.enrollmentDate;
    if (columns.schoolLength) r.getCell(columns.schoolLength).value = line.schoolLength;
    if (columns.teachingForm) r.getCell(columns.teachingForm).value = line.teachingForm;
    if (columns.graduates) r.getCell(columns.graduates).value = line.graduates;
    if (columns.range) r.getCell(columns.range).value = line.range;
  });
  const total = find('毕业生总数');
  if (total) {
    // The total sits under its header (merged down beside the per-major rows).
    ws.getCell(Number(total.row) + (Number(total.row) === headerRow ? 1 : 2), Number(total.col)).value = data.graduateTotal;
  }
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      const t = cellText(cell.value);
      if (/^学校名称（盖章）[:：]/.test(t) || t.startsWith('学校名称（盖章）')) cell.value = `学校名称（盖章）：${data.schoolName}`;
    });
  });
  return workbook;
}

function plainAtt3(data: Att3Data): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('附件3 验印审核表');
  ws.addRow(['附件3']);
  ws.addRow(['毕业证书验印审核表']);
  ws.addRow([`学校名称（盖章）：${data.schoolName}`]);
  ws.addRow(['毕业生总数', '专业名称', '入学时间', '学制', '教学形式', '毕业人数', '毕业证书编号起止号']);
  data.lines.forEach((l, i) =>
    ws.addRow([i === 0 ? data.graduateTotal : null, l.major, l.enrollmentDate, l.schoolLength, l.teachingForm, l.graduates, l.range]),
  );
  ws.addRow(['学校经办人', '', '', '联系电话']);
  ws.columns.forEach((c, i) => (c.width = [12, 20, 12, 8, 10, 10, 40][i] ?? 12));
  return workbook;
}
