/**
 * Validation of big workbooks in a worker pool (piscina: a maintained pool with a queue, so a burst of
 * uploads waits its turn instead of starting a thread each). 20,000 rows take about a second of CPU; on
 * the main thread every other user's request would wait that long. Small workbooks are validated inline:
 * handing the grid to a thread and back costs more than checking a few hundred rows.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { WorkbookGrid } from '../../core/grid/cell';
import type { ValidationReport } from '../../core/report';
import type { ValidationJob } from '../workers/validate-workbook.worker';
import { validateReport } from './validate-workbook';

/** Rows from which a workbook goes to a worker. */
export const OFF_THREAD_ROWS = 2_000;

const workerFile = new URL(`../workers/validate-workbook.worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

let pool: Piscina | undefined;

function getPool(): Piscina {
  pool ??= new Piscina({
    filename: workerFile.href,
    // The server runs from TypeScript via tsx (npm start, tests): the worker needs the same loader.
    execArgv: workerFile.pathname.endsWith('.ts') ? ['--import', 'tsx'] : [],
    minThreads: 0,
    maxThreads: Math.max(1, availableParallelism() - 1),
    idleTimeout: 60_000,
  });
  return pool;
}

/**
 * The core's report on a workbook. `body`: the request body (PutSubmissionBody as UTF-8 JSON) the workbook
 * was parsed from — the worker parses it again instead of receiving a structured clone of the grid
 * (≈ 4× cheaper for 20,000 rows, and off the main thread). A body that owns its whole memory is moved to
 * the worker, not copied: the caller must not read it afterwards (the request handler has parsed and
 * hashed it already); the main thread no longer holds its megabytes while the upload is stored.
 */
export async function validateOffThread(workbook: WorkbookGrid, packId: string, today: string, body?: Uint8Array): Promise<ValidationReport> {
  const rows = workbook.sheets.reduce((n, s) => n + s.rows.length, 0);
  if (rows < OFF_THREAD_ROWS) return validateReport(workbook, packId, today);
  const job: ValidationJob = body ? { body, packId, today } : { workbook, packId, today };
  const owned = body && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer;
  return (await getPool().run(job, owned ? { transferList: [body.buffer] } : {})) as ValidationReport;
}

/** Stops the worker threads (server shutdown). */
export async function closeValidationPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}
