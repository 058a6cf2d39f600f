// npm run db:diff [-- --from-empty]
// Prints the SQL that brings prisma/migrations up to prisma/schema.prisma (exit code 2 = there is a
// difference). Copy it into a new prisma/migrations/<NNNN_name>/migration.sql.
import { diffSchema } from './schema-diff';

const fromEmpty = process.argv.includes('--from-empty');
const result = await diffSchema({ from: fromEmpty ? 'empty' : 'migrations' });
process.stdout.write(result.sql ? `${result.sql}\n` : '-- no difference\n');
process.exitCode = result.exitCode;
