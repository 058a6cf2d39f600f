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
}

/** A `label：value` line above or below the table (学校名称（盖章）：…, 填表人：…). */
export interface MetaFieldSpec {
  key: string;
  label: string;
  aliases?: string[];
  type: ColumnType;
  required?: boolean;
  options?: string[];
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
  /** Numbered blank rows in the official template. */
  blankRows: number;
  /** May appear on several sheets (附件2: one sheet per major; 附件5: one per source school). */
  repeatable: boolean;
  /** Rule ids (see core/rules) applied to this sheet kind. */
  rules: string[];
}

export interface TemplatePackSpec {
  id: string; // 'gx-zz-2022'
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
}
