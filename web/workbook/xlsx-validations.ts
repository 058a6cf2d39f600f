/**
 * In-cell dropdowns (list validations) between the .xlsx (exceljs), the plain description the port reads
 * and writes, and Univer's data-validation snapshot. Plain data only: the port (univer-port.ts) is what
 * executes them in Univer. Other validation types stay in the original file (saving writes values back
 * into it) but are not shown in the browser.
 */
import type ExcelJS from 'exceljs';
import { areaRef, parseArea, type Area } from './a1-area';
import type { PlanValidation } from '../../addin/excel/template-plan';

/** A list validation: literal options, or a reference (`$A$1:$A$5`, `Sheet2!A1:A9`) Univer evaluates. */
export interface ListValidation {
  /** A1 areas, e.g. `C5:C104`. */
  ranges: string[];
  options: string[] | null;
  /** The reference without `=`, when `options` is null. */
  formula?: string;
  allowBlank: boolean;
  showError: boolean;
  errorStyle: 'stop' | 'warning' | 'information';
  errorTitle?: string;
  error?: string;
  showPrompt: boolean;
  promptTitle?: string;
  prompt?: string;
}

/** Univer's data-validation resource (`SHEET_DATA_VALIDATION_PLUGIN`): sheet id → rules. */
export const UNIVER_DV_RESOURCE = 'SHEET_DATA_VALIDATION_PLUGIN';

/** Univer's ISheetDataValidationRule, as much of it as a list uses. */
export interface UniverListRule {
  uid: string;
  type: 'list';
  formula1: string;
  ranges: { startRow: number; endRow: number; startColumn: number; endColumn: number }[];
  allowBlank: boolean;
  showDropDown: boolean;
  showErrorMessage: boolean;
  errorStyle: number;
  errorTitle?: string;
  error?: string;
  showInputMessage: boolean;
  promptTitle?: string;
  prompt?: string;
}

/** Univer's DataValidationErrorStyle: 0 info, 1 stop, 2 warning. */
const STYLE_CODE = { information: 0, stop: 1, warning: 2 } as const;
const STYLE_NAME = ['information', 'stop', 'warning'] as const;




/** Cells → as few column runs as keep them (exceljs reads a `C5:C104` rule as 100 cell entries). */
function runs(areas: Area[]): Area[] {
  const cells = new Map<number, number[]>();
  for (const a of areas)
    for (let c = a.left; c <= a.right; c++) {
      const rows = cells.get(c) ?? [];
      cells.set(c, rows);
      for (let r = a.top; r <= a.bottom; r++) rows.push(r);
    }
  const out: Area[] = [];
  for (const [column, rows] of [...cells].sort((x, y) => x[0] - y[0])) {
    rows.sort((x, y) => x - y);
    const [start0 = 0, ...rest] = rows;
    let start = start0;
    let prev = start;
    for (const r of rest.concat(Number.NaN)) {
      if (r === prev + 1 || r === prev) {
        prev = r;
        continue;
      }
      out.push({ top: start, bottom: prev, left: column, right: column });
      start = prev = r;
    }
  }
  return out;
}

/** `"男,女"` → ['男', '女']; anything else is a reference (null). */
function literalOptions(formula: string): string[] | null {
  const m = /^"(.*)"$/s.exec(formula.trim());
  return m ? (m[1] ?? '').replace(/""/g, '"').split(',').map((o) => o.trim()).filter(Boolean) : null;
}

type ExcelRule = ExcelJS.DataValidation & { showInputMessage?: boolean; showErrorMessage?: boolean };

function modelOf(ws: ExcelJS.Worksheet): Record<string, ExcelRule | undefined> {
  return (ws as unknown as { dataValidations?: { model: Record<string, ExcelRule | undefined> } }).dataValidations?.model ?? {};
}

/** The sheet's list validations as exceljs read them (one per `<dataValidation>` element: its cells share the rule object). */
export function listValidationsOf(ws: ExcelJS.Worksheet): ListValidation[] {
  const byRule = new Map<ExcelRule, Area[]>();
  for (const [address, rule] of Object.entries(modelOf(ws))) {
    if (!rule || rule.type !== 'list') continue;
    const area = parseArea(address);
    if (!area) continue;
    const areas = byRule.get(rule) ?? [];
    byRule.set(rule, areas);
    areas.push(area);
  }
  const out: ListValidation[] = [];
  for (const [rule, areas] of byRule) {
    const formula = String(rule.formulae?.[0] ?? '').replace(/^=/, '');
    if (!formula) continue;
    const options = literalOptions(formula);
    out.push({
      ranges: runs(areas).map(areaRef),
      options,
      ...(options ? {} : { formula }),
      allowBlank: rule.allowBlank ?? false,
      showError: rule.showErrorMessage ?? false,
      errorStyle: rule.errorStyle === 'warning' || rule.errorStyle === 'information' ? rule.errorStyle : 'stop',
      ...(rule.errorTitle ? { errorTitle: rule.errorTitle } : {}),
      ...(rule.error ? { error: rule.error } : {}),
      showPrompt: rule.showInputMessage ?? false,
      ...(rule.promptTitle ? { promptTitle: rule.promptTitle } : {}),
      ...(rule.prompt ? { prompt: rule.prompt } : {}),
    });
  }
  return out;
}

