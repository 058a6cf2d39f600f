-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrgKind" AS ENUM ('PROVINCE', 'CITY', 'SCHOOL', 'COLLEGE');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('CLERK', 'CITY_REVIEWER', 'PROVINCE_ADMIN', 'COLLEGE_CLERK');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "SubmissionStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'CITY_APPROVED', 'PROVINCE_APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "IssueSeverity" AS ENUM ('ERROR', 'WARNING');

-- CreateEnum
CREATE TYPE "ReviewAction" AS ENUM ('SUBMIT', 'APPROVE', 'RETURN', 'WITHDRAW');

-- CreateEnum
CREATE TYPE "SeriesScope" AS ENUM ('CAMPAIGN', 'CITY', 'SCHOOL');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "CertificateStatus" AS ENUM ('ISSUED', 'VOIDED');

-- CreateEnum
CREATE TYPE "GraduationConclusion" AS ENUM ('GRADUATED', 'COMPLETED');

-- CreateTable
CREATE TABLE "organization" (
    "id" UUID NOT NULL,
    "kind" "OrgKind" NOT NULL,
    "parent_id" UUID,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "role" "UserRole" NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT,
    "password_hash" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "failed_login_count" INTEGER NOT NULL DEFAULT 0,
    "last_failed_at" TIMESTAMPTZ(3),
    "locked_until" TIMESTAMPTZ(3),
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_key" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign" (
    "id" UUID NOT NULL,
    "owner_org_id" UUID NOT NULL,
    "pack_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "receipt_due" TIMESTAMPTZ(3),
    "submission_due" TIMESTAMPTZ(3),
    "spot_check_permille" INTEGER NOT NULL DEFAULT 50,
    "rollback_months" INTEGER NOT NULL DEFAULT 6,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_lock" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "lock_at" TIMESTAMPTZ(3) NOT NULL,
    "label" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'submission',

    CONSTRAINT "campaign_lock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "submission" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "school_id" UUID NOT NULL,
    "status" "SubmissionStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "current_version_id" UUID,
    "submitted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "submission_version" (
    "id" UUID NOT NULL,
    "submission_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "content_hash" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "valid" BOOLEAN NOT NULL,
    "report" JSONB NOT NULL,

    CONSTRAINT "submission_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "submission_row" (
    "id" BIGSERIAL NOT NULL,
    "version_id" UUID NOT NULL,
    "sheet" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "row_number" INTEGER NOT NULL,
    "fields" JSONB NOT NULL,

    CONSTRAINT "submission_row_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "submission_issue" (
    "id" BIGSERIAL NOT NULL,
    "version_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "severity" "IssueSeverity" NOT NULL,
    "sheet" TEXT,
    "row" INTEGER,
    "column" TEXT,
    "address" TEXT,
    "params" JSONB,
    "fix" JSONB,

    CONSTRAINT "submission_issue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "student" (
    "id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "submission_id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "school_id" UUID NOT NULL,
    "sheet" TEXT NOT NULL,
    "row_number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "id_number" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "major" TEXT NOT NULL DEFAULT '',
    "student_number" TEXT,
    "graduate" BOOLEAN NOT NULL,
    "extra" JSONB,

    CONSTRAINT "student_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_event" (
    "id" UUID NOT NULL,
    "submission_id" UUID NOT NULL,
    "version_id" UUID,
    "actor_id" UUID NOT NULL,
    "action" "ReviewAction" NOT NULL,
    "from_status" "SubmissionStatus" NOT NULL,
    "to_status" "SubmissionStatus" NOT NULL,
    "comment" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certificate_series" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "scope" "SeriesScope" NOT NULL DEFAULT 'CAMPAIGN',
    "scope_org_id" UUID,
    "prefix" TEXT NOT NULL,
    "serial_width" INTEGER NOT NULL,
    "next_serial" INTEGER NOT NULL DEFAULT 1,
    "max_serial" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "certificate_series_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "number_application" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "school_id" UUID NOT NULL,
    "major" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'PENDING',
    "applied_by_id" UUID NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_comment" TEXT,

    CONSTRAINT "number_application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certificate_range" (
    "id" UUID NOT NULL,
    "series_id" UUID NOT NULL,
    "school_id" UUID NOT NULL,
    "major" TEXT NOT NULL,
    "start_serial" INTEGER NOT NULL,
    "end_serial" INTEGER NOT NULL,
    -- Maintained by the database (not in Prisma's model of the column): the range as one value, for the
    -- exclusion constraint below.
    "numbers" int8range GENERATED ALWAYS AS (int8range("start_serial", "end_serial", '[]')) STORED,
    "application_id" UUID,
    "allocated_by_id" UUID NOT NULL,
    "allocated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "certificate_range_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certificate" (
    "id" UUID NOT NULL,
    "series_id" UUID NOT NULL,
    "range_id" UUID NOT NULL,
    "serial" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "campaign_id" UUID NOT NULL,
    "school_id" UUID NOT NULL,
    "student_id" UUID,
    "holder_name" TEXT NOT NULL,
    "holder_id_number" TEXT NOT NULL,
    "student_number" TEXT,
    "major" TEXT NOT NULL,
    "status" "CertificateStatus" NOT NULL DEFAULT 'ISSUED',
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voided_at" TIMESTAMPTZ(3),
    "voided_by_id" UUID,
    "void_reason" TEXT,

    CONSTRAINT "certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certificate_proof" (
    "id" UUID NOT NULL,
    "certificate_id" UUID NOT NULL,
    "school_id" UUID NOT NULL,
    "proof_number" TEXT,
    "reason" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recorded_by_id" UUID NOT NULL,

    CONSTRAINT "certificate_proof_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "spot_check_sample" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "school_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "seed" TEXT NOT NULL,
    "permille" INTEGER NOT NULL,
    "population" INTEGER NOT NULL,
    "student_ids" UUID[],
    "drawn_by_id" UUID NOT NULL,
    "drawn_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spot_check_sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "graduation_record" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "school_id" UUID NOT NULL,
    "student_id" UUID NOT NULL,
    "conclusion" "GraduationConclusion" NOT NULL,
    "operated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "operated_by_id" UUID NOT NULL,
    "rolled_back_at" TIMESTAMPTZ(3),
    "rolled_back_by_id" UUID,

    CONSTRAINT "graduation_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "request_id" TEXT,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organization_code_key" ON "organization"("code");

-- CreateIndex
CREATE INDEX "organization_parent_id_idx" ON "organization"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE INDEX "app_user_org_id_idx" ON "app_user"("org_id");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_hash_key" ON "session"("token_hash");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE INDEX "session_expires_at_idx" ON "session"("expires_at");

-- CreateIndex
CREATE INDEX "idempotency_key_expires_at_idx" ON "idempotency_key"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_key_user_id_key_key" ON "idempotency_key"("user_id", "key");

-- CreateIndex
CREATE INDEX "campaign_status_idx" ON "campaign"("status");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_owner_org_id_pack_id_year_key" ON "campaign"("owner_org_id", "pack_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_lock_campaign_id_lock_at_scope_key" ON "campaign_lock"("campaign_id", "lock_at", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "submission_current_version_id_key" ON "submission"("current_version_id");

-- CreateIndex
CREATE INDEX "submission_school_id_idx" ON "submission"("school_id");

-- CreateIndex
CREATE INDEX "submission_campaign_id_status_idx" ON "submission"("campaign_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "submission_campaign_id_school_id_key" ON "submission"("campaign_id", "school_id");

-- CreateIndex
CREATE UNIQUE INDEX "submission_version_submission_id_number_key" ON "submission_version"("submission_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "submission_row_version_id_sheet_row_number_key" ON "submission_row"("version_id", "sheet", "row_number");

-- CreateIndex
CREATE INDEX "submission_issue_version_id_severity_idx" ON "submission_issue"("version_id", "severity");

-- CreateIndex
CREATE INDEX "submission_issue_code_idx" ON "submission_issue"("code");

-- CreateIndex
CREATE INDEX "student_id_number_idx" ON "student"("id_number");

-- CreateIndex
CREATE INDEX "student_campaign_id_id_number_idx" ON "student"("campaign_id", "id_number");

-- CreateIndex
CREATE INDEX "student_version_id_major_sheet_row_number_idx" ON "student"("version_id", "major", "sheet", "row_number");

-- CreateIndex
CREATE INDEX "student_student_number_idx" ON "student"("student_number");

-- CreateIndex
CREATE UNIQUE INDEX "student_version_id_sheet_row_number_key" ON "student"("version_id", "sheet", "row_number");

-- CreateIndex
CREATE INDEX "review_event_submission_id_at_idx" ON "review_event"("submission_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "certificate_series_campaign_id_prefix_key" ON "certificate_series"("campaign_id", "prefix");

-- CreateIndex
CREATE INDEX "number_application_campaign_id_status_idx" ON "number_application"("campaign_id", "status");

-- CreateIndex
CREATE INDEX "number_application_school_id_idx" ON "number_application"("school_id");

-- CreateIndex
CREATE UNIQUE INDEX "certificate_range_application_id_key" ON "certificate_range"("application_id");

-- CreateIndex
CREATE INDEX "certificate_range_school_id_series_id_idx" ON "certificate_range"("school_id", "series_id");

-- CreateIndex
CREATE INDEX "certificate_range_series_id_start_serial_idx" ON "certificate_range"("series_id", "start_serial");

-- CreateIndex
CREATE UNIQUE INDEX "certificate_number_key" ON "certificate"("number");

-- CreateIndex
CREATE INDEX "certificate_campaign_id_holder_id_number_idx" ON "certificate"("campaign_id", "holder_id_number");

-- CreateIndex
CREATE INDEX "certificate_holder_name_student_number_idx" ON "certificate"("holder_name", "student_number");

-- CreateIndex
CREATE INDEX "certificate_school_id_status_idx" ON "certificate"("school_id", "status");

-- CreateIndex
CREATE INDEX "certificate_student_id_idx" ON "certificate"("student_id");

-- CreateIndex
CREATE UNIQUE INDEX "certificate_series_id_serial_key" ON "certificate"("series_id", "serial");

-- CreateIndex
CREATE UNIQUE INDEX "certificate_proof_proof_number_key" ON "certificate_proof"("proof_number");

-- CreateIndex
CREATE INDEX "certificate_proof_certificate_id_idx" ON "certificate_proof"("certificate_id");

-- CreateIndex
CREATE UNIQUE INDEX "spot_check_sample_campaign_id_school_id_key" ON "spot_check_sample"("campaign_id", "school_id");

-- CreateIndex
CREATE INDEX "graduation_record_student_id_idx" ON "graduation_record"("student_id");

-- CreateIndex
CREATE INDEX "graduation_record_campaign_id_school_id_idx" ON "graduation_record"("campaign_id", "school_id");

-- CreateIndex
CREATE INDEX "audit_log_entity_entity_id_idx" ON "audit_log"("entity", "entity_id");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_at_idx" ON "audit_log"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- AddForeignKey
ALTER TABLE "organization" ADD CONSTRAINT "organization_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_key" ADD CONSTRAINT "idempotency_key_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_owner_org_id_fkey" FOREIGN KEY ("owner_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_lock" ADD CONSTRAINT "campaign_lock_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission" ADD CONSTRAINT "submission_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission" ADD CONSTRAINT "submission_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission" ADD CONSTRAINT "submission_current_version_id_fkey" FOREIGN KEY ("current_version_id") REFERENCES "submission_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission_version" ADD CONSTRAINT "submission_version_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission_version" ADD CONSTRAINT "submission_version_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission_row" ADD CONSTRAINT "submission_row_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "submission_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission_issue" ADD CONSTRAINT "submission_issue_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "submission_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "student" ADD CONSTRAINT "student_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "submission_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "student" ADD CONSTRAINT "student_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "student" ADD CONSTRAINT "student_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "student" ADD CONSTRAINT "student_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_event" ADD CONSTRAINT "review_event_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_event" ADD CONSTRAINT "review_event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate_series" ADD CONSTRAINT "certificate_series_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate_series" ADD CONSTRAINT "certificate_series_scope_org_id_fkey" FOREIGN KEY ("scope_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "number_application" ADD CONSTRAINT "number_application_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "number_application" ADD CONSTRAINT "number_application_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "number_application" ADD CONSTRAINT "number_application_applied_by_id_fkey" FOREIGN KEY ("applied_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "number_application" ADD CONSTRAINT "number_application_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate_range" ADD CONSTRAINT "certificate_range_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "certificate_series"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate_range" ADD CONSTRAINT "certificate_range_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate_range" ADD CONSTRAINT "certificate_range_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "number_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate_range" ADD CONSTRAINT "certificate_range_allocated_by_id_fkey" FOREIGN KEY ("allocated_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "certificate_series"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_range_id_fkey" FOREIGN KEY ("range_id") REFERENCES "certificate_range"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "student"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_voided_by_id_fkey" FOREIGN KEY ("voided_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate_proof" ADD CONSTRAINT "certificate_proof_certificate_id_fkey" FOREIGN KEY ("certificate_id") REFERENCES "certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate_proof" ADD CONSTRAINT "certificate_proof_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate_proof" ADD CONSTRAINT "certificate_proof_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spot_check_sample" ADD CONSTRAINT "spot_check_sample_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spot_check_sample" ADD CONSTRAINT "spot_check_sample_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spot_check_sample" ADD CONSTRAINT "spot_check_sample_drawn_by_id_fkey" FOREIGN KEY ("drawn_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "graduation_record" ADD CONSTRAINT "graduation_record_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "graduation_record" ADD CONSTRAINT "graduation_record_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "graduation_record" ADD CONSTRAINT "graduation_record_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "graduation_record" ADD CONSTRAINT "graduation_record_operated_by_id_fkey" FOREIGN KEY ("operated_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "graduation_record" ADD CONSTRAINT "graduation_record_rolled_back_by_id_fkey" FOREIGN KEY ("rolled_back_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ════════════════════════════════════════════════════════════════════════════════════════════════
-- What Prisma's schema language cannot express. Hand-written; test/db/schema-drift.test.ts proves the
-- Prisma-visible part above still equals prisma/schema.prisma, test/db/constraints.test.ts that these
-- rules hold. The whole file runs as ONE query (server/db/migrate.ts), so it applies atomically.
-- ════════════════════════════════════════════════════════════════════════════════════════════════

-- btree_gist lets a GiST index combine "=" on a uuid with "&&" on a range (trusted on PostgreSQL 13+).
CREATE EXTENSION IF NOT EXISTS "btree_gist";

-- Certificate ranges of one series never overlap.
ALTER TABLE "certificate_range"
    ADD CONSTRAINT "certificate_range_bounds_check" CHECK ("start_serial" >= 1 AND "end_serial" >= "start_serial"),
    ADD CONSTRAINT "certificate_range_no_overlap" EXCLUDE USING gist ("series_id" WITH =, "numbers" WITH &&);

ALTER TABLE "certificate_series"
    ADD CONSTRAINT "certificate_series_counter_check"
        CHECK ("serial_width" BETWEEN 1 AND 9 AND "max_serial" >= 1 AND "next_serial" >= 1 AND "next_serial" <= "max_serial" + 1);

ALTER TABLE "number_application"
    ADD CONSTRAINT "number_application_count_check" CHECK ("count" >= 1);

ALTER TABLE "certificate"
    ADD CONSTRAINT "certificate_serial_check" CHECK ("serial" >= 1),
    ADD CONSTRAINT "certificate_void_check"
        CHECK (("status" = 'VOIDED') = ("voided_at" IS NOT NULL AND "void_reason" IS NOT NULL));

-- One live certificate per person per campaign (a voided one does not count; a lost one stays ISSUED
-- and gets a 证明书, never a second number).
CREATE UNIQUE INDEX "certificate_one_issued_per_holder" ON "certificate" ("campaign_id", "holder_id_number") WHERE "status" = 'ISSUED';

-- Hubei: one live (not rolled back) graduation operation per student.
CREATE UNIQUE INDEX "graduation_record_live_key" ON "graduation_record" ("student_id") WHERE "rolled_back_at" IS NULL;

ALTER TABLE "spot_check_sample"
    ADD CONSTRAINT "spot_check_sample_size_check" CHECK ("permille" BETWEEN 1 AND 1000 AND "population" >= 0);

-- A certificate's serial lies inside its range, and the range belongs to the same series and school.
CREATE FUNCTION "certificate_check_range"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r "certificate_range"%ROWTYPE;
BEGIN
    SELECT * INTO r FROM "certificate_range" WHERE "id" = NEW."range_id";
    IF r."series_id" IS DISTINCT FROM NEW."series_id" OR r."school_id" IS DISTINCT FROM NEW."school_id"
       OR NEW."serial" < r."start_serial" OR NEW."serial" > r."end_serial" THEN
        RAISE EXCEPTION 'certificate serial % is outside range %', NEW."serial", NEW."range_id"
            USING ERRCODE = 'check_violation', CONSTRAINT = 'certificate_serial_in_range';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER "certificate_check_range" BEFORE INSERT OR UPDATE OF "range_id", "serial", "series_id", "school_id"
    ON "certificate" FOR EACH ROW EXECUTE FUNCTION "certificate_check_range"();

-- A submission's current version is one of its own versions.
CREATE FUNCTION "submission_check_current_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."current_version_id" IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM "submission_version" v WHERE v."id" = NEW."current_version_id" AND v."submission_id" = NEW."id"
    ) THEN
        RAISE EXCEPTION 'version % does not belong to submission %', NEW."current_version_id", NEW."id"
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'submission_current_version_owner';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER "submission_check_current_version" BEFORE INSERT OR UPDATE OF "current_version_id"
    ON "submission" FOR EACH ROW EXECUTE FUNCTION "submission_check_current_version"();

-- The audit log is append-only: UPDATE, DELETE and TRUNCATE are refused for every role, including the
-- application's own.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'audit_log_append_only';
END
$$;
CREATE TRIGGER "audit_log_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_log"
    FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
