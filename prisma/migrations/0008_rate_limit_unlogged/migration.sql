-- Issue #14: the rate-limit and sign-in lockout counters are written on nearly every public request, and each
-- logged write waited for its WAL flush (fsync): most of a public look-up's time. UNLOGGED: no WAL, so no
-- flush to wait for. What it gives up: after a crash of PostgreSQL the table is empty (every window and
-- lockout starts again), and read replicas do not have it (only the primary counts). Prisma does not model
-- table persistence, so the schema is unchanged.
ALTER TABLE "rate_limit_counter" SET UNLOGGED;
