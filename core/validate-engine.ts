/**
 * The validation engine behind `validate()` and `createValidationSession()`. One code path: a full
 * validation is a session built once. Per-row results (cell + row rules) are cached in RowState; sheet rules
 * re-run for an edited sheet, workbook rules re-run on every update but read cached row facts and the
 * incrementally kept key indexes (IDs per kind, certificate numbers), so a one-cell edit on a 50,000-row
 * sheet re-checks one row plus O(n) cheap passes over cached facts.
 */
import { toA1 } from './grid/address';
import type { CellValue, SheetGrid, WorkbookGrid } from './grid/cell';
import type { Finding, Issue } from './issues/issue';
import type { SheetRecognition, ValidateOptions, ValidationReport, ValidationStats } from './report';
import { defaultRules } from './rules';
import { EMPTY_INDEX, KeyIndex } from './engine/key-index';
import { resolveSheetOptions, ruleFor, SheetEngine, type PlacedFinding } from './engine/sheet-engine';
import { finding } from './rules/checks';
import type { RuleRegistry } from './rules/registry';
import type {
  KeyIndexView,
  ResolvedOptions,
  RowState,
  SheetModel,
  WorkbookModel,
  WorkbookRule,
} from './rules/types';
import { detectSheet, detectWorkbook, type SheetDetection } from './templates/detect';
import { packs as builtinPacks } from './templates/registry';
import type { TemplatePackSpec } from './templates/types';

export interface EngineOptions extends ValidateOptions {
  /** Pack switches by key (e.g. `{ pilot: true }` for Hubei pilot areas); see TemplatePackSpec.options. */
  packOptions?: Record<string, boolean>;
  /** Rule registry (default: the built-in rules). */
  rules?: RuleRegistry;
  /** Packs to detect among (default: the built-in ones). */
  packs?: readonly TemplatePackSpec[];
}

function isoToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}


// ---------------------------------------------------------------------------------------------------------

export interface ChangedRange {
  sheet: string;
  fromRow: number;
  toRow: number;
}

interface WbFinding extends PlacedFinding {
  sheet: number;
}

export class Engine implements WorkbookModel {
  pack!: TemplatePackSpec;
  packId: string | null = null;
  sheets: SheetEngine[] = [];
  /** All sheets' detections (recognised or not), workbook order. */
  detections: SheetDetection[] = [];
  certs = new KeyIndex();
  private idIndexes = new Map<string, KeyIndex>();
  private wbFindings: WbFinding[] = [];
  private readonly ctx: ResolvedOptions;
  private readonly registry: RuleRegistry;
  private readonly packOptions: Record<string, boolean>;
  private readonly packList: readonly TemplatePackSpec[];
  private workbookRules: WorkbookRule[] = [];
  private materialized = new WeakMap<RowState, { row: number; issues: Issue[] }>();

  constructor(
    public grids: SheetGrid[],
    private readonly options: EngineOptions = {},
  ) {
    this.registry = options.rules ?? defaultRules;
    this.packOptions = options.packOptions ?? {};
    this.packList = options.packs ?? builtinPacks;
    this.ctx = {
      today: options.today ?? isoToday(),
      graduationYear: 0,
      allocatedRanges: options.allocatedRanges ?? [],
      packOptions: this.packOptions,
    };
    this.rebuild();
  }

  // --- WorkbookModel -------------------------------------------------------------------------------------

  byKind(kindId: string): SheetModel[] {
    return this.sheets.filter((s) => s.kind.id === kindId);
  }

  ids(kindId: string): KeyIndexView {
    return this.idIndexes.get(kindId) ?? EMPTY_INDEX;
  }

  // --- building ------------------------------------------------------------------------------------------

  rebuild(): void {
    const detection = detectWorkbook({ sheets: this.grids }, { packId: this.options.packId, packs: this.packList });
    this.detections = detection.sheets;
    this.packId = detection.packId;
    this.idIndexes = new Map();
    this.certs = new KeyIndex();
    this.sheets = [];
    this.materialized = new WeakMap();
    if (detection.pack) {
      this.pack = detection.pack;
      this.ctx.graduationYear = detection.pack.graduationYear;
      const ids = new Set<string>(detection.pack.workbookRules);
      for (const k of detection.pack.sheetKinds) for (const r of k.rules) ids.add(r);
      this.workbookRules = [...ids].map((id) => ruleFor(detection.pack as TemplatePackSpec, this.registry, id)).filter((r): r is WorkbookRule => r.scope === 'workbook');
      for (const d of this.detections) {
        if (!d.kind) continue;
        const s = new SheetEngine(d, this.ctx, this.registry, this.packOptions);
        this.sheets.push(s);
        s.computeAllRows();
        for (const st of s.rows) this.indexRow(s, st);
        s.runSheetRules(this.ctx);
      }
    } else {
      this.workbookRules = [];
    }
    this.runWorkbookRules();
  }

