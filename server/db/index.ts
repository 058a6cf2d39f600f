export { openDatabase, type Database, type OpenDatabaseOptions } from './open-database';
export { createPrismaClient, Prisma, PrismaClient, type Db } from './client';
export { migrateDatabase, type MigrateResult } from './migrate';
export { connectionFromUrl } from './schema-engine';
export { DataDirLockedError } from './data-dir-lock';
