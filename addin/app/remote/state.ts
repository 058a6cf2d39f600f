/** The remote part of the pane (server round trip) as plain data for the React components. */
import type { Issue } from '../../../core/issues/issue';
import type {
  Campaign,
  NumberApplication,
  ReviewEvent,
  ReviewQueueItem,
  SpotCheckList,
  SubmissionStatus,
  SubmissionView,
  User,
} from './schemas';
import type { Unplaced } from './placement';

export type RemoteTask =
  | 'restore'
  | 'sign-in'
  | 'sign-out'
  | 'load'
  | 'submit'
  | 'apply-numbers'
  | 'fetch-numbers'
  | 'queue'
  | 'open'
  | 'approve'
  | 'return'
  | 'applications'
  | 'allocate'
  | 'reject'
  | 'spot-check'
  | 'download';

export interface RemoteMessage {
  id: number;
  task: RemoteTask;
  /** Chinese, shown as is. */
  text: string;
  /** Server error code, `network`, `invalid-response` … (errors only). */
  code?: string;
  /** The same action may simply be tried again. */
  retryable?: boolean;
  /** A link to show with a notice (a signed download the host could not open by itself). */
  link?: { href: string; label: string };
}

export interface ReviewComment {
  text: string;
  by: string;
  at: string;
  action: string;
}

export interface OwnSubmission {
  id: string;
  version: number;
  status: SubmissionStatus;
  submittedAt: string | null;
  updatedAt: string;
  rowCount: number;
  errors: number;
  warnings: number;
  /** The reviewer's latest comment (the return reason when RETURNED). */
  comment: ReviewComment | null;
  events: ReviewEvent[];
}

export interface NumbersOutcome {
  placed: number;
  ranges: number;
  unplaced: Unplaced[];
  rangesMissing: { sheet: string; address: string; major: string }[];
}

export interface OpenedSubmission {
  view: SubmissionView;
  sheetName: string;
  /** False when the server offers no row data (only the issue list was written). */
  rowsShown: boolean;
}

export interface RemoteState {
  phase: 'signed-out' | 'signed-in';
  /** The server's origin ('' = the pane's own). */
  serverUrl: string;
  user: User | null;
  campaigns: Campaign[];
  campaignId: string | null;
  busy: RemoteTask | null;
  errors: RemoteMessage[];
  notices: RemoteMessage[];

  // school clerk
  submission: OwnSubmission | null;
  /** Issues of the last server report (incl. cross-school duplicates), already shown in the cells. */
  serverIssues: Issue[];
  /** Why the last "submit" did not submit (errors remain …). */
  refusal: string | null;
  numbers: NumbersOutcome | null;
  applications: NumberApplication[];

  // reviewers
  queue: ReviewQueueItem[];
  opened: OpenedSubmission | null;
  spotChecks: SpotCheckList['items'];
}

export const STATUS_LABEL: Record<SubmissionStatus, string> = {
  DRAFT: '草稿（未上报）',
  SUBMITTED: '已上报，待审核',
  CITY_APPROVED: '市教育局已审核通过，待省级审核',
  PROVINCE_APPROVED: '审核通过',
  RETURNED: '已退回，请修改后重新上报',
};

export const ROLE_LABEL: Record<User['role'], string> = {
  CLERK: '学校经办人',
  COLLEGE_CLERK: '高职院校经办人',
  CITY_REVIEWER: '市教育局审核人',
  PROVINCE_ADMIN: '省级管理员',
};