  private idIndex(kindId: string): KeyIndex {
    let ix = this.idIndexes.get(kindId);
    if (!ix) {
      ix = new KeyIndex();
      this.idIndexes.set(kindId, ix);
    }
    return ix;
  }

  private indexRow(s: SheetEngine, st: RowState): void {
    if (st.blank) return;
    if (st.idKey === null && st.cert === null) return;
    // One occurrence object for both indexes (they only read it).
    const occ = { sheet: s, state: st };
    if (st.idKey !== null) this.idIndex(s.kind.id).add(st.idKey, occ);
    if (st.cert !== null) this.certs.add(st.cert, occ);
  }

  private unindexRow(s: SheetEngine, st: RowState): void {
    if (st.blank) return;
    if (st.idKey !== null) this.idIndexes.get(s.kind.id)?.remove(st.idKey, st);
    if (st.cert !== null) this.certs.remove(st.cert, st);
  }

  private runWorkbookRules(): void {
    const out: WbFinding[] = [];
    const emit = (sheet: SheetModel, row: number, column: number, f: Finding): void => {
      if (row > 0 && column > 0) out.push({ ...f, sheet: sheet.index, row, column });
    };
    for (const rule of this.workbookRules) {
      try {
        rule.check(this, this.ctx, emit);
      } catch {
        // see SheetEngine.runSheetRules
      }
    }
    this.wbFindings = out;
  }

  // --- incremental updates -------------------------------------------------------------------------------

  /**
   * Re-validates one sheet after its grid changed. `mapOld` maps an old data row to its new row number
   * (null when deleted); `dirty` tells whether a (new) row's cells changed. Returns false when the sheet's
   * structure changed so much that the whole workbook was rebuilt.
   */
  resync(sheetIndex: number, mapOld: (row: number) => number | null, dirty: (row: number) => boolean): 'rows' | 'sheet' | 'workbook' {
    const old = this.detections[sheetIndex];
    const grid = this.grids[sheetIndex];
    if (!old || !grid) return 'workbook';
    const engine = this.sheets.find((s) => s.index === sheetIndex);
    if (!engine || !old.kind) {
      // An unrecognised sheet may have become a template: detection and pack choice may change.
      const again = detectSheet(grid, sheetIndex, this.packId ? this.packList.filter((p) => p.id === this.packId) : this.packList);
      if (again.kind) {
        this.rebuild();
        return 'workbook';
      }
      this.detections[sheetIndex] = again;
      this.runWorkbookRules();
      return 'rows';
    }
    const d = detectSheet(grid, sheetIndex, [engine.pack]);
    if (!d.kind || d.kind !== old.kind) {
      this.rebuild();
      return 'workbook';
    }
    const sameStructure =
      d.recognition.headerRow === mapOld(old.recognition.headerRow ?? 0) &&
      d.headerEnd === old.headerEnd &&
      d.columnOf.length === old.columnOf.length &&
      d.columnOf.every((c, i) => c === old.columnOf[i]) &&
      sameMeta(d.recognition.meta, old.recognition.meta);
    this.detections[sheetIndex] = d;
    engine.detection = d;
    engine.meta = d.recognition.meta;
    if (!sameStructure) {
      for (const st of engine.rows) this.unindexRow(engine, st);
      engine.options = resolveSheetOptions(engine.pack, engine.meta, this.packOptions);
      engine.computeAllRows();
      for (const st of engine.rows) this.indexRow(engine, st);
      engine.runSheetRules(this.ctx);
      this.runWorkbookRules();
      return 'sheet';
    }
    // Keep the cached rows that survive (renumbered), recompute dirty and new ones.
    const { firstDataRow, lastDataRow } = d.recognition;
    const first = firstDataRow ?? 0;
    const last = lastDataRow ?? -1;
    const slots: (RowState | undefined)[] = new Array<RowState | undefined>(Math.max(0, last - first + 1));
    // Table-scope columns (附件3 毕业生总数) are checked on the first data row only: a cached row that moved
    // into or out of that place (a row inserted or deleted at the top of the data) is recomputed.
    const oldFirst = old.recognition.firstDataRow;
    const tableScoped = engine.kind.columns.some((c) => c.scope === 'table');
    for (const st of engine.rows) {
      const nr = mapOld(st.row);
      const movedFirst = tableScoped && (st.row === oldFirst) !== (nr === first);
      if (nr === null || nr < first || nr > last || dirty(nr) || slots[nr - first] || movedFirst) {
        this.unindexRow(engine, st);
        continue;
      }
      st.row = nr;
      slots[nr - first] = st;
    }
    const rows: RowState[] = new Array<RowState>(slots.length);
    for (let k = 0; k < slots.length; k++) {
      let st = slots[k];
      if (!st) {
        st = engine.computeRow(first + k);
        this.indexRow(engine, st);
      }
      rows[k] = st;
    }
    engine.rows = rows;
    engine.runSheetRules(this.ctx);
    this.runWorkbookRules();
    return 'rows';
  }

