/**
 * The server's answers as the task pane accepts them: every response is parsed here (a trust boundary —
 * a proxy, an old server or a bug must not put garbage into the clerk's cells). Written on the client's
 * side on purpose (no import from server/): unknown extra fields are dropped, missing ones fail loudly.
 */
import { z } from 'zod';

export const RoleSchema = z.enum(['CLERK', 'COLLEGE_CLERK', 'CITY_REVIEWER', 'PROVINCE_ADMIN']);
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  role: RoleSchema,
  org: z.object({ id: z.string(), kind: z.string(), name: z.string(), code: z.string() }),
});
export type User = z.infer<typeof UserSchema>;

export const SignInResponseSchema = z.object({
  token: z.string().min(1),
  expiresAt: z.string(),
  idleTimeoutSeconds: z.number().optional(),
  user: UserSchema,
});
export type SignInResponse = z.infer<typeof SignInResponseSchema>;

export const SubmissionStatusSchema = z.enum(['DRAFT', 'SUBMITTED', 'CITY_APPROVED', 'PROVINCE_APPROVED', 'RETURNED']);
export type SubmissionStatus = z.infer<typeof SubmissionStatusSchema>;

const CellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const IssueSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  sheet: z.string(),
  row: z.number().int(),
  column: z.number().int(),
  address: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  fix: CellValue.optional(),
});

export const ReportSchema = z.object({
  valid: z.boolean(),
  stats: z.object({ errors: z.number().int(), warnings: z.number().int() }).loose(),
  issues: z.array(IssueSchema),
});
export type RemoteReport = z.infer<typeof ReportSchema>;

export const SubmissionRefSchema = z.object({ id: z.string(), version: z.number().int(), status: SubmissionStatusSchema });

export const ReviewEventSchema = z.object({
  action: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  comment: z.string().nullable(),
  at: z.string(),
  actor: z.object({ displayName: z.string().nullable(), orgName: z.string() }),
});
export type ReviewEvent = z.infer<typeof ReviewEventSchema>;

export const SubmissionViewSchema = z.object({
  submission: SubmissionRefSchema.extend({
    campaignId: z.string(),
    school: z.object({ id: z.string(), name: z.string() }),
    submittedAt: z.string().nullable(),
    updatedAt: z.string(),
    rowCount: z.number().int(),
  }),
  report: ReportSchema,
  events: z.array(ReviewEventSchema),
});
export type SubmissionView = z.infer<typeof SubmissionViewSchema>;

export const PutSubmissionResponseSchema = z.object({ submission: SubmissionRefSchema, report: ReportSchema });
export type PutSubmissionResponse = z.infer<typeof PutSubmissionResponseSchema>;

export const CampaignSchema = z.object({
  id: z.string(),
  packId: z.string(),
  year: z.number().int(),
  name: z.string(),
  status: z.string(),
  submissionDue: z.string().nullable(),
  locks: z.array(z.object({ lockAt: z.string(), label: z.string(), scope: z.string(), passed: z.boolean() })),
  series: z.array(
    z.object({
      id: z.string(),
      prefix: z.string(),
      serialWidth: z.number().int(),
      scope: z.string(),
      nextSerial: z.number().int().optional(),
    }),
  ),
});
export type Campaign = z.infer<typeof CampaignSchema>;
export const CampaignListSchema = z.object({ items: z.array(CampaignSchema) });

export const ReviewQueueItemSchema = z.object({
  submissionId: z.string(),
  school: z.object({ id: z.string(), name: z.string(), cityName: z.string().nullable() }),
  status: SubmissionStatusSchema,
  version: z.number().int(),
  rowCount: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ReviewQueueItem = z.infer<typeof ReviewQueueItemSchema>;
export const ReviewQueueSchema = z.object({ items: z.array(ReviewQueueItemSchema) });

export const ApplicationSchema = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string().optional(),
  major: z.string(),
  count: z.number().int(),
  status: z.enum(['PENDING', 'APPROVED', 'REJECTED']),
  appliedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
});
export type NumberApplication = z.infer<typeof ApplicationSchema>;
export const ApplicationListSchema = z.object({ items: z.array(ApplicationSchema) });

const DateLike = z.union([z.string(), z.null()]).optional();

export const AllocateResponseSchema = z.object({
  range: z.object({ schoolId: z.string(), first: z.string().optional(), last: z.string().optional() }).loose(),
  assignment: z.unknown().nullable().optional(),
});

export const CertificateNumbersSchema = z.object({
  ranges: z.array(
    z.object({
      id: z.string(),
      major: z.string().nullable(),
      startSerial: z.number().int(),
      endSerial: z.number().int(),
      count: z.number().int(),
      first: z.string(),
      last: z.string(),
      used: z.number().int(),
      voided: z.number().int(),
      allocatedAt: DateLike,
    }),
  ),
  certificates: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      serial: z.number().int(),
      status: z.string(),
      sheet: z.string().nullable(),
      rowNumber: z.number().int().nullable(),
      holderName: z.string(),
      major: z.string(),
    }),
  ),
});
export type CertificateNumbers = z.infer<typeof CertificateNumbersSchema>;

export const SpotCheckDrawSchema = z.object({
  items: z.array(z.object({ schoolId: z.string(), sampleId: z.string(), size: z.number().int(), population: z.number().int() }).loose()),
});

export const SpotCheckListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      school: z.object({ id: z.string(), name: z.string() }),
      seed: z.string(),
      population: z.number().int(),
      drawnAt: z.string(),
      students: z.array(
        z.object({ id: z.string(), name: z.string(), major: z.string(), sheet: z.string().nullable(), rowNumber: z.number().int().nullable() }),
      ),
    }),
  ),
});
export type SpotCheckList = z.infer<typeof SpotCheckListSchema>;

/** The rows of a submission as stored (one per data row: the core's extracted fields by column key). */
export const SubmissionRowsSchema = z.object({
  items: z.array(z.object({ sheet: z.string(), kind: z.string(), row: z.number().int(), fields: z.record(z.string(), z.unknown()) })),
});
export type SubmissionRows = z.infer<typeof SubmissionRowsSchema>;

export const LookUpResponseSchema = z.object({
  found: z.boolean(),
  certificate: z
    .object({
      number: z.string().nullable(),
      name: z.string(),
      schoolName: z.string(),
      year: z.number().int(),
      conclusion: z.string().nullable(),
      status: z.string().nullable(),
    })
    .optional(),
});
export type LookUpResponse = z.infer<typeof LookUpResponseSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  }),
});
