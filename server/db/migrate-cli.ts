// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database in
// data/pglite (YANYIN_DATA_DIR to choose another folder). Prints folder names only.
import { openDatabase } from './open-database';

try {
  const db = await openDatabase({ ...(process.env.YANYIN_DATA_DIR ? { dataDir: process.env.YANYIN_DATA_DIR } : {}), poolSize: 1 });
  const where = db.kind === 'pglite' ? 'embedded database' : `PostgreSQL ${String(db.connection.host)}:${String(db.connection.port)}/${String(db.connection.database)}`;
  console.log(db.applied.length ? `Applied to ${where}: ${db.applied.join(', ')}` : `${where}: already up to date`);
  await db.close();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
