/** The school's certificate numbers: applying for them per major, and writing the allocated ones into the cells. */
import type { ExcelPort } from '../../excel/port';
import { detect } from '../../../core/templates/detect';
import { campaignPackId } from '../../../core/templates/registry';
import { RemoteError } from './api-client';
import { requireCampaign, type RemoteContext } from './context';
import { graduatesByMajor, placeCertificates } from './placement';
import { loadApplications } from './role-data';
import type { Campaign } from './schemas';

const readRecognitions = async (port: ExcelPort, c: Campaign) => {
  const workbook = await port.readWorkbook();
  return { workbook, recognitions: detect(workbook, { packId: campaignPackId(c) }).sheets };
};

/** Applies for the numbers each major still lacks (graduates minus what was applied for and not rejected). */
export const applyForNumbers = async (ctx: RemoteContext): Promise<void> => {
  const api = ctx.api();
  const c = requireCampaign(ctx);
  const { workbook, recognitions } = await readRecognitions(ctx.port, c);
  const wanted = graduatesByMajor(workbook, recognitions);
  const existing = await api.numberApplications(c.id);
  const already = new Map<string, number>();
  for (const a of existing.items) if (a.status !== 'REJECTED') already.set(a.major, (already.get(a.major) ?? 0) + a.count);
  const items = wanted.map((w) => ({ major: w.major, count: w.count - (already.get(w.major) ?? 0) })).filter((i) => i.count > 0);
  if (items.length === 0) {
    ctx.notice('apply-numbers', wanted.length === 0 ? '工作簿中没有可申领编号的毕业生（附件2）。' : '各专业的证书编号均已申领。');
    return;
  }
  await api.applyForNumbers(c.id, items);
  await loadApplications(ctx);
  ctx.notice('apply-numbers', `已申领：${items.map((i) => `${i.major} ${i.count} 个`).join('，')}。待省级教育行政部门分配。`);
};

/** Assigns the allocated numbers to the graduates (once) and writes them, and the ranges, into the cells. */
export const fetchNumbers = async (ctx: RemoteContext): Promise<void> => {
  const { port, setState } = ctx;
  const api = ctx.api();
  const c = requireCampaign(ctx);
  const schoolId = ctx.state().user?.org.id ?? '';
  let numbers = await api.certificateNumbers(c.id, schoolId);
  if (numbers.ranges.length === 0) {
    setState({ numbers: null });
    throw new RemoteError('refused', 'no-ranges', '尚未分配证书编号：请先申领，待省级教育行政部门分配后再获取。');
  }
  if (!numbers.certificates.some((x) => x.status === 'ISSUED')) {
    await api.assignNumbers(c.id, schoolId);
    numbers = await api.certificateNumbers(c.id, schoolId);
  }
  const { workbook, recognitions } = await readRecognitions(port, c);
  const placement = placeCertificates(workbook, recognitions, numbers, c.series.map((s) => s.prefix));
  const bySheet = new Map<string, { address: string; value: string | number | boolean | null }[]>();
  for (const w of placement.writes) {
    const list = bySheet.get(w.sheet) ?? [];
    list.push({ address: w.address, value: w.value });
    bySheet.set(w.sheet, list);
  }
  for (const [sheet, cells] of bySheet) await port.writeValues(sheet, cells);
  await loadApplications(ctx);
  setState({
    numbers: { placed: placement.numbersPlaced, ranges: placement.rangesPlaced, unplaced: placement.unplaced, rangesMissing: placement.rangesMissing },
  });
  ctx.notice('fetch-numbers', `已填入 ${placement.numbersPlaced} 个证书编号${placement.rangesPlaced > 0 ? `和 ${placement.rangesPlaced} 个起止号` : ''}。`);
  await ctx.options.afterWrite?.();
};
