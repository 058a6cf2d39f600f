-- Issue #8 (trust under load), the edge half:
-- 1. rate_limit_counter: per-key rate-limit windows in the database, so that several servers behind a
--    load balancer share one count per client address (and sign-in names) instead of one per process.
-- 2. enrollment_conflict: an ID number one school lists although it is already approved or numbered at
--    another school of the campaign. It blocks the listing school's submission until the province
--    accepts the transfer or refuses it.

-- CreateEnum
CREATE TYPE "EnrollmentConflictStatus" AS ENUM ('OPEN', 'TRANSFER_ACCEPTED', 'REFUSED');

-- CreateTable
CREATE TABLE "rate_limit_counter" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL,
    "reset_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_counter_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "enrollment_conflict" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "id_number" TEXT NOT NULL,
    "claiming_school_id" UUID NOT NULL,
    "holding_school_id" UUID NOT NULL,
    "holding_reason" TEXT NOT NULL,
    "status" "EnrollmentConflictStatus" NOT NULL DEFAULT 'OPEN',
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" UUID,
    "resolution_comment" TEXT,

    CONSTRAINT "enrollment_conflict_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rate_limit_counter_reset_at_idx" ON "rate_limit_counter"("reset_at");

-- CreateIndex
CREATE INDEX "enrollment_conflict_campaign_id_status_idx" ON "enrollment_conflict"("campaign_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "enrollment_conflict_campaign_id_id_number_claiming_school_i_key" ON "enrollment_conflict"("campaign_id", "id_number", "claiming_school_id", "holding_school_id");

-- AddForeignKey
ALTER TABLE "enrollment_conflict" ADD CONSTRAINT "enrollment_conflict_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollment_conflict" ADD CONSTRAINT "enrollment_conflict_claiming_school_id_fkey" FOREIGN KEY ("claiming_school_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollment_conflict" ADD CONSTRAINT "enrollment_conflict_holding_school_id_fkey" FOREIGN KEY ("holding_school_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollment_conflict" ADD CONSTRAINT "enrollment_conflict_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