/** Writes list validations into a sheet of the downloaded file. */
export function writeListValidations(ws: ExcelJS.Worksheet, list: readonly ListValidation[]): void {
  const model = modelOf(ws);
  for (const v of list) {
    const formula = v.options ? `"${v.options.join(',').replace(/"/g, '""')}"` : (v.formula ?? '');
    if (!formula) continue;
    const rule: ExcelRule = {
      type: 'list',
      allowBlank: v.allowBlank,
      formulae: [formula],
      showErrorMessage: v.showError,
      errorStyle: v.errorStyle,
      showInputMessage: v.showPrompt,
      ...(v.errorTitle ? { errorTitle: v.errorTitle } : {}),
      ...(v.error ? { error: v.error } : {}),
      ...(v.promptTitle ? { promptTitle: v.promptTitle } : {}),
      ...(v.prompt ? { prompt: v.prompt } : {}),
    };
    for (const ref of v.ranges) {
      const area = parseArea(ref);
      if (area) model[areaRef(area)] = rule;
    }
  }
}

/** One list validation as Univer's rule (0-based ranges; options serialised as Univer's list editor does). */
export function toUniverRule(v: ListValidation, uid: string): UniverListRule | null {
  const formula1 = v.options ? JSON.stringify(v.options) : v.formula ? `=${v.formula}` : '';
  const ranges = v.ranges.flatMap((ref) => {
    const a = parseArea(ref);
    return a ? [{ startRow: a.top - 1, endRow: a.bottom - 1, startColumn: a.left - 1, endColumn: a.right - 1 }] : [];
  });
  if (!formula1 || ranges.length === 0) return null;
  return {
    uid,
    type: 'list',
    formula1,
    ranges,
    allowBlank: v.allowBlank,
    showDropDown: true,
    showErrorMessage: v.showError,
    errorStyle: STYLE_CODE[v.errorStyle],
    ...(v.errorTitle ? { errorTitle: v.errorTitle } : {}),
    ...(v.error ? { error: v.error } : {}),
    showInputMessage: v.showPrompt,
    ...(v.promptTitle ? { promptTitle: v.promptTitle } : {}),
    ...(v.prompt ? { prompt: v.prompt } : {}),
  };
}

/** A rule from Univer's model back to the plain description (null for anything but a list). */
export function fromUniverRule(rule: Omit<Partial<UniverListRule>, 'type'> & { type?: string }): ListValidation | null {
  if (rule.type !== 'list' || !rule.formula1 || !rule.ranges?.length) return null;
  const f = rule.formula1;
  let options: string[] | null = null;
  if (!f.startsWith('=')) {
    try {
      const parsed: unknown = JSON.parse(f);
      options = Array.isArray(parsed) ? parsed.map(String).filter(Boolean) : null;
    } catch {
      options = null;
    }
    options ??= f.split(',').filter(Boolean);
  }
  return {
    ranges: rule.ranges.map((r) => areaRef({ top: r.startRow + 1, bottom: r.endRow + 1, left: r.startColumn + 1, right: r.endColumn + 1 })),
    options,
    ...(options ? {} : { formula: f.slice(1) }),
    allowBlank: rule.allowBlank ?? true,
    showError: rule.showErrorMessage ?? false,
    errorStyle: STYLE_NAME[rule.errorStyle ?? 1] ?? 'stop',
    ...(rule.errorTitle ? { errorTitle: rule.errorTitle } : {}),
    ...(rule.error ? { error: rule.error } : {}),
    showPrompt: rule.showInputMessage ?? false,
    ...(rule.promptTitle ? { promptTitle: rule.promptTitle } : {}),
    ...(rule.prompt ? { prompt: rule.prompt } : {}),
  };
}

/** A dropdown of core's template plan (the Excel port's rule) as a list validation; null for other rules. */
export function fromPlan(v: PlanValidation): ListValidation | null {
  const list = (v.rule as { list?: { source?: unknown } }).list;
  if (typeof list?.source !== 'string') return null;
  const style = v.errorAlert?.style;
  return {
    ranges: [v.address],
    options: list.source.split(',').filter(Boolean),
    allowBlank: true,
    showError: v.errorAlert?.showAlert ?? false,
    errorStyle: style === 'Warning' ? 'warning' : style === 'Information' ? 'information' : 'stop',
    ...(v.errorAlert ? { errorTitle: v.errorAlert.title, error: v.errorAlert.message } : {}),
    showPrompt: v.prompt?.showPrompt ?? false,
    ...(v.prompt ? { promptTitle: v.prompt.title, prompt: v.prompt.message } : {}),
  };
}
