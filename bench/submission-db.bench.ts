/**
 * Storing a 20,000-row submission version's rows and students, the write paths side by side in one run:
 *   - unnest: server/db/bulk-insert (INSERT … SELECT FROM unnest($arrays)), one transaction;
 *   - json chunks: INSERT … SELECT FROM json_to_recordset in EMBEDDED_CHUNK-row statements under a stage
 *     (what the embedded database uses: the connection is free between statements);
 *   - COPY: pg-copy-streams on the pool, the students in one statement, and in two halves at once on two
 *     connections (what a PostgreSQL server uses). pglite-socket cannot COPY FROM STDIN (protocol
 *     synchronisation lost);
 *   - blob COPY chunks (PGlite only): PGlite's COPY FROM '/dev/blob' on the instance itself;
 *   - "+ rows": the same, with each graduate-list row also written to submission_row, as before
 *     prisma/migrations/0009 (a row stored twice).
 * Each version is staged and then made current, as save-submission does. Prints ms per phase and rows/s.
 * `npx tsx bench/submission-db.bench.ts [rows]`
 */
import os from 'node:os';
import { insertStudents } from '../server/db/bulk-insert';
import { bulkAccessOf } from '../server/db/client';
import { copyLines } from '../server/db/copy-from';
import { EMBEDDED_CHUNK, openStage, studentsCopyLines, takeStage, uuidV7Batch, writeStage, type StageIds } from '../server/use-cases/submission-stage';
import type { ExtractedRow, ExtractedStudent, ServerValidation } from '../server/use-cases/validate-workbook';
import { createTestDatabase, postgresAvailable, testPgUrl, type TestDatabase } from '../test/helpers/db';
import { createWorld, fakeId } from '../test/db/fixtures';

const ROWS = Number(process.argv[2] ?? 20_000);
const STUDENT_COLUMNS =
  'student (id, version_id, submission_id, campaign_id, school_id, sheet, row_number, name, id_number, gender, major, student_number, graduate, extra, fields)';
