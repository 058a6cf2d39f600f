/**
 * 重复学籍 across schools, while nothing is decided yet: an identity number in this school's current
 * submission that is also in another school's current submission of the same campaign that is NOT yet
 * approved. A warning to both schools that names neither the other school nor its student: a clerk must
 * not learn where else a student is enrolled (issue #8). Once the other school's submission is approved
 * or numbered, the case becomes a blocking error with a province decision (check-enrollment-integrity).
 */
import type { IssueCode } from '../../core/issues/catalogue';
import type { Issue } from '../../core/issues/issue';
import type { DbOrTx } from './context';
import { issueAt } from './validate-workbook';

/** Defined once with the ID codes (core/issues/id-issues.ts). */
export const DUPLICATE_CODE = 'id-duplicate-other-school' satisfies IssueCode;

export interface StudentAt {
  sheet: string;
  row: number;
  idNumber: string;
  idColumn: number;
}



export function duplicateIssues(students: StudentAt[], others: Set<string>): Issue[] {
  return students.filter((s) => others.has(s.idNumber)).map((s) => issueAt(DUPLICATE_CODE, 'warning', { sheet: s.sheet, row: s.row, column: s.idColumn }));
}

/** The cross-school warnings of a stored version, as they stand now (for reading a submission back). */
export async function crossSchoolIssuesOfVersion(db: DbOrTx, versionId: string, campaignId: string, schoolId: string): Promise<Issue[]> {
  const rows = await db.$queryRaw<{ sheet: string; row_number: number; id_column: number | null }[]>`
    SELECT DISTINCT s.sheet, s.row_number, (s.extra->>'__idColumn')::int AS id_column
    FROM student s
    JOIN student t ON t.campaign_id = s.campaign_id AND t.id_number = s.id_number AND t.school_id <> s.school_id
    JOIN submission sub ON sub.current_version_id = t.version_id
    WHERE s.version_id = ${versionId}::uuid AND s.campaign_id = ${campaignId}::uuid AND s.school_id = ${schoolId}::uuid
      AND sub.status NOT IN ('CITY_APPROVED', 'PROVINCE_APPROVED')
      AND length(s.id_number) >= 15
    ORDER BY s.sheet, s.row_number`;
  return rows.map((r) => issueAt(DUPLICATE_CODE, 'warning', { sheet: r.sheet, row: r.row_number, column: r.id_column ?? 4 }));
}
