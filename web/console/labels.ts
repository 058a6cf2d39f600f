/** Chinese names of statuses, shared by the console's pages and charts. */
import type { ProgressStatus } from '../../server/use-cases/progress-status';

export { STATUS_ZH } from '../../server/use-cases/progress-status';
export const STATUS_ORDER: ProgressStatus[] = ['NONE', 'DRAFT', 'RETURNED', 'SUBMITTED', 'CITY_APPROVED', 'PROVINCE_APPROVED'];
export const STATUS_COLOR: Record<ProgressStatus, string> = {
  NONE: '#a19f9d',
  DRAFT: '#c8c6c4',
  RETURNED: '#d13438',
  SUBMITTED: '#0f6cbd',
  CITY_APPROVED: '#8764b8',
  PROVINCE_APPROVED: '#107c10',
};
