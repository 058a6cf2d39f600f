/**
 * "Insert blank template": a new sheet written from core's template plan — text formats first (so IDs
 * typed later stay text), then values, merges, formats, dropdowns (ExcelApi 1.8) and the native ID rules.
 */
import type { SheetKindSpec } from '../../core/templates/types';
import { getSheetKind } from '../../core/templates/registry';
import { columnLetters } from '../../core/grid/address';
import { runExcel, type HostFeatures } from './host';
import { notifySheetAdded, queueSheetList, type PortState } from './port-state';
import { planTemplate, templateSheetName, uniqueSheetName, type TemplatePlan } from './template-plan';

/** Points for a width in characters (Excel: 8.43 characters ≈ 64 px ≈ 48 pt). */
function widthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 10) / 10;
}

export async function insertTemplate(state: PortState, packId: string, kindId: string): Promise<string> {
  const pack = state.getPack(packId);
  if (!pack) throw new Error(`未知的模板包「${packId}」。`);
  const kind: SheetKindSpec | undefined = getSheetKind(pack, kindId);
  if (!kind) throw new Error(`模板包「${pack.name}」中没有「${kindId}」（可选：${pack.sheetKinds.map((k) => k.id).join('、')}）。`);
  const name = await runExcel(async (ctx) => {
    const read = queueSheetList(state, ctx);
    await ctx.sync();
    const taken = read().map((s) => s.name);
    const plan = planTemplate(pack, kind, uniqueSheetName(templateSheetName(kind), taken));
    const ws = ctx.workbook.worksheets.add(plan.sheetName);
    writePlan(state, ws, plan, state.features());
    ws.activate();
    ws.getRange(`A${plan.firstDataRow}`).select();
    await ctx.sync();
    return plan.sheetName;
  });
  state.sheets = [];
  await notifySheetAdded(state, name);
  return name;
}

/** Writes a template plan into a new sheet: text formats first, then values, merges, formats, dropdowns. */
function writePlan(state: PortState, ws: Excel.Worksheet, plan: TemplatePlan, f: HostFeatures): void {
  plan.columnWidths.forEach((w, i) => {
    const letter = columnLetters(i + 1);
    ws.getRange(`${letter}:${letter}`).format.columnWidth = widthPoints(w);
  });
  for (const address of plan.textRanges) (ws.getRange(address) as unknown as { numberFormat: string }).numberFormat = '@';
  const width = Math.max(1, ...plan.values.map((r) => r.length));
  if (plan.values.length > 0) {
    const address = `A1:${columnLetters(width)}${plan.values.length}`;
    const values = plan.values.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? null));
    ws.getRange(address).values = values as unknown as (string | number | boolean)[][];
    state.own.markValues(plan.sheetName, address, values);
  }
  for (const address of plan.merges) ws.getRange(address).merge(false);
  for (const fm of plan.formats) {
    const format = ws.getRange(fm.address).format;
    if (fm.bold !== undefined) format.font.bold = fm.bold;
    if (fm.size !== undefined) format.font.size = fm.size;
    if (fm.horizontal) format.horizontalAlignment = fm.horizontal;
    if (fm.vertical) format.verticalAlignment = fm.vertical;
    if (fm.wrap !== undefined) format.wrapText = fm.wrap;
    if (fm.fill) format.fill.color = fm.fill;
    if (fm.box)
      for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const) format.borders.getItem(edge).style = 'Continuous';
  }
  for (const h of plan.rowHeights) ws.getRange(`${h.row}:${h.row}`).format.rowHeight = h.height;
  if (f.dataValidation)
    for (const v of plan.validations) {
      const dv = ws.getRange(v.address).dataValidation;
      dv.rule = v.rule as Excel.DataValidationRule;
      if (v.errorAlert) dv.errorAlert = v.errorAlert;
      if (v.prompt) dv.prompt = v.prompt;
    }
  // ExcelApi 1.6, below the manifest's 1.7: always there. Bounded ranges only (plan addresses are data rows).
  for (const cf of plan.conditionalFormats) {
    const custom = ws.getRange(cf.address).conditionalFormats.add('Custom').custom;
    custom.rule.formula = cf.formula;
    custom.format.fill.color = cf.fill;
    custom.format.font.color = cf.fontColor;
  }
  ws.freezePanes.freezeRows(plan.headerBottom);
}
