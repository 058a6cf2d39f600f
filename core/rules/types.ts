/**
 * The rule model. A rule is a small object registered by id (./registry.ts), a pure function of what it is
 * given: it reads the model and emits findings; it never mutates the model and never throws on bad data.
 *
 * - `cell` rules run on one cell of a data row, for the column types they declare.
 * - `row` rules compare cells of one row (性别 vs the ID).
 * - `sheet` rules see every data row of one sheet (序号 1..n, certificate order).
 * - `workbook` rules see every recognised sheet (duplicates, 附件1 ↔ 附件3 ↔ 附件2 ↔ 附件4).
 * Sheet kinds list the rules that apply to them (SheetKindSpec.rules; TemplatePackSpec.workbookRules).
 */
import type { Cell, CellValue } from '../grid/cell';
import type { IdCheckResult } from '../id';
import type { Finding } from '../issues/issue';
import type { AllocatedRange } from '../report';
import type { CellRef, SheetDetection } from '../templates/detect';
import type { ColumnSpec, ColumnType, SheetKindSpec, TemplatePackSpec } from '../templates/types';

/** A finding on a cell of the row being checked (`column` is the 1-based sheet column). */
export interface RowFinding extends Finding {
  column: number;
}

/** One data row, as the engine keeps it (cached between incremental updates). */
export interface RowState {
  /** Live 1-based sheet row (updated when rows are inserted or deleted above). */
  row: number;
  /** Every mapped non-serial cell is blank: not validated, not counted. */
  blank: boolean;
  /** Per column spec (kind.columns order): the cell, or undefined when the column is absent or empty. */
  cells: readonly (Cell | undefined)[];
  /** Per column spec: trimmed text ('' when blank). */
  texts: string[];
  /** Findings of the cell and row rules. */
  findings: RowFinding[];
  /** Key for duplicate/cross-sheet look-ups: the normalised ID, or the cleaned text when it cannot be derived. */
  idKey: string | null;
  /** 序号 as a number, null when blank or not a number. */
  serial: number | null;
  /** 证书编号 digits, null when blank or unreadable. */
  cert: string | null;
}

export interface ResolvedOptions {
  today: string;
  graduationYear: number;
  allocatedRanges: AllocatedRange[];
  packOptions: Record<string, boolean>;
}

/** A recognised sheet as rules see it. */
export interface SheetModel {
  index: number;
  name: string;
  pack: TemplatePackSpec;
  kind: SheetKindSpec;
  detection: SheetDetection;
  /** Data rows in order, blank ones included (flagged). */
  rows: RowState[];
  meta: Record<string, CellValue>;
  /** Pack options for this sheet (ValidateOptions.packOptions, or turned on by a meta line). */
  options: Record<string, boolean>;
  /** Spec index of a column key (-1 when the kind has no such column). */
  spec(key: string): number;
  /** 1-based sheet column of a column key, 0 when absent from the sheet. */
  column(key: string): number;
  /** Where a meta value was read (its value cell), or its label cell, or null. */
  metaCell(key: string): CellRef | null;
}

export interface Occurrence {
  sheet: SheetModel;
  state: RowState;
}

/** An incrementally maintained key → occurrences index (IDs per kind, certificate numbers). */
export interface KeyIndexView {
  get(key: string): readonly Occurrence[] | undefined;
  /** Keys held by two or more rows. */
  duplicates(): Iterable<string>;
}

export interface WorkbookModel {
  pack: TemplatePackSpec;
  /** Recognised sheets, in workbook order. */
  sheets: SheetModel[];
  byKind(kindId: string): SheetModel[];
  /** ID keys per sheet kind id (all 附件2 sheets together). */
  ids(kindId: string): KeyIndexView;
  /** Certificate numbers across the workbook. */
  certs: KeyIndexView;
}

/** What cell and row rules see: one row, with helpers. */
export interface RowCheck {
  readonly sheet: SheetModel;
  readonly ctx: ResolvedOptions;
  readonly state: RowState;
  spec(key: string): number;
  has(key: string): boolean;
  text(key: string): string;
  cell(key: string): Cell | undefined;
  /** The row's ID check (memoised), null when the kind has no ID column. */
  idResult(): IdCheckResult | null;
  /** Emits a finding at the cell of a column key or spec index. */
  add(at: string | number, finding: Finding): void;
}

export type SheetEmit = (row: number, column: number, finding: Finding) => void;
export type WorkbookEmit = (sheet: SheetModel, row: number, column: number, finding: Finding) => void;

export interface CellRule {
  id: string;
  scope: 'cell';
  /** Column types this rule checks; 'all' for every column. */
  types: readonly ColumnType[] | 'all';
  check(row: RowCheck, specIndex: number, spec: ColumnSpec): void;
}

export interface RowRule {
  id: string;
  scope: 'row';
  check(row: RowCheck): void;
}

export interface SheetRule {
  id: string;
  scope: 'sheet';
  check(sheet: SheetModel, ctx: ResolvedOptions, emit: SheetEmit): void;
}

export interface WorkbookRule {
  id: string;
  scope: 'workbook';
  check(workbook: WorkbookModel, ctx: ResolvedOptions, emit: WorkbookEmit): void;
  /**
   * For a rule whose findings are one group per duplicated key of a key index (`check` = every duplicate's
   * group): the engine keeps the groups and, after an edit that renumbered no row, re-checks only the keys
   * the edit added or removed (issue #12: 20,000 `id-duplicate` findings re-made on every one-cell edit).
   * Two groups never place a finding on the same cell (a row holds one key per index).
   */
  keyed?: {
    /** `ids`: each sheet kind's ID index (scope = the kind's id); `certs`: the certificate index (scope ''). */
    index: 'ids' | 'certs';
    checkKey(workbook: WorkbookModel, ctx: ResolvedOptions, scope: string, key: string, emit: WorkbookEmit): void;
  };
}

export type Rule = CellRule | RowRule | SheetRule | WorkbookRule;