  // --- report --------------------------------------------------------------------------------------------

  private toIssue(sheet: string, row: number, f: Finding & { column: number }): Issue {
    const issue: Issue = {
      code: f.code,
      severity: f.severity,
      sheet,
      row,
      column: f.column,
      address: toA1(row, f.column),
      params: f.params,
    };
    if (f.fix !== undefined) issue.fix = f.fix;
    return issue;
  }

  private rowIssues(sheet: string, st: RowState): Issue[] {
    const cached = this.materialized.get(st);
    if (cached && cached.row === st.row) return cached.issues;
    const issues = st.findings.map((f) => this.toIssue(sheet, st.row, f));
    this.materialized.set(st, { row: st.row, issues });
    return issues;
  }

  /** Issues that are not per-row (structure, sheet and workbook rules), by sheet index. */
  otherIssues(): Map<number, Issue[]> {
    const out = new Map<number, Issue[]>();
    const push = (sheetIndex: number, issue: Issue): void => {
      const list = out.get(sheetIndex);
      if (list) list.push(issue);
      else out.set(sheetIndex, [issue]);
    };
    for (const s of this.sheets) for (const f of s.sheetFindings) push(s.index, this.toIssue(s.name, f.row, f));
    for (const f of this.wbFindings) push(f.sheet, this.toIssue(this.grids[f.sheet]?.name ?? '', f.row, f));
    if (this.sheets.length === 0 && this.grids.length > 0) {
      push(0, this.toIssue(this.grids[0]?.name ?? '', 1, { ...finding('no-template'), column: 1 }));
    }
    for (const list of out.values()) list.sort((a, b) => a.row - b.row || a.column - b.column);
    return out;
  }

  report(): ValidationReport {
    const others = this.otherIssues();
    const issues: Issue[] = [];
    const stats: ValidationStats = {
      sheets: this.grids.length,
      recognizedSheets: this.sheets.length,
      rows: 0,
      cells: 0,
      errors: 0,
      warnings: 0,
      fixable: 0,
      byCode: {},
    };
    const engines = new Map<number, SheetEngine>();
    for (const s of this.sheets) engines.set(s.index, s);
    for (let si = 0; si < this.grids.length; si++) {
      const s = engines.get(si);
      const other = others.get(si) ?? [];
      let oi = 0;
      if (s) {
        const mapped = s.detection.columnOf.filter((c) => c > 0).length;
        for (const st of s.rows) {
          if (st.blank) continue;
          stats.rows++;
          stats.cells += mapped;
          if (st.findings.length === 0) continue;
          const rowIssues = this.rowIssues(s.name, st);
          for (const issue of rowIssues) {
            while (oi < other.length && compare(other[oi] as Issue, issue) <= 0) issues.push(other[oi++] as Issue);
            issues.push(issue);
          }
        }
      }
      while (oi < other.length) issues.push(other[oi++] as Issue);
    }
    for (const i of issues) {
      if (i.severity === 'error') stats.errors++;
      else stats.warnings++;
      if (i.fix !== undefined) stats.fixable++;
      stats.byCode[i.code] = (stats.byCode[i.code] ?? 0) + 1;
    }
    const sheets: SheetRecognition[] = this.detections.map((d) => d.recognition);
    return { valid: stats.errors === 0, packId: this.packId, stats, issues, sheets };
  }
}

function compare(a: Issue, b: Issue): number {
  return a.row - b.row || a.column - b.column;
}

function sameMeta(a: Record<string, CellValue>, b: Record<string, CellValue>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

/** Builds the engine over a workbook; never throws on bad data (odd shapes become empty sheets). */
export function createEngine(workbook: WorkbookGrid, options: EngineOptions = {}, copy = false): Engine {
  const sheets = Array.isArray(workbook?.sheets) ? workbook.sheets : [];
  const grids: SheetGrid[] = sheets.map((s, i) => {
    const name = typeof s?.name === 'string' ? s.name : `Sheet${i + 1}`;
    const rows = Array.isArray(s?.rows) ? s.rows : [];
    return copy || rows !== s?.rows || name !== s?.name ? { name, rows: rows.slice() } : s;
  });
  return new Engine(grids, options);
}
