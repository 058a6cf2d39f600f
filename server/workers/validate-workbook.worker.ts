// Runs in a worker thread (server/use-cases/validate-off-thread.ts): the core's validation of one
// uploaded workbook, so a big workbook does not hold up the event loop that answers everyone else.
// Given the request body's bytes, the worker parses them itself: JSON.parse of 6 MB costs a fraction of
// structured-cloning the 250,000 cell objects the main thread already parsed.
import { PutSubmissionBody } from '../../contract/api';
import type { WorkbookGrid } from '../../core/grid/cell';
import type { ValidationReport } from '../../core/report';
import { validateReport } from '../use-cases/validate-workbook';

export interface ValidationJob {
  /** The workbook itself, or `body`: the PUT submission body (JSON, UTF-8) it was parsed from. */
  workbook?: WorkbookGrid;
  body?: Uint8Array;
  packId: string;
  today: string;
}

export default function validate(job: ValidationJob): ValidationReport {
  const workbook = job.workbook ?? PutSubmissionBody.parse(JSON.parse(new TextDecoder().decode(job.body))).workbook;
  return validateReport(workbook, job.packId, job.today);
}
