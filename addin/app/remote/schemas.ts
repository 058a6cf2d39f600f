/**
 * The server's answers as the task pane accepts them: every response is parsed here (a trust boundary —
 * a proxy, an old server or a bug must not put garbage into the clerk's cells) with the ONE API contract
 * the server's routes and its OpenAPI document use (contract/api.ts: zod only). Unknown extra fields
 * are dropped, missing ones fail loudly.
 */
import { z } from 'zod';
import {
  AllocateResponse,
  ApplicationList,
  ApplicationView,
  CampaignView,
  CertificateNumbersView,
  ErrorSchema,
  LookUpResponse,
  PutSubmissionResponse,
  ReportSchema as ContractReportSchema,
  ReviewEventView,
  ReviewQueueItem,
  Role,
  SignInResponse,
  SpotCheckDrawResponse,
  SpotCheckListResponse,
  SubmissionRowsResponse,
  SubmissionStatus,
  SubmissionView,
  UserView,
} from '../../../contract/api';

export const RoleSchema = Role;
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = UserView;
export type User = z.infer<typeof UserSchema>;

export const SignInResponseSchema = SignInResponse;
export type SignInResponse = z.infer<typeof SignInResponseSchema>;

export const SubmissionStatusSchema = SubmissionStatus;
export type SubmissionStatus = z.infer<typeof SubmissionStatusSchema>;

export const ReportSchema = ContractReportSchema;
export type RemoteReport = z.infer<typeof ReportSchema>;

export type ReviewEvent = z.infer<typeof ReviewEventView>;

export const SubmissionViewSchema = SubmissionView;
export type SubmissionView = z.infer<typeof SubmissionViewSchema>;

export const PutSubmissionResponseSchema = PutSubmissionResponse;
export type PutSubmissionResponse = z.infer<typeof PutSubmissionResponseSchema>;

export const CampaignSchema = CampaignView;
export type Campaign = z.infer<typeof CampaignSchema>;
export const CampaignListSchema = z.object({ items: z.array(CampaignSchema) });

export const ReviewQueueItemSchema = ReviewQueueItem;
export type ReviewQueueItem = z.infer<typeof ReviewQueueItemSchema>;
export const ReviewQueueSchema = z.object({ items: z.array(ReviewQueueItemSchema) });

export const ApplicationSchema = ApplicationView;
export type NumberApplication = z.infer<typeof ApplicationSchema>;
export const ApplicationListSchema = ApplicationList;

export const AllocateResponseSchema = AllocateResponse;

export const CertificateNumbersSchema = CertificateNumbersView;
export type CertificateNumbers = z.infer<typeof CertificateNumbersSchema>;

export const SpotCheckDrawSchema = SpotCheckDrawResponse;
export const SpotCheckListSchema = SpotCheckListResponse;
export type SpotCheckList = z.infer<typeof SpotCheckListSchema>;

export const SubmissionRowsSchema = SubmissionRowsResponse;
export type SubmissionRows = z.infer<typeof SubmissionRowsSchema>;

export const LookUpResponseSchema = LookUpResponse;
export type LookUpResponse = z.infer<typeof LookUpResponseSchema>;

/**
 * Errors are read leniently on purpose: a proxy or an older server may answer without the English text
 * or params, and the clerk must still see the Chinese message.
 */
export const ErrorBodySchema = z.object({
  error: ErrorSchema.shape.error.extend({
    messageEn: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  }),
});
