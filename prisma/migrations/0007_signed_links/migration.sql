-- Issue #10: short-lived signed download links (the 附件3 审核表 from the task pane). The HMAC key lives in
-- the database so that every server behind a load balancer signs and checks with the same key.
-- CreateTable
CREATE TABLE "server_secret" (
    "name" TEXT NOT NULL,
    "value" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "server_secret_pkey" PRIMARY KEY ("name")
);
