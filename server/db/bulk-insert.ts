// Fast bulk inserts for a submission version (20,000 rows): one INSERT … SELECT FROM unnest($arrays)
// per chunk — one bind parameter per COLUMN instead of per cell. Measured on PostgreSQL 15 here:
// ≈ 10× faster than createMany (5,000 rows: ≈ 250–570 ms vs 2.4–5.2 s). Call inside the version's
// transaction so the whole version is stored or none of it.
import { randomUUID } from 'node:crypto';
import type { Db } from './client';

export interface SubmissionRowInput {
  sheet: string;
  kind: string;
  rowNumber: number;
  fields: unknown;
}

export interface StudentInput {
  /** Default: a random UUID. */
  id?: string;
  submissionId: string;
  campaignId: string;
  schoolId: string;
  sheet: string;
  rowNumber: number;
  name: string;
  idNumber: string;
  gender: string;
  major?: string;
  studentNumber?: string | null;
  graduate: boolean;
  extra?: unknown;
  /** The student's whole row (prisma/migrations/0009). */
  fields: unknown;
}

const CHUNK = 5_000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inserts rows of one version; returns the number inserted. */
export async function insertSubmissionRows(db: Db, versionId: string, rows: SubmissionRowInput[]): Promise<number> {
  let n = 0;
  for (const part of chunks(rows)) {
    n += await db.$executeRaw`
      INSERT INTO "submission_row" ("version_id", "sheet", "kind", "row_number", "fields")
      SELECT ${versionId}::uuid, u.sheet, u.kind, u.row_number, u.fields
        FROM unnest(${part.map((r) => r.sheet)}::text[], ${part.map((r) => r.kind)}::text[],
                    ${part.map((r) => r.rowNumber)}::int[], ${part.map((r) => JSON.stringify(r.fields ?? null))}::json[])
             AS u(sheet, kind, row_number, fields)`;
  }
  return n;
}

/** Inserts students of one version; returns their ids in input order. */
export async function insertStudents(db: Db, versionId: string, students: StudentInput[]): Promise<string[]> {
  const ids = students.map((s) => s.id ?? randomUUID());
  let offset = 0;
  for (const part of chunks(students)) {
    const partIds = ids.slice(offset, offset + part.length);
    offset += part.length;
    await db.$executeRaw`
      INSERT INTO "student" ("id", "version_id", "submission_id", "campaign_id", "school_id", "sheet", "row_number", "name",
                             "id_number", "gender", "major", "student_number", "graduate", "extra", "fields")
      SELECT u.id, ${versionId}::uuid, u.submission_id, u.campaign_id, u.school_id, u.sheet, u.row_number, u.name,
             u.id_number, u.gender, u.major, u.student_number, u.graduate, u.extra, u.fields
        FROM unnest(${partIds}::uuid[], ${part.map((s) => s.submissionId)}::uuid[], ${part.map((s) => s.campaignId)}::uuid[],
                    ${part.map((s) => s.schoolId)}::uuid[], ${part.map((s) => s.sheet)}::text[], ${part.map((s) => s.rowNumber)}::int[],
                    ${part.map((s) => s.name)}::text[], ${part.map((s) => s.idNumber)}::text[], ${part.map((s) => s.gender)}::text[],
                    ${part.map((s) => s.major ?? '')}::text[], ${part.map((s) => s.studentNumber ?? null)}::text[],
                    ${part.map((s) => s.graduate)}::boolean[], ${part.map((s) => (s.extra === undefined ? null : JSON.stringify(s.extra)))}::jsonb[],
                    ${part.map((s) => JSON.stringify(s.fields ?? {}))}::json[])
             AS u(id, submission_id, campaign_id, school_id, sheet, row_number, name, id_number, gender, major, student_number, graduate, extra, fields)`;
  }
  return ids;
}
