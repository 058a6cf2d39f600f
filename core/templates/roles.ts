/**
 * Roles: what the sheets of a pack MEAN to the engine, the server, the pane and the CLI. Generic rules,
 * student extraction, numbering and the 审核表 export read these instead of kind ids (`att2`) or column
 * keys, so a pack whose sheets and columns are named differently still gets the cross-sheet checks,
 * certificate numbering and export. Every key below is a column key (or meta key) of the named kind.
 */

/** What a status-change type does to the student (the pack maps each of its own type words to one). */
export type ChangeEffect =
  | 'name' // 姓名: the name column holds the new name
  | 'gender' // 性别: before/after are genders, after agrees with the ID
  | 'id-number' // 身份证号码: before/after are IDs, the ID column holds the new one
  | 'school-length' // 学制变更
  | 'suspend' // 休学: leaves the graduate list
  | 'resume' // 复学
  | 'repeat' // 留级: the grade goes down
  | 'transfer-out' // 转出: leaves the graduate list
  | 'transfer-in' // 转入
  | 'major'; // 转专业: the major column holds the new major

/** The graduate list: one row per graduate (Guangxi 附件2, one sheet per major; Hubei 毕业校验表). */
export interface GraduateListRole {
  kind: string;
  name: string;
  idNumber: string;
  gender?: string;
  studentNumber?: string;
  /** Where issued certificate numbers are written (the pane) and read back (the rules). */
  certificateNumber?: string;
  /** Meta line naming the sheet's major when the list has one sheet per major. */
  majorMeta?: string;
  /**
   * What counts as graduated besides a row without errors: the column holds one of `values` (a blank
   * cell counts as graduated). Without it every error-free row graduates.
   */
  graduated?: { column: string; values: readonly string[] };
}

/** The summary that declares number ranges per major (Guangxi 附件3 审核表); also what the server exports. */
export interface RangesRole {
  kind: string;
  major: string;
  /** The 起止号 column. */
  range: string;
  /** Graduates per major. */
  count: string;
  /** One value for the whole table: Σ count. */
  total?: string;
  /**
   * Columns that must equal the graduate list's meta line of the SAME key (入学时间, 学制, 教学形式), compared
   * by column type; the export fills them from those meta lines.
   */
  sameAsList?: readonly string[];
}

/** A receipt declaring each school's graduate total (Guangxi 附件1). */
export interface ReceiptRole {
  kind: string;
  school: string;
  total: string;
}

/** The status-change list (Guangxi 附件4 异动情况汇总表). */
export interface ChangesRole {
  kind: string;
  type: string;
  before: string;
  after: string;
  name: string;
  idNumber: string;
  major?: string;
  /** 年级 (a cohort such as 2020级, or a grade level). */
  grade?: string;
  schoolLength?: string;
  /** Words a suspend/resume before/after may hold besides a grade (在读, 休学 …). */
  statusWords?: readonly string[];
  /** Each option of the type column → what it means. Types not listed are information only. */
  effects: Readonly<Record<string, ChangeEffect>>;
}

/**
 * Where a kind holds the enrollment date (入学时间) and the school length (学制), as columns (one row per
 * major, Guangxi 附件3) or as meta lines (one sheet per major, 附件2): the same key in both places.
 */
export interface EnrollmentRole {
  date: string;
  schoolLength: string;
}

export interface PackRoles {
  /**
   * Key of the school's name (学校名称（盖章）): a meta line on the sheets that have one, and a column
   * where a table lists it per row (Guangxi 附件1). The server refuses an upload naming another school.
   */
  schoolMeta?: string;
  /** 入学时间 + 学制 must reach the graduation year (row-enrollment, sheet-enrollment). */
  enrollment?: EnrollmentRole;
  graduates?: GraduateListRole;
  ranges?: RangesRole;
  receipt?: ReceiptRole;
  changes?: ChangesRole;
}
