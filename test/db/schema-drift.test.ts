/**
 * prisma/schema.prisma and prisma/migrations agree: the WASM schema engine replays the migrations on a
 * throwaway in-memory PGlite (the shadow database) and diffs the result against the schema.
 * When this fails: `npm run db:diff` prints the SQL for a new migration folder.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { diffSchema } from '../../server/db/schema-diff';
import { schemaPath } from '../../server/db/schema-engine';

describe('schema drift', () => {
  it('the migrations produce exactly schema.prisma', async () => {
    const result = await diffSchema();
    expect(result.sql).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('would notice a field added to the schema without a migration', async () => {
    const schema = await readFile(schemaPath, 'utf8');
    const changed = schema.replace('  name      String\n  createdAt DateTime     @default(now())', '  name      String\n  nickname  String?\n  createdAt DateTime     @default(now())');
    expect(changed).not.toBe(schema);
    const result = await diffSchema({ schemaText: changed });
    expect(result.exitCode).toBe(2);
    expect(result.sql).toMatch(/ADD COLUMN\s+"nickname" TEXT/);
  });
});
