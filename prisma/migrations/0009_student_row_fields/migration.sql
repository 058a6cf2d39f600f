-- A graduate-list row is stored once (issue #14, "20,000-row submission < 1 s embedded"): as its student,
-- with the row's fields, instead of as a submission_row AND a student. An upload of a 20,000-row 附件2
-- wrote 40,000 tuples, each through its own indexes and checks; now 20,000 (plus the few rows of the
-- other sheets). Readers of a version's rows read both tables (get-submission.ts, getSubmissionRows).
-- On a database that already holds a year's uploads this rewrites every student once (and its table is
-- twice its size until VACUUM): apply it in a quiet hour.

-- AlterTable
ALTER TABLE "student" ADD COLUMN "fields" JSON;

-- ════════════════════════════════════════════════════════════════════════════════════════════════
-- Hand-written: moves each stored student's row into the student, then makes the column required.
-- (A student always had its row: save-submission wrote both from the same extraction.)
-- ════════════════════════════════════════════════════════════════════════════════════════════════

UPDATE "student" s SET "fields" = r."fields"
  FROM "submission_row" r
 WHERE r."version_id" = s."version_id" AND r."sheet" = s."sheet" AND r."row_number" = s."row_number";

DELETE FROM "submission_row" r
 USING "student" s
 WHERE r."version_id" = s."version_id" AND r."sheet" = s."sheet" AND r."row_number" = s."row_number";

UPDATE "student" SET "fields" = '{}' WHERE "fields" IS NULL;

ALTER TABLE "student" ALTER COLUMN "fields" SET NOT NULL;
