/**
 * Native spreadsheet rules for an ID-number column, so a clerk on a host without the add-in (WPS, LibreOffice,
 * an older Excel) is still stopped at the cell: 18 characters, the GB 11643 MOD 11-2 check character, and no
 * duplicate within the column. One formula serves as the data validation (custom) and, negated, as the
 * conditional format that marks cells already filled. Works in Excel, WPS and LibreOffice
 * (/work/shared/notes/real-hosts.md, "Clerk-side rules").
 */
import { columnLetters } from '../grid/address';
import { CHECK_CHARS } from '../id/checksum';

const WEIGHTS = '{7;9;10;5;8;4;2;1;6;3;7;9;10;5;8;4;2}';

export interface IdColumnRules {
  /** True for an acceptable value; relative to the first data cell (the top-left of the rule's range). */
  valid: string;
  /** True for a filled cell that breaks the rule: the conditional format's test. */
  flagged: string;
}

export const ID_RULE_PROMPT = '请输入 18 位身份证号码（末位可为 X）。本列为文本格式，请勿改为数值，否则后 3 位会变成 0。';
export const ID_RULE_ERROR = '身份证号码应为 18 位，末位校验码要与前 17 位相符，且本列不能重复。请对照身份证原件重新录入。';
/** Excel's "light red fill with dark red text". */
export const ID_RULE_FILL = '#FFC7CE';
export const ID_RULE_FONT = '#9C0006';

/**
 * Formulas (without the leading `=`) for the ID column `column` (1-based) whose first data row is `row`.
 * `COUNTIF(…,x&"*")` compares as text: without the `&"*"` it reads 18 digits as a number and matches IDs that
 * share their first 15 digits. IFERROR turns the #VALUE! of a non-digit among the first 17 into false.
 */
export function idColumnRules(column: number, row: number): IdColumnRules {
  const col = columnLetters(column);
  const cell = `${col}${row}`;
  const check = `MID("${CHECK_CHARS}",MOD(SUMPRODUCT(MID(${cell},ROW(INDIRECT("1:17")),1)*${WEIGHTS}),11)+1,1)=UPPER(RIGHT(${cell}))`;
  const valid = `IFERROR(AND(LEN(${cell})=18,${check},COUNTIF($${col}:$${col},${cell}&"*")=1),FALSE)`;
  return { valid, flagged: `AND(LEN(${cell})>0,NOT(${valid}))` };
}
