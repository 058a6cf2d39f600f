import type { IssueDefinitions } from '../issues/define';
import type { IssueCode } from '../issues/catalogue';
import type { Rule } from '../rules/types';
import type { PackRoles } from './roles';

/**
 * A template pack is DATA: adding a province or a year is adding a pack, not editing the engine.
 * The same description drives detection, validation, the blank-template writers (CLI and add-in) and the
 * server's storage of submitted rows.
 */
export type ColumnType =
  | 'serial' // 序号 1..n
  | 'name' // a person's name
  | 'gender' // 男 / 女
  | 'id-number' // 身份证号码 (all kinds, see core/id)
  | 'student-number' // 国家学籍号 G/L/J
  | 'grade' // score 0–100 or grade word
  | 'integer'
  | 'credits'
  | 'text'
  | 'mobile' // 11-digit mobile or text containing one
  | 'phone' // mobile or landline (0771-5815347), or text containing one
  | 'date' // 入学时间 / 出生日期 / 填报日期
  | 'school-length' // 学制, e.g. 3年 / 三年 / 3
  | 'enum' // closed list in `options`
  | 'ethnicity' // one of the 56 official names
  | 'certificate-number'
  | 'certificate-range'; // 起止号

export interface ColumnSpec {
  /** Stable English key used everywhere in code and storage, e.g. `idNumber`. */
  key: string;
  /** The official header text. */
  header: string;
  /** Accepted variants (detection also ignores spaces, line breaks and full/half-width punctuation). */
  aliases?: string[];
  /** Parent text of a merged two-row header, e.g. `各类课程综合成绩`. */
  group?: string;
  /** Text in the second header row under this column, e.g. `桂教中专毕字（2022）` under 证书编号. */
  subHeader?: string;
  type: ColumnType;
  required?: boolean;
  /** Closed list: validated, and written as a dropdown in blank templates. */
  options?: string[];
  /** Column width in characters for blank templates. */
  width?: number;
  /**
   * How `options` are used: `closed` (default for `enum`) — anything else is an error and the template's
   * dropdown blocks other values; `suggest` (default for other types, e.g. grade words on a grade column
   * that also takes scores) — the dropdown is offered with its error alert OFF.
   */
  optionsMode?: 'closed' | 'suggest';
  /**
   * Values clerks type that mean an option (`身份证号` → `身份证号码`, `学制` → `学制变更`): accepted with a
   * one-click fix to the option.
   */
  synonyms?: Record<string, string>;
  /** Issue code emitted when a value is not valid for the column (default per type, e.g. `enum-invalid`). */
  invalidCode?: IssueCode;
  /**
   * `row` (default): one value per data row. `table`: ONE value for the whole table, written in the first
   * data row and merged down across all data rows (附件3 毕业生总数 beside the per-major rows).
   */
  scope?: 'row' | 'table';
}

/** A `label：value` line above or below the table (学校名称（盖章）：…, 填表人：…). */
export interface MetaFieldSpec {
  key: string;
  label: string;
  aliases?: string[];
  type: ColumnType;
  required?: boolean;
  options?: string[];
  /**
   * Where the value sits relative to the label. `after` (default): `label：value` in the same cell, or the
   * value in the next non-empty cell to the right. `before`: `_____ 市教育局/区直学校` (value first).
   */
  placement?: 'after' | 'before';
  /** Text a writer puts where the value goes, e.g. `年 月 日` under 填报日期, `_____` on an inline line. */
  placeholder?: string;
  /** A date filled in during the campaign (填报日期): another year is `date-implausible`. */
  campaignDate?: boolean;
}

/**
 * One cell of a fixed block (附件3's approval boxes). Writers lay the cells left to right from column A,
 * each taking `colSpan` columns (merged when > 1) and `rowSpan` rows.
 */
export interface LayoutCell {
  /** Text written in the cell; '' for an empty box. */
  text: string;
  colSpan?: number;
  rowSpan?: number;
  /** Key of the meta/footer field whose value is typed into this cell (the detector reads it back). */
  field?: string;
  align?: 'left' | 'center' | 'right';
  /** Vertical alignment, e.g. `top` for an opinion box the reviewer writes into. */
  valign?: 'top' | 'middle' | 'bottom';
}

export interface LayoutRow {
  cells: LayoutCell[];
  /** Row height in points (tall approval boxes); default the sheet's. */
  height?: number;
}

