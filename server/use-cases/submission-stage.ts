/**
 * A submission version written in stages (issue #8: keep the server responsive; issue #14: speed).
 *
 * One transaction for a 20,000-row version held the embedded database's ONE connection ≈ 3 s, so every
 * other request waited that long. Instead:
 *   1. `openStage` records a `submission_stage` (the future version's id, its submission, campaign and
 *      school);
 *   2. `writeStage` writes the student and submission_row rows under that id in short statements, each
 *      its own transaction, giving the connection back between them (embedded: chunks of
 *      EMBEDDED_CHUNK rows; a PostgreSQL server: COPY, the students in two halves, all at once on
 *      several connections). A graduate-list row is written once, as its student with the row's fields
 *      (prisma/migrations/0009); submission_row holds the other rows;
 *      No reader sees them: every read reaches rows and students through submission.current_version_id
 *      or a version id taken from it;
 *   3. `takeStage`, inside the short final transaction, deletes the stage and the caller creates the
 *      submission_version with the same id and points the submission at it — the whole version appears
 *      at once or not at all.
 * A failed upload discards its stage (`discardStage`); one left by a crash is discarded once stale
 * (`discardStaleStages`, at the start of every upload). The checks of prisma/migrations/0006 keep rows
 * from being added to a discarded stage.
 */
import { randomBytes } from 'node:crypto';
import { bulkAccessOf } from '../db/client';
import { copyField, copyLines } from '../db/copy-from';
import type { Db, DbOrTx } from './context';
import type { ExtractedRow, ExtractedStudent, ServerValidation } from './validate-workbook';

/** What a stage holds: the extracted rows and students. */
export type StagedContent = Pick<ServerValidation, 'rows' | 'students'>;

export interface StageIds {
  /** The id the version will have. */
  stageId: string;
  /** The submission's id (a first upload: the id it will be created with). */
  submissionId: string;
  campaignId: string;
  schoolId: string;
}

/**
 * Rows per statement where requests share one connection: ≈ 50–120 ms each on PGlite, so a request
 * arriving mid-upload waits at most about one chunk (bench/responsiveness.bench.ts).
 */
export const EMBEDDED_CHUNK = 2_000;

/** Older than any upload may take (its idempotency claim goes stale after 5 minutes). */
export const STALE_STAGE_MS = 10 * 60_000;

export async function openStage(db: DbOrTx, ids: StageIds, now: Date): Promise<void> {
  await db.submissionStage.create({
    data: { id: ids.stageId, submissionId: ids.submissionId, campaignId: ids.campaignId, schoolId: ids.schoolId, createdAt: now },
  });
}

/**
 * Inside the final transaction: deletes the live stage, locking it against a concurrent discard. False
 * when it was discarded meanwhile (then nothing of it may become visible).
 */
export async function takeStage(tx: DbOrTx, ids: StageIds): Promise<boolean> {
  const taken = await tx.$executeRaw`
    DELETE FROM submission_stage
     WHERE id = ${ids.stageId}::uuid AND discarded_at IS NULL
       AND submission_id = ${ids.submissionId}::uuid AND campaign_id = ${ids.campaignId}::uuid AND school_id = ${ids.schoolId}::uuid`;
  return taken === 1;
}

/**
 * Removes a stage and everything written under it, in short statements. First marks it discarded (it can
 * no longer be taken, nor receive rows), then deletes its rows chunk by chunk, and last, in one
 * transaction, the stage itself (first: this waits for any insert still holding it) and what remains.
 */
export async function discardStage(db: Db, stageId: string, chunk = EMBEDDED_CHUNK): Promise<void> {
  await db.$executeRaw`UPDATE submission_stage SET discarded_at = now() WHERE id = ${stageId}::uuid AND discarded_at IS NULL`;
  for (const table of ['student', 'submission_row'] as const) {
    for (;;) {
      const n = await db.$executeRawUnsafe(
        `DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE version_id = $1::uuid LIMIT ${chunk})
           AND NOT EXISTS (SELECT 1 FROM submission_version v WHERE v.id = $1::uuid)`,
        stageId,
      );
      if (n < chunk) break;
    }
  }
  await db.$transaction([
    db.$executeRaw`DELETE FROM submission_stage WHERE id = ${stageId}::uuid`,
    db.$executeRaw`DELETE FROM student WHERE version_id = ${stageId}::uuid AND NOT EXISTS (SELECT 1 FROM submission_version v WHERE v.id = ${stageId}::uuid)`,
    db.$executeRaw`DELETE FROM submission_row WHERE version_id = ${stageId}::uuid AND NOT EXISTS (SELECT 1 FROM submission_version v WHERE v.id = ${stageId}::uuid)`,
  ]);
}

/** Discards stages a crash left behind (stale), and discards a previous discard did not finish. */
export async function discardStaleStages(db: Db, now: Date): Promise<number> {
  const stale = await db.submissionStage.findMany({
    where: { OR: [{ createdAt: { lt: new Date(now.getTime() - STALE_STAGE_MS) } }, { discardedAt: { not: null } }] },
    select: { id: true },
    take: 10,
  });
  for (const s of stale) await discardStage(db, s.id);
  return stale.length;
}

