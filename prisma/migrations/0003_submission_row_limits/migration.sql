-- Bounds on the work one upload can cause: rows per sheet and per workbook, per campaign.
ALTER TABLE "campaign" ADD COLUMN "max_rows_per_sheet" INTEGER NOT NULL DEFAULT 25000,
ADD COLUMN "max_rows_per_submission" INTEGER NOT NULL DEFAULT 50000;

ALTER TABLE "campaign" ADD CONSTRAINT "campaign_max_rows_check" CHECK ("max_rows_per_sheet" > 0 AND "max_rows_per_submission" > 0);
