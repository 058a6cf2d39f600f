import type { CellValue } from '../grid/cell';
import type { SheetRecognition } from '../report';
import type { Issue, Locale } from './issue';

/**
 * Who and what an issue is about, in the clerk's words: clerks work from name lists, so "第 12 名 张三 ·
 * 身份证号码" says more than `附件2!D24`. Derived from data the report already carries (the recognised
 * columns and the row), so the pane, the CLI, the annotated copy and the reviewer's sheet say the same.
 */
export interface StudentRef {
  /** 序号 as written in the row (null when the sheet has none or it is empty). */
  serial: string | null;
  name: string | null;
  /** The column's header in words (line breaks and padding removed); null outside the table's columns. */
  column: string | null;
  /** For duplicates: the other student holding the same value. */
  other?: { serial: string | null; name: string | null; sheet: string; row: number };
}

type CellAt = (sheet: string, row: number, column: number) => { value: CellValue } | null | undefined;

const text = (v: CellValue | undefined): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).replace(/\s+/g, '');
  return s === '' ? null : s;
};

/** Header text without the line breaks and spacing of the official forms (`姓 名` → `姓名`). */
export function columnWords(header: string): string {
  return header.replace(/\s+/g, '');
}

/** The student (row) and column an issue points at; null for issues outside a template's data rows. */
export function studentRef(
  issue: Pick<Issue, 'sheet' | 'row' | 'column'> & { params?: Issue['params'] },
  sheets: readonly SheetRecognition[],
  cell: CellAt,
): StudentRef | null {
  const rec = sheets.find((s) => s.sheet === issue.sheet);
  if (!rec || rec.firstDataRow === null || rec.lastDataRow === null) return null;
  if (issue.row < rec.firstDataRow || issue.row > rec.lastDataRow) return null;
  const at = (key: string) => {
    const col = rec.columns.find((c) => c.key === key);
    return col ? text(cell(issue.sheet, issue.row, col.column)?.value) : null;
  };
  const serial = at('serial');
  const name = at('name');
  const header = rec.columns.find((c) => c.column === issue.column)?.header;
  if (serial === null && name === null) return null;
  const ref: StudentRef = { serial, name, column: header ? columnWords(header) : null };
  const otherRow = issue.params?.otherRow;
  if (typeof otherRow === 'number') {
    const otherSheet = typeof issue.params?.otherSheet === 'string' ? issue.params.otherSheet : issue.sheet;
    const other = studentRef({ sheet: otherSheet, row: otherRow, column: issue.column }, sheets, cell);
    if (other) ref.other = { serial: other.serial, name: other.name, sheet: otherSheet, row: otherRow };
  }
  return ref;
}

/** "第 12 名 张三" / "No. 12 张三"; the row when neither 序号 nor 姓名 is filled. */
export function studentLabel(ref: Pick<StudentRef, 'serial' | 'name'>, row: number, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const parts: string[] = [];
  if (ref.serial !== null) parts.push(zh ? `序号 ${ref.serial}` : `No. ${ref.serial}`);
  if (ref.name !== null) parts.push(ref.name);
  if (parts.length === 0) parts.push(zh ? `第 ${row} 行` : `row ${row}`);
  return parts.join(' ');
}
