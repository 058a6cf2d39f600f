/**
 * The progress list as an .xlsx (e.g. the schools that have not submitted, to send round): the same rows
 * as the console's table, filtered the same way.
 */
import ExcelJS from 'exceljs';
import { formatBeijing, type Actor, type DbOrTx } from './context';
import { getCampaignProgress, STATUS_ZH, type SchoolProgress } from './get-campaign-progress';

export type ProgressFilter = 'all' | 'not-submitted' | 'overdue';

const NOT_SUBMITTED = new Set(['NONE', 'DRAFT', 'RETURNED']);

export function filterProgress(schools: readonly SchoolProgress[], only: ProgressFilter, cityId?: string): SchoolProgress[] {
  return schools.filter(
    (s) =>
      (only === 'all' || (only === 'overdue' ? s.overdue.length > 0 : NOT_SUBMITTED.has(s.status))) &&
      (cityId === undefined || (cityId === '' ? s.cityId === null : s.cityId === cityId)),
  );
}

export interface ExportProgressSheetOptions {
  actor: Actor;
  campaignId: string;
  only: ProgressFilter;
  cityId?: string;
}

export async function exportProgressSheet(db: DbOrTx, { actor, campaignId, only, cityId }: ExportProgressSheetOptions) {
  const progress = await getCampaignProgress(db, { actor, campaignId });
  const rows = filterProgress(progress.schools, only, cityId);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('进度', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '市教育局', key: 'city', width: 16 },
    { header: '学校名称', key: 'name', width: 30 },
    { header: '学校标识码', key: 'code', width: 14 },
    { header: '回执（附件1）', key: 'receipt', width: 12 },
    { header: '状态', key: 'status', width: 12 },
    { header: '错误', key: 'errors', width: 8 },
    { header: '警告', key: 'warnings', width: 8 },
    { header: '申领编号数', key: 'applied', width: 10 },
    { header: '已分配编号数', key: 'allocated', width: 12 },
    { header: '报送截止', key: 'due', width: 18 },
    { header: '下一截止', key: 'next', width: 24 },
    { header: '逾期', key: 'overdue', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getColumn('code').numFmt = '@';
  for (const s of rows) {
    ws.addRow({
      city: s.cityName,
      name: s.name,
      code: s.code,
      receipt: s.receipt === null ? '—' : s.receipt ? '已交' : '未交',
      status: STATUS_ZH[s.status],
      errors: s.errors ?? '',
      warnings: s.warnings ?? '',
      applied: s.applied,
      allocated: s.allocated,
      due: s.submissionDue ? formatBeijing(new Date(s.submissionDue)) : '',
      next: s.nextDeadline ? `${s.nextDeadline.label} ${s.nextDeadline.days >= 0 ? `还有 ${s.nextDeadline.days} 天` : `已过 ${-s.nextDeadline.days} 天`}` : '',
      overdue: s.overdue.join('、'),
    });
  }
  ws.autoFilter = { from: 'A1', to: { row: 1, column: 12 } };
  const label = only === 'overdue' ? '逾期学校' : only === 'not-submitted' ? '未上报学校' : '进度';
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${progress.campaign.name}_${label}.xlsx` };
}
