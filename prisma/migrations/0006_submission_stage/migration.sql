-- Staged submission versions (issue #8, "keep the server responsive"): a 20,000-row upload held the
-- embedded database's ONE connection for ≈ 3 s in one transaction. Now its submission_row and student
-- rows are written in several short statements under the id of a `submission_stage`, invisible to every
-- reader (all of them reach students and rows through submission.current_version_id), and one short
-- transaction turns the stage into the submission_version with the same id. A stage that failed is
-- discarded; one left by a crash is discarded when it is stale.

-- CreateTable
CREATE TABLE "submission_stage" (
    "id" UUID NOT NULL,
    "submission_id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "school_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "discarded_at" TIMESTAMPTZ(3),

    CONSTRAINT "submission_stage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "submission_stage_created_at_idx" ON "submission_stage"("created_at");

-- ════════════════════════════════════════════════════════════════════════════════════════════════
-- Hand-written: the statement-level checks of 0002 also accept a live (not discarded) stage as the
-- version, with the stage's submission, campaign and school. test/db/constraints.test.ts and
-- test/api/submission-stage.test.ts prove these rules hold.
-- ════════════════════════════════════════════════════════════════════════════════════════════════

CREATE OR REPLACE FUNCTION "student_check_version_owner"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    PERFORM 1 FROM "submission_version" v
      WHERE v."id" IN (SELECT DISTINCT "version_id" FROM "student_new_rows")
      FOR KEY SHARE OF v;
    PERFORM 1 FROM "submission_stage" g
      WHERE g."id" IN (SELECT DISTINCT "version_id" FROM "student_new_rows")
      FOR KEY SHARE OF g;
    SELECT n."version_id", n."submission_id", n."campaign_id", n."school_id" INTO bad
      FROM (SELECT DISTINCT "version_id", "submission_id", "campaign_id", "school_id" FROM "student_new_rows") n
      LEFT JOIN "submission_version" v ON v."id" = n."version_id"
      LEFT JOIN "submission" s ON s."id" = v."submission_id"
      LEFT JOIN "submission_stage" g ON g."id" = n."version_id" AND g."discarded_at" IS NULL
     WHERE NOT (COALESCE(s."id" = n."submission_id" AND s."campaign_id" = n."campaign_id" AND s."school_id" = n."school_id", false)
             OR COALESCE(g."submission_id" = n."submission_id" AND g."campaign_id" = n."campaign_id" AND g."school_id" = n."school_id", false))
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'student (version %, submission %, campaign %, school %) does not match an existing version''s submission',
                bad."version_id", bad."submission_id", bad."campaign_id", bad."school_id"
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'student_version_owner';
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "submission_row_check_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing uuid;
BEGIN
    PERFORM 1 FROM "submission_version" v
      WHERE v."id" IN (SELECT DISTINCT "version_id" FROM "submission_row_new_rows")
      FOR KEY SHARE OF v;
    PERFORM 1 FROM "submission_stage" g
      WHERE g."id" IN (SELECT DISTINCT "version_id" FROM "submission_row_new_rows")
      FOR KEY SHARE OF g;
    SELECT n."version_id" INTO missing
      FROM (SELECT DISTINCT "version_id" FROM "submission_row_new_rows") n
     WHERE NOT EXISTS (SELECT 1 FROM "submission_version" v WHERE v."id" = n."version_id")
       AND NOT EXISTS (SELECT 1 FROM "submission_stage" g WHERE g."id" = n."version_id" AND g."discarded_at" IS NULL)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'submission_row: version % does not exist', missing
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'submission_row_version_id_fkey';
    END IF;
    RETURN NULL;
END
$$;
