-- Issue #9: one-time passwords (must_change_password), phone numbers from the organisation import, and the
-- province reopening one school after the submission deadline (deadline_extension).
-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "must_change_password" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "phone" TEXT;

-- CreateTable
CREATE TABLE "deadline_extension" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "school_id" UUID NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "granted_by_id" UUID NOT NULL,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deadline_extension_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "deadline_extension_campaign_id_school_id_key" ON "deadline_extension"("campaign_id", "school_id");

-- AddForeignKey
ALTER TABLE "deadline_extension" ADD CONSTRAINT "deadline_extension_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deadline_extension" ADD CONSTRAINT "deadline_extension_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