// Constant SQL with positional parameters, sent on the client's pool itself (writeStage); nothing is
// interpolated into the text.
// Students from `json`, not `jsonb`: json_to_recordset reads the text once, jsonb_to_recordset first builds
// a jsonb tree of the whole chunk (students ≈ 1.7× faster on PGlite). Their keys are one letter (see
// studentsJson): on the embedded database every byte of a chunk crosses pglite-socket into WASM
// (≈ 30 ms per MB measured), and 20,000 students' long keys were 1.4 MB.
const INSERT_ROWS = `
  INSERT INTO submission_row (version_id, sheet, kind, row_number, fields)
  SELECT $1::uuid, x.sheet, x.kind, x.row_number, x.fields
  FROM json_to_recordset($2::json) AS x(sheet text, kind text, row_number int, fields json)`;

const INSERT_STUDENTS = `
  INSERT INTO student (id, version_id, submission_id, campaign_id, school_id, sheet, row_number, name, id_number,
                       gender, major, student_number, graduate, extra, fields)
  SELECT x.i, $1::uuid, $2::uuid, $3::uuid, $4::uuid, x.s, x.r, x.n, x.d, x.g, x.m, x.u, x.o, x.e, x.f
  FROM json_to_recordset($5::json)
    AS x(i uuid, s text, r int, n text, d text, g text, m text, u text, o boolean, e jsonb, f json)`;

const COPY_ROWS = 'submission_row (version_id, sheet, kind, row_number, fields)';
const COPY_STUDENTS =
  'student (id, version_id, submission_id, campaign_id, school_id, sheet, row_number, name, id_number, gender, major, student_number, graduate, extra, fields)';

/**
 * Time-ordered UUIDs (v7, RFC 9562 "method 1": 48-bit ms timestamp, then a counter, then random bits),
 * n at once from ONE randomBytes call: new students land at the right edge of the primary-key index, in
 * input order. The 26-bit counter goes on from the last batch within the same millisecond; the low 48
 * bits stay random.
 */
let lastMs = 0;
let lastCounter = 0;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export function uuidV7Batch(n: number): string[] {
  const now = Date.now();
  let counter = now === lastMs ? lastCounter + 1 : 0;
  if (counter + n > 0x3ffffff) counter = 0; // (67 M ids in one millisecond: never in practice)
  const random = randomBytes(6 * n);
  const ids = new Array<string>(n);
  const ts = now.toString(16).padStart(12, '0');
  const head = `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7`;
  for (let i = 0; i < n; i++, counter++) {
    const a = (counter >> 14) & 0xfff; // rand_a: 12 bits
    const b8 = 0x80 | ((counter >> 8) & 0x3f); // variant 10 + 6 counter bits
    const b9 = counter & 0xff;
    const o = 6 * i;
    ids[i] =
      `${head}${HEX[a >> 8]?.slice(1)}${HEX[a & 0xff]}-${HEX[b8]}${HEX[b9]}-` +
      `${HEX[random[o] ?? 0]}${HEX[random[o + 1] ?? 0]}${HEX[random[o + 2] ?? 0]}${HEX[random[o + 3] ?? 0]}${HEX[random[o + 4] ?? 0]}${HEX[random[o + 5] ?? 0]}`;
  }
  lastMs = now;
  lastCounter = counter - 1;
  return ids;
}

/** What the backend reads of a student besides its columns: where its ID is, and its 结论 when no column holds it. */
function studentExtra(s: ExtractedStudent): Record<string, unknown> {
  const extra: Record<string, unknown> = { __idColumn: s.idColumn };
  if (s.extra.conclusion !== undefined && s.extra.conclusion !== null) extra.conclusion = s.extra.conclusion;
  return extra;
}

/** The rows submission_row stores: all but those stored as their student. */
function rowsToStore(rows: readonly ExtractedRow[]): ExtractedRow[] {
  return rows.filter((r) => !r.asStudent);
}

/** JSON array text of rows [from, to) for INSERT_ROWS. */
export function rowsJson(rows: readonly ExtractedRow[], from: number, to: number): string {
  const part = new Array<unknown>(to - from);
  for (let i = from; i < to; i++) {
    const r = rows[i];
    if (r) part[i - from] = { sheet: r.sheet, kind: r.kind, row_number: r.row, fields: r.fields };
  }
  return JSON.stringify(part);
}

/** JSON array text of students [from, to) for INSERT_STUDENTS (its one-letter keys). */
export function studentsJson(students: readonly ExtractedStudent[], ids: readonly string[], from: number, to: number): string {
  const part = new Array<unknown>(to - from);
  for (let i = from; i < to; i++) {
    const s = students[i];
    if (!s) continue;
    part[i - from] = {
      i: ids[i],
      s: s.sheet,
      r: s.row,
      n: s.name,
      d: s.idNumber,
      g: s.gender,
      m: s.major,
      u: s.studentNumber,
      o: s.graduate,
      e: studentExtra(s),
      f: s.fields,
    };
  }
  return JSON.stringify(part);
}

