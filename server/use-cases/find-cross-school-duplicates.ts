/**
 * 重复学籍 across schools: an identity number in this school's current submission that is also in another
 * school's current submission of the same campaign. Reported to both schools, naming only the other
 * school — never the other school's student data.
 */
import { toA1 } from '../../core/grid/address';
import type { IssueCode } from '../../core/issues/catalogue';
import type { Issue } from '../../core/issues/issue';
import { renderMessage } from '../../core/messages/render';
import type { DbOrTx } from './context';

/** Defined once with the ID codes (core/issues/id-issues.ts). */
export const DUPLICATE_CODE = 'id-duplicate-other-school' satisfies IssueCode;

export interface StudentAt {
  sheet: string;
  row: number;
  idNumber: string;
  idColumn: number;
}

export function duplicateMessage(otherSchool: string): string {
  return renderMessage(DUPLICATE_CODE, { otherSchool });
}

/** Other schools' current submissions that hold these ID numbers: idNumber → other school names. */
export async function findOtherSchoolsHolding(
  db: DbOrTx,
  campaignId: string,
  schoolId: string,
  idNumbers: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const ids = [...new Set(idNumbers.filter((x) => x.length >= 15))];
  if (ids.length === 0) return out;
  const found = await db.$queryRaw<{ id_number: string; school_name: string }[]>`
    SELECT DISTINCT s.id_number, o.name AS school_name
    FROM student s
    JOIN submission sub ON sub.current_version_id = s.version_id
    JOIN organization o ON o.id = s.school_id
    WHERE s.campaign_id = ${campaignId}::uuid
      AND s.school_id <> ${schoolId}::uuid
      AND s.id_number = ANY(${ids}::text[])
    ORDER BY o.name`;
  for (const f of found) {
    const list = out.get(f.id_number) ?? [];
    list.push(f.school_name);
    out.set(f.id_number, list);
  }
  return out;
}

export function duplicateIssues(students: StudentAt[], others: Map<string, string[]>): Issue[] {
  const issues: Issue[] = [];
  for (const s of students) {
    const schools = others.get(s.idNumber);
    if (!schools) continue;
    for (const otherSchool of schools) {
      issues.push({
        code: DUPLICATE_CODE,
        severity: 'warning',
        sheet: s.sheet,
        row: s.row,
        column: s.idColumn,
        address: toA1(s.row, s.idColumn),
        params: { otherSchool },
        message: duplicateMessage(otherSchool),
      });
    }
  }
  return issues;
}

/** The cross-school issues of a stored version (for reading a submission back). */
export async function crossSchoolIssuesOfVersion(
  db: DbOrTx,
  versionId: string,
  campaignId: string,
  schoolId: string,
): Promise<Issue[]> {
  const rows = await db.$queryRaw<{ sheet: string; row_number: number; id_number: string; school_name: string; id_column: number | null }[]>`
    SELECT s.sheet, s.row_number, s.id_number, o.name AS school_name,
           (s.extra->>'__idColumn')::int AS id_column
    FROM student s
    JOIN student t ON t.campaign_id = s.campaign_id AND t.id_number = s.id_number AND t.school_id <> s.school_id
    JOIN submission sub ON sub.current_version_id = t.version_id
    JOIN organization o ON o.id = t.school_id
    WHERE s.version_id = ${versionId}::uuid AND s.campaign_id = ${campaignId}::uuid AND s.school_id = ${schoolId}::uuid
      AND length(s.id_number) >= 15
    ORDER BY s.sheet, s.row_number, o.name`;
  return rows.map((r) => {
    const column = r.id_column ?? 4;
    return {
      code: DUPLICATE_CODE,
      severity: 'warning' as const,
      sheet: r.sheet,
      row: r.row_number,
      column,
      address: toA1(r.row_number, column),
      params: { otherSchool: r.school_name },
      message: duplicateMessage(r.school_name),
    };
  });
}
