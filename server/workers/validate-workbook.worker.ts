// Runs in a worker thread (server/use-cases/validate-off-thread.ts): the core's validation of one
// uploaded workbook, so a big workbook does not hold up the event loop that answers everyone else.
import type { WorkbookGrid } from '../../core/grid/cell';
import { validateForServer, type ServerValidation } from '../use-cases/validate-workbook';

export default function validate(job: { workbook: WorkbookGrid; packId: string; today: string }): ServerValidation {
  return validateForServer(job.workbook, job.packId, job.today);
}