const load = () => `load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;

type Method = 'unnest' | 'json chunks' | 'json chunks + rows' | 'COPY one statement' | 'COPY two at once' | 'COPY two at once + rows' | 'blob COPY chunks';

async function run(label: string, t: TestDatabase, methods: Method[]): Promise<Map<Method, number>> {
  const w = await createWorld(t.prisma, { schools: 1 });
  const schoolId = w.schoolIds[0] ?? '';
  const clerk = w.clerks[0];
  if (!clerk) throw new Error('no clerk');
  const submission = await t.prisma.submission.create({ data: { campaignId: w.campaignId, schoolId } });
  const rows: ExtractedRow[] = [];
  const students: ExtractedStudent[] = [];
  for (let i = 0; i < ROWS; i++) {
    const fields = { 序号: i + 1, 姓名: `学生${i}`, 性别: '男', 身份证号码: fakeId(), 专业: `专业${i % 12}`, 入学时间: '2019年9月', 学制: '3年' };
    rows.push({ sheet: '附件2', kind: 'attachment2', row: 5 + i, fields, asStudent: true });
    students.push({ sheet: '附件2', row: 5 + i, name: fields.姓名, idNumber: fields.身份证号码, gender: '男', major: fields.专业, studentNumber: null, graduate: true, idColumn: 4, extra: {}, fields });
  }
  const validation = { rows, students, report: {} } as unknown as ServerValidation;
  const twice = { rows: rows.map((r) => ({ ...r, asStudent: false })), students, report: {} } as unknown as ServerValidation;
  const best = new Map<Method, number>();
  let number = 0;
  for (const round of [1, 2]) {
    for (const method of methods) {
      const ids: StageIds = { stageId: uuidV7Batch(1)[0] ?? '', submissionId: submission.id, campaignId: w.campaignId, schoolId };
      const phases: Record<string, number> = {};
      let mark = performance.now();
      const lap = (name: string) => {
        const now = performance.now();
        phases[name] = now - mark;
        mark = now;
      };
      const t0 = performance.now();
      const version = { submissionId: submission.id, createdById: clerk.userId, contentHash: 'bench', rowCount: ROWS, valid: true, report: {} };
      if (method === 'unnest') {
        await t.prisma.$transaction(
          async (tx) => {
            await tx.submissionVersion.create({ data: { id: ids.stageId, number: ++number, ...version } });
            await insertStudents(
              tx,
              ids.stageId,
              students.map((s) => ({ submissionId: submission.id, campaignId: w.campaignId, schoolId, sheet: s.sheet, rowNumber: s.row, name: s.name, idNumber: s.idNumber, gender: s.gender, major: s.major, graduate: s.graduate, extra: { __idColumn: 4 }, fields: s.fields })),
            );
            lap('students');
            await tx.submission.update({ where: { id: submission.id }, data: { currentVersionId: ids.stageId } });
          },
          { timeout: 300_000 },
        );
      } else {
        await openStage(t.prisma, ids, new Date());
        if (method === 'blob COPY chunks') {
          // PGlite's own COPY FROM '/dev/blob' (pglite.dev/docs/api, query option `blob`), in
          // EMBEDDED_CHUNK-line blobs, each while holding the pool's one connection so that nothing else
          // runs in PGlite's single session meanwhile.
          const pool = bulkAccessOf(t.prisma)?.pool;
          const pglite = t.pglite;
          if (!pool || !pglite) throw new Error('no pool or PGlite');
          const blobCopy = async (target: string, lines: string[]) => {
            for (let i = 0; i < lines.length; i += EMBEDDED_CHUNK) {
              const client = await pool.connect();
              try {
                await pglite.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([lines.slice(i, i + EMBEDDED_CHUNK).join('')]) });
              } finally {
                client.release();
              }
            }
          };
          await blobCopy(STUDENT_COLUMNS, [...studentsCopyLines(ids, students, uuidV7Batch(ROWS))]);
          lap('students');
        } else if (method === 'COPY one statement') {
          const pool = bulkAccessOf(t.prisma)?.pool;
          if (!pool) throw new Error('no pool');
          await copyLines(pool, STUDENT_COLUMNS, studentsCopyLines(ids, students, uuidV7Batch(ROWS)));
          lap('students');
        } else {
          const content = method.endsWith('+ rows') ? twice : validation;
          await writeStage(t.prisma, ids, content, { lap, method: method.startsWith('json') ? 'insert' : 'copy' });
        }
        await t.prisma.$transaction(async (tx) => {
          if (!(await takeStage(tx, ids))) throw new Error('stage lost');
          await tx.submissionVersion.create({ data: { id: ids.stageId, number: ++number, ...version } });
          await tx.submission.update({ where: { id: submission.id }, data: { currentVersionId: ids.stageId } });
        });
        lap('publish');
      }
      const ms = performance.now() - t0;
      if (round === 2) {
        best.set(method, ms);
        const detail = Object.entries(phases).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
        console.log(`${label.padEnd(11)} ${method.padEnd(23)} ${ROWS} graduates: ${ms.toFixed(0).padStart(5)} ms (${(ROWS / (ms / 1000)).toFixed(0)} graduates/s; ${detail} ms)  ${load()}`);
      }
    }
  }
  return best;
}

if (await postgresAvailable()) {
  const t = await createTestDatabase({ kind: 'postgres' });
  try {
    const best = await run('PostgreSQL', t, ['unnest', 'json chunks', 'COPY one statement', 'COPY two at once', 'COPY two at once + rows']);
    const copy = best.get('COPY two at once') ?? NaN;
    const unnest = best.get('unnest') ?? NaN;
    const twice = best.get('COPY two at once + rows') ?? NaN;
    console.log(`PostgreSQL  COPY (two at once) vs unnest: ${(unnest / copy).toFixed(2)}× — the server uses ${copy < unnest ? 'COPY' : 'unnest (COPY slower here!)'}`);
    console.log(`PostgreSQL  a graduate-list row stored once vs twice (before 0009): ${(twice / copy).toFixed(2)}×`);
  } finally {
    await t.close();
  }
} else {
  console.log(`PostgreSQL at ${testPgUrl} not reachable: server figures skipped`);
}
const embedded = await createTestDatabase({ kind: 'pglite' });
try {
  const best = await run('PGlite', embedded, ['unnest', 'json chunks', 'json chunks + rows', 'blob COPY chunks']);
  const json = best.get('json chunks') ?? NaN;
  const blob = best.get('blob COPY chunks') ?? NaN;
  const twice = best.get('json chunks + rows') ?? NaN;
  console.log(`PGlite      blob COPY chunks vs json chunks: ${(json / blob).toFixed(2)}× — ${blob < json ? 'blob COPY is faster' : 'json chunks are faster'}`);
  console.log(`PGlite      a graduate-list row stored once vs twice (before 0009): ${(twice / json).toFixed(2)}×`);
} finally {
  await embedded.close();
}