export function* rowsCopyLines(versionId: string, rows: readonly ExtractedRow[]): Generator<string> {
  for (const r of rows) {
    yield `${versionId}\t${copyField(r.sheet)}\t${copyField(r.kind)}\t${r.row}\t${copyField(JSON.stringify(r.fields))}\n`;
  }
}

/** COPY lines of students [from, to) (default all). */
export function* studentsCopyLines(ids: StageIds, students: readonly ExtractedStudent[], studentIds: readonly string[], from = 0, to = students.length): Generator<string> {
  const head = `${ids.stageId}\t${ids.submissionId}\t${ids.campaignId}\t${ids.schoolId}`;
  for (let i = from; i < to; i++) {
    const s = students[i];
    if (!s) continue;
    yield `${studentIds[i]}\t${head}\t${copyField(s.sheet)}\t${s.row}\t${copyField(s.name)}\t${copyField(s.idNumber)}\t${copyField(s.gender)}\t` +
      `${copyField(s.major)}\t${copyField(s.studentNumber)}\t${s.graduate ? 't' : 'f'}\t${copyField(JSON.stringify(studentExtra(s)))}\t` +
      `${copyField(JSON.stringify(s.fields))}\n`;
  }
}

export interface WriteStageOptions {
  /** Records a phase's duration (rows, students). */
  lap?: (name: string) => void;
  /** Test hook: called after each chunk is written (failure injection; a request issued mid-upload). */
  afterChunk?: (written: { table: 'submission_row' | 'student'; rows: number }) => Promise<void>;
  /** 'copy' | 'insert': default COPY where the client allows it (a PostgreSQL server). */
  method?: 'copy' | 'insert';
}

/**
 * Students per COPY statement above which a PostgreSQL server gets them in two statements at once (on two
 * connections): 20,000 students 167 → 136 ms idle (bench/submission-db.bench.ts).
 */
const COPY_SPLIT = 5_000;

/** Writes the rows and students of a validation under an open stage. */
export async function writeStage(db: Db, ids: StageIds, v: StagedContent, options: WriteStageOptions = {}): Promise<void> {
  const { lap = () => {}, afterChunk } = options;
  const access = bulkAccessOf(db);
  const studentIds = uuidV7Batch(v.students.length);
  const rows = rowsToStore(v.rows);
  const method = options.method ?? (access?.copy ? 'copy' : 'insert');
  if (method === 'copy' && access) {
    const n = v.students.length;
    const half = Math.ceil(n / 2);
    const parts = n > COPY_SPLIT ? [[0, half], [half, n]] : n > 0 ? [[0, n]] : [];
    await Promise.all([
      rows.length > 0 ? copyLines(access.pool, COPY_ROWS, rowsCopyLines(ids.stageId, rows)) : 0,
      ...parts.map(([from, to]) => copyLines(access.pool, COPY_STUDENTS, studentsCopyLines(ids, v.students, studentIds, from, to))),
    ]);
    lap('rows+students');
    await afterChunk?.({ table: 'student', rows: n });
    return;
  }
  // Straight to the client's pool (the same queue as Prisma's queries, so on the embedded database the same
  // one connection): Prisma's raw queries JSON-encode their parameters and decode them again, ≈ 10 ms per
  // chunk of this size (CPU profile of bench/submission.bench.ts).
  const run = (sql: string, params: unknown[]) => (access ? access.pool.query(sql, params) : db.$executeRawUnsafe(sql, ...params));
  const chunk = EMBEDDED_CHUNK;
  for (let i = 0; i < rows.length; i += chunk) {
    const to = Math.min(rows.length, i + chunk);
    await run(INSERT_ROWS, [ids.stageId, rowsJson(rows, i, to)]);
    await afterChunk?.({ table: 'submission_row', rows: to });
  }
  lap('rows');
  for (let i = 0; i < v.students.length; i += chunk) {
    const to = Math.min(v.students.length, i + chunk);
    await run(INSERT_STUDENTS, [ids.stageId, ids.submissionId, ids.campaignId, ids.schoolId, studentsJson(v.students, studentIds, i, to)]);
    await afterChunk?.({ table: 'student', rows: to });
  }
  lap('students');
}

const UNMARK_GRADUATES = `
  UPDATE student s SET graduate = false
    FROM unnest($2::text[], $3::int[]) AS x(sheet, row_number)
   WHERE s.version_id = $1::uuid AND s.sheet = x.sheet AND s.row_number = x.row_number`;

/**
 * Staged students that turned out not to be graduates (their row has an error, or the student belongs to
 * another school): the rows were written while the rules still ran. Short statements, like writeStage.
 */
export async function unmarkGraduates(db: Db, stageId: string, rows: readonly { sheet: string; row: number }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += EMBEDDED_CHUNK) {
    const part = rows.slice(i, i + EMBEDDED_CHUNK);
    await db.$executeRawUnsafe(UNMARK_GRADUATES, stageId, part.map((r) => r.sheet), part.map((r) => r.row));
  }
}
