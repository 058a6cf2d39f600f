/**
 * One recognised sheet in the engine: its rows' cached facts and findings (cell + row rules, run per row),
 * and its sheet rules' findings. The workbook engine (core/validate-engine.ts) owns the key indexes and the
 * workbook rules.
 */
import type { Cell, CellValue } from '../grid/cell';
import { checkIdNumber, type IdCheckOptions, type IdCheckResult } from '../id';
import { cohortBirthYears } from '../rules/cohort';
import type { Finding } from '../issues/issue';
import type { RuleRegistry } from '../rules/registry';
import type {
  CellRule,
  ResolvedOptions,
  RowCheck,
  RowFinding,
  RowRule,
  RowState,
  Rule,
  SheetModel,
  SheetRule,
} from '../rules/types';
import { isBlankDataRow, type CellRef, type SheetDetection } from '../templates/detect';
import type { ColumnSpec, TemplatePackSpec } from '../templates/types';
import { stripSpaces, valueKey } from '../text/normalize';
import { parseCertificate, textOf } from '../text/parse';

/** Shared empty list: most rows have no finding (saves an allocation per row). Never pushed to. */
export const NO_FINDINGS: RowFinding[] = [];

export interface PlacedFinding extends Finding {
  row: number;
  column: number;
}

// ---------------------------------------------------------------------------------------------------------

class RowChecker implements RowCheck {
  state!: RowState;
  private idDone = false;
  /**
   * checkIdNumber's result for the row being computed (memoised: several rules ask). Not kept in RowState:
   * nothing reads it once the row is computed, and 100,000 kept results were ≈ 7 MiB (issue #14).
   */
  private id: IdCheckResult | null = null;
  constructor(
    readonly sheet: SheetEngine,
    readonly ctx: ResolvedOptions,
  ) {}

  bind(state: RowState): void {
    this.state = state;
    this.idDone = false;
    this.id = null;
  }

  spec(key: string): number {
    return this.sheet.spec(key);
  }

  has(key: string): boolean {
    return this.sheet.column(key) > 0;
  }

  text(key: string): string {
    const i = this.sheet.spec(key);
    return i < 0 ? '' : (this.state.texts[i] ?? '');
  }

  cell(key: string): Cell | undefined {
    const i = this.sheet.spec(key);
    return i < 0 ? undefined : this.state.cells[i];
  }

  idResult(): IdCheckResult | null {
    if (this.idDone) return this.id;
    this.idDone = true;
    const i = this.sheet.idSpec;
    if (i < 0 || !this.sheet.detection.columnOf[i]) return null;
    this.id = checkIdNumber(this.state.cells[i], this.sheet.idOptions);
    return this.id;
  }

  add(at: string | number, f: Finding): void {
    const i = typeof at === 'number' ? at : this.sheet.spec(at);
    const column = i >= 0 ? (this.sheet.detection.columnOf[i] ?? 0) : 0;
    if (!column) return;
    const rf: RowFinding = { ...f, column };
    if (this.state.findings === NO_FINDINGS) this.state.findings = [rf];
    else this.state.findings.push(rf);
  }
}

/** A rule named by a sheet kind: the pack's own rules first (core/packs/<pack>/rules.ts), then core's. */
export function ruleFor(pack: TemplatePackSpec, registry: RuleRegistry, id: string): Rule {
  return pack.rules?.find((r) => r.id === id) ?? registry.require(id);
}

export class SheetEngine implements SheetModel {
  readonly index: number;
  readonly name: string;
  readonly pack: TemplatePackSpec;
  readonly kind: SheetModel['kind'];
  detection: SheetDetection;
  rows: RowState[] = [];
  meta: Record<string, CellValue>;
  options: Record<string, boolean>;
  readonly idSpec: number;
  readonly idOptions: IdCheckOptions & { today: string };
  sheetFindings: PlacedFinding[] = [];
  private readonly specIndex = new Map<string, number>();
  private readonly cellRulesBySpec: CellRule[][];
  private readonly rowRules: RowRule[];
  readonly sheetRules: SheetRule[];
  private readonly checker: RowChecker;
  private readonly serialSpec: number;
  private readonly certSpec: number;
  /**
   * Every column spec i sits in sheet column i + 1 (the template's own order, the usual case): a row whose
   * first cells hold no null needs no copy — the grid row already is its cells by spec (issue #14: the copy
   * was ≈ 90 bytes a row). Cells past the specs are never read by spec; a shorter row reads as absent.
   */
  private inOrder(): boolean {
    // Cached per detection: a re-detected sheet (resync) may have moved its columns.
    if (this.orderOf !== this.detection) {
      this.orderOf = this.detection;
      this.ordered = this.kind.columns.every((_, i) => this.detection.columnOf[i] === i + 1);
    }
    return this.ordered;
  }
  private orderOf: SheetDetection | null = null;
  private ordered = false;

