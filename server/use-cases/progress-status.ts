/**
 * A school's place in the year's work as the console and its .xlsx export name it; the statuses themselves are
 * the contract's (the console's pages use the same names in the browser).
 */
import type { z } from 'zod';
import { ProgressStatus as ProgressStatusSchema } from '../../contract/api';

export type ProgressStatus = z.infer<typeof ProgressStatusSchema>;
export const PROGRESS_STATUSES: readonly ProgressStatus[] = ProgressStatusSchema.options;
export const STATUS_ZH: Record<ProgressStatus, string> = {
  NONE: '未上传',
  DRAFT: '草稿',
  SUBMITTED: '已上报',
  RETURNED: '已退回',
  CITY_APPROVED: '市局已审核',
  PROVINCE_APPROVED: '省厅已审核',
};