/**
 * Layout hints for writers of blank templates. Regular sheets need none: title row, `meta` lines
 * (`label：`), the header (one or two rows, see below), `blankRows` numbered rows, `footer` lines, `notes`.
 *
 * Header rows: when any column has a `group` or a `subHeader` the header takes two rows. A column with a
 * `group` has the group text in the first row (merged across the consecutive columns of that group) and its
 * own `header` in the second; a column with a `subHeader` has its `header` in the first row and the
 * `subHeader` in the second; any other column's `header` is merged down across both rows.
 */
export interface SheetLayout {
  /**
   * `lines` (default): each meta field on its own row, `label：` in column A, merged across the table width.
   * `inline`: all meta fields on ONE row, `label：_____` separated by spaces (附件5).
   */
  meta?: 'lines' | 'inline';
  /**
   * Rows written directly under the data rows INSTEAD of the `footer` lines (附件3: 学校经办人/联系电话, the
   * approval boxes and 监印人). `footer` still lists the fields so the detector can read them; a cell's
   * `field` says which one is typed into it.
   */
  below?: LayoutRow[];
  /** Number of columns the title and meta lines span (default: the number of table columns). */
  width?: number;
}

/** Detection hints. */
export interface DetectSpec {
  /**
   * Column keys that identify this kind: at least one must be found, so a plain roster (序号 姓名 性别
   * 身份证号码) is not taken for a template.
   */
  anyOf: string[];
  /** Minimum share of the kind's columns found (default 0.6). */
  minShare?: number;
}

export interface SheetKindSpec {
  /** Stable id within the pack, e.g. `att2`. */
  id: string;
  /** Official attachment name, e.g. `附件2`. */
  attachment: string;
  /** Official table title. */
  title: string;
  /** Short name for sheet tabs and the pane, e.g. `资格审核与验印登记表`. */
  shortName: string;
  /** Meta rows between the title and the table. */
  meta: MetaFieldSpec[];
  columns: ColumnSpec[];
  /** Lines under the table (填表人, 审核人, 填报日期 …). */
  footer: MetaFieldSpec[];
  /** The notice's 填写说明, kept under the table in blank templates. */
  notes: string[];
  /** Numbered blank rows in the official template, as printed in the notice (0 = the notice prints none). */
  blankRows: number;
  /** Empty input rows a writer should leave when `blankRows` is 0 (unnumbered). */
  inputRows?: number;
  /** Writers' layout hints (附件3's irregular form); see SheetLayout. */
  layout?: SheetLayout;
  detect: DetectSpec;
  /** May appear on several sheets (附件2: one sheet per major; 附件5: one per source school). */
  repeatable: boolean;
  /** Rule ids (see core/rules) applied to this sheet kind. */
  rules: string[];
}

export interface TemplatePackSpec {
  id: string; // 'gx-zz-2022'
  /** The notice this pack reads, without the year (`gx-zz`); `${family}-${year}` is the id of a yearly pack. */
  family?: string;
  name: string; // '广西中职 2022 毕业证书验印'
  region: string;
  level: string;
  /** The year the graduates of this campaign graduate. */
  graduationYear: number;
  /** Certificate-number prefix printed in the 证书编号 header, when the pack has one. */
  certificatePrefix?: string;
  sheetKinds: SheetKindSpec[];
  /** Rule ids applied across sheets. */
  workbookRules: string[];
  /** What the sheets mean (graduate list, number ranges, receipt, status changes): see roles.ts. */
  roles: PackRoles;
  /** Rules only this pack uses (its sheet kinds name them by id like core's rules). */
  rules?: readonly Rule[];
  /** Definitions of the codes its own rules emit. */
  issues?: IssueDefinitions;
  /** Plausible age of the people listed (ID birth dates outside → `id-age` warning). */
  ageRange?: { min: number; max: number };
  /** Who the cohort can be (school type): birth dates outside → `id-birth-cohort`; see core/rules/cohort.ts. */
  cohort?: CohortSpec;
  /** Switches a campaign allows (e.g. Hubei pilot areas); values come from ValidateOptions.packOptions. */
  options?: PackOptionSpec[];
}

export interface CohortSpec {
  /** Age at entry for this school type (普高 ~12–20; 中职 also takes older students). */
  entryAge: { min: number; max: number };
  /** Program lengths (学制) in years; without an entry date on the sheet, the entry year lies in this span. */
  programYears: { min: number; max: number };
  /** Meta keys holding 入学时间 and 学制 on the sheets that have them. */
  entryDateMeta?: string;
  lengthMeta?: string;
}

export interface PackOptionSpec {
  key: string;
  label: string;
  description: string;
  default: boolean;
  /** A meta field whose value turns the option on for that sheet (e.g. 评价系统 = 新版（试点）). */
  metaKey?: string;
  /** Meta values (substring, normalised) that turn the option on. */
  metaValues?: string[];
}