  constructor(detection: SheetDetection, ctx: ResolvedOptions, registry: RuleRegistry, packOptions: Record<string, boolean>) {
    if (!detection.pack || !detection.kind) throw new Error('SheetEngine needs a recognised sheet');
    this.detection = detection;
    this.index = detection.index;
    this.name = detection.grid.name;
    this.pack = detection.pack;
    this.kind = detection.kind;
    this.meta = detection.recognition.meta;
    this.kind.columns.forEach((c, i) => this.specIndex.set(c.key, i));
    this.idSpec = this.kind.columns.findIndex((c) => c.type === 'id-number');
    this.serialSpec = this.kind.columns.findIndex((c) => c.type === 'serial');
    this.certSpec = this.kind.columns.findIndex((c) => c.type === 'certificate-number');
    this.idOptions = { today: ctx.today };
    if (this.pack.ageRange) {
      this.idOptions.minAge = this.pack.ageRange.min;
      this.idOptions.maxAge = this.pack.ageRange.max;
    }
    if (this.pack.cohort) this.idOptions.birthYears = cohortBirthYears(this.pack.cohort, this.pack.graduationYear, this.meta);
    const rules = this.kind.rules.map((id) => ruleFor(this.pack, registry, id));
    this.cellRulesBySpec = this.kind.columns.map((c) =>
      rules.filter((r): r is CellRule => r.scope === 'cell' && (r.types === 'all' || r.types.includes(c.type))),
    );
    this.rowRules = rules.filter((r): r is RowRule => r.scope === 'row');
    this.sheetRules = rules.filter((r): r is SheetRule => r.scope === 'sheet');
    this.options = resolveSheetOptions(this.pack, this.meta, packOptions);
    this.checker = new RowChecker(this, ctx);
  }

  spec(key: string): number {
    return this.specIndex.get(key) ?? -1;
  }

  column(key: string): number {
    const i = this.specIndex.get(key);
    return i === undefined ? 0 : (this.detection.columnOf[i] ?? 0);
  }

  metaCell(key: string): CellRef | null {
    return this.detection.metaCells[key] ?? this.detection.labelCells[key] ?? null;
  }

  computeRow(r: number): RowState {
    const specs = this.kind.columns;
    const columnOf = this.detection.columnOf;
    const cells = this.detection.grid.rows[r - 1];
    const n = specs.length;
    const rowCells = this.inOrder() && cells && noNulls(cells, n) ? (cells as (Cell | undefined)[]) : new Array<Cell | undefined>(n);
    const texts: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const col = columnOf[i] ?? 0;
      const cell = col && cells ? (cells[col - 1] ?? undefined) : undefined;
      if (rowCells !== cells) rowCells[i] = cell;
      texts[i] = cell ? textOf(cell) : '';
    }
    const state: RowState = {
      row: r,
      blank: isBlankDataRow(cells, this.kind, columnOf),
      cells: rowCells,
      texts,
      findings: NO_FINDINGS,
      idKey: null,
      serial: null,
      cert: null,
    };
    if (state.blank) return state;
    const checker = this.checker;
    checker.bind(state);
    const firstRow = this.detection.recognition.firstDataRow;
    try {
      for (let i = 0; i < n; i++) {
        const spec = specs[i] as ColumnSpec;
        if (spec.scope === 'table' && r !== firstRow) continue;
        const rules = this.cellRulesBySpec[i] as CellRule[];
        for (let k = 0; k < rules.length; k++) (rules[k] as CellRule).check(checker, i, spec);
      }
      for (let k = 0; k < this.rowRules.length; k++) (this.rowRules[k] as RowRule).check(checker);
      if (this.idSpec >= 0 && texts[this.idSpec] !== '' && columnOf[this.idSpec]) {
        const id = checker.idResult();
        state.idKey = id?.normalized ?? stripSpaces((texts[this.idSpec] ?? '').normalize('NFKC')).toUpperCase();
      }
    } catch {
      // A rule must never break validation on odd data; what it found before failing is kept.
    }
    if (this.serialSpec >= 0) {
      const c = rowCells[this.serialSpec];
      const v = c?.value;
      if (typeof v === 'number') state.serial = v;
      else if (typeof v === 'string' && /^\s*\d{1,9}\s*$/.test(v)) state.serial = Number(v);
    }
    if (this.certSpec >= 0 && texts[this.certSpec] !== '') state.cert = parseCertificate(rowCells[this.certSpec], this.pack.certificatePrefix);
    if (state.findings.length > 1) state.findings.sort((a, b) => a.column - b.column);
    return state;
  }

  computeAllRows(): void {
    const { firstDataRow, lastDataRow } = this.detection.recognition;
    const rows: RowState[] = [];
    if (firstDataRow !== null && lastDataRow !== null) {
      for (let r = firstDataRow; r <= lastDataRow; r++) rows.push(this.computeRow(r));
    }
    this.rows = rows;
  }

  runSheetRules(ctx: ResolvedOptions): void {
    const out: PlacedFinding[] = this.detection.findings.map((f) => ({ ...f }));
    const emit = (row: number, column: number, f: Finding): void => {
      if (row > 0 && column > 0) out.push({ ...f, row, column });
    };
    for (const rule of this.sheetRules) {
      try {
        rule.check(this, ctx, emit);
      } catch {
        // A rule must never break validation on odd data; its findings for this run are dropped.
      }
    }
    this.sheetFindings = out;
  }
}

/** No `null` among the first `n` cells (RowState.cells holds a cell or undefined, never null). */
function noNulls(cells: readonly (Cell | null | undefined)[], n: number): boolean {
  for (let i = 0; i < n && i < cells.length; i++) if (cells[i] === null) return false;
  return true;
}

export function resolveSheetOptions(pack: TemplatePackSpec, meta: Record<string, CellValue>, given: Record<string, boolean>): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const o of pack.options ?? []) {
    let v = given[o.key] ?? o.default;
    const m = o.metaKey ? meta[o.metaKey] : undefined;
    if (!v && typeof m === 'string' && o.metaValues?.some((x) => valueKey(m).includes(valueKey(x)))) v = true;
    out[o.key] = v;
  }
  return out;
}

