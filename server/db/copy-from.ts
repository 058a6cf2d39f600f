// COPY … FROM STDIN in PostgreSQL's text format through pg-copy-streams (the maintained streaming COPY
// client for node-postgres), on a connection of the client's own pool. Measured against INSERT … SELECT
// FROM unnest / json_to_recordset in bench/submission-db.bench.ts: COPY skips building a parameter
// array or a JSON document and parsing it back on the server.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One field in COPY text format: backslash, tab, newline and carriage return escaped, null as \N.
 * (U+0000 never reaches here: the API refuses it at the boundary, server/http/accepted-text.ts.)
 */
export function copyField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c] ?? c) : value;
}

/**
 * Streams `lines` (each ending in '\n') into `COPY <target> FROM STDIN` on one pooled connection, as one
 * statement (its own transaction: all lines or none). Returns the rows copied.
 */
export async function copyLines(pool: pg.Pool, target: string, lines: Iterable<string>): Promise<number> {
  const client = await pool.connect();
  try {
    const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
    await pipeline(Readable.from(batches(lines)), stream);
    return Number(stream.rowCount ?? 0);
  } finally {
    client.release();
  }
}

/**
 * ~64 KB strings instead of one per line: fewer stream writes. Every ~1 MB it lets the event loop run:
 * a stream over a synchronous source keeps writing while the socket accepts, and producing 20,000 lines
 * held every other request for several hundred ms (bench/responsiveness.bench.ts).
 */
async function* batches(lines: Iterable<string>): AsyncGenerator<string> {
  let buffer = '';
  let sinceYield = 0;
  for (const line of lines) {
    buffer += line;
    if (buffer.length >= 65_536) {
      sinceYield += buffer.length;
      yield buffer;
      buffer = '';
      if (sinceYield >= 1_048_576) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }
  if (buffer) yield buffer;
}
