/**
 * THE API contract: every request and response shape at the API boundary, as zod schemas, written once.
 * The server's routes (server/http/routes/) parse requests with them; the task pane's client
 * (addin/app/remote/schemas.ts) and the bureau console (web/console/api.ts) parse the server's answers with
 * the same response schemas at their own boundaries; server/openapi.ts turns them into the OpenAPI 3.1
 * document. Zod only (no server, pane or console imports), so every side can bundle it.
 *
 * Ids in RESPONSES are `RefId` (any non-empty string, documented as UUID): the pane does not re-check
 * formats it only carries back; request params stay strict (`Id`) so a malformed id is a clear 400.
 */
import { z } from 'zod';

// ── limits ─────────────────────────────────────────────────────────────────
export const LIMITS = {
  sheets: 60,
  rowsPerSheet: 60_000,
  columnsPerRow: 200,
  cellText: 32_767, // Excel's own cell limit
  sheetName: 64,
  comment: 2_000,
} as const;

// ── ids and small things ──────────────────────────────────────────────────
export const Id = z.uuid().meta({ description: 'UUID' });
export const IdParam = z.object({ id: Id });
export const CampaignParam = z.object({ id: Id });
export const CampaignSchoolParam = z.object({ id: Id, schoolId: Id });
/** An id the server sends (see the header comment). */
export const RefId = z.string().min(1).meta({ description: 'UUID', format: 'uuid' });

// ── the workbook grid (core/grid/cell.ts) ──────────────────────────────────
export const CellValueSchema = z.union([
  z.string().max(LIMITS.cellText),
  z.number().refine(Number.isFinite, { message: 'number must be finite' }),
  z.boolean(),
  z.null(),
]);

export const CellSchema = z.object({
  value: CellValueSchema,
  type: z.enum(['string', 'number', 'boolean', 'date', 'error', 'empty']).optional(),
  numberFormat: z.string().max(255).optional(),
});

const CELL_TYPES = new Set(['string', 'number', 'boolean', 'date', 'error', 'empty']);
type Rows = (z.infer<typeof CellSchema> | null)[][];

/**
 * `rows` is checked by a hand-written loop instead of zod's per-cell objects: a 20,000-row workbook holds
 * ~250,000 cells, which zod validates in ~0.4–0.6 s and this loop in a few ms. Same rules as CellSchema;
 * each problem is reported with its exact path (rows.r.c.value). The OpenAPI document gets the JSON
 * Schema of the zod version through `.meta`.
 */
function checkRows(rows: unknown, ctx: z.RefinementCtx): void {
  let problems = 0;
  const fail = (path: (string | number)[], message: string) => {
    problems++;
    ctx.addIssue({ code: 'custom', path, message });
  };
  if (!Array.isArray(rows)) return fail([], 'expected an array of rows');
  if (rows.length > LIMITS.rowsPerSheet) return fail([], `at most ${LIMITS.rowsPerSheet} rows per sheet`);
  for (let r = 0; r < rows.length && problems < 5; r++) {
    const row: unknown = rows[r];
    if (row === null || row === undefined) {
      rows[r] = [];
      continue;
    }
    if (!Array.isArray(row)) {
      fail([r], 'expected an array of cells');
      continue;
    }
    if (row.length > LIMITS.columnsPerRow) {
      fail([r], `at most ${LIMITS.columnsPerRow} cells per row`);
      continue;
    }
    for (let c = 0; c < row.length; c++) {
      const cell: unknown = row[c];
      if (cell === null || cell === undefined) continue;
      if (typeof cell !== 'object' || Array.isArray(cell)) {
        fail([r, c], 'expected a cell object or null');
        continue;
      }
      const { value, type, numberFormat } = cell as { value?: unknown; type?: unknown; numberFormat?: unknown };
      const t = typeof value;
      if (value === undefined) fail([r, c, 'value'], 'value is required (null for an empty cell)');
      else if (t === 'string') {
        if ((value as string).length > LIMITS.cellText) fail([r, c, 'value'], `text longer than ${LIMITS.cellText} characters`);
      } else if (t === 'number') {
        if (!Number.isFinite(value)) fail([r, c, 'value'], 'number must be finite');
      } else if (t !== 'boolean' && value !== null) fail([r, c, 'value'], 'expected string, number, boolean or null');
      if (type !== undefined && !(typeof type === 'string' && CELL_TYPES.has(type))) fail([r, c, 'type'], 'unknown cell type');
      if (numberFormat !== undefined && !(typeof numberFormat === 'string' && numberFormat.length <= 255)) {
        fail([r, c, 'numberFormat'], 'numberFormat must be a string of at most 255 characters');
      }
      if (problems >= 5) return;
    }
  }
}

const rowsJsonSchema = (() => {
  const cell = z.toJSONSchema(CellSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
  delete cell.$schema;
  return {
    type: 'array',
    maxItems: LIMITS.rowsPerSheet,
    items: { type: 'array', maxItems: LIMITS.columnsPerRow, items: { anyOf: [cell, { type: 'null' }] } },
  };
})();

export const RowsSchema = z
  .custom<Rows>()
  .superRefine(checkRows)
  .meta({ ...rowsJsonSchema, description: 'rows[r][c] is the cell at sheet row r+1, column c+1 (A1-based).' });

export const SheetGridSchema = z
  .object({
    name: z.string().min(1).max(LIMITS.sheetName),
    rows: RowsSchema,
  })
  .meta({ id: 'SheetGrid' });

export const WorkbookGridSchema = z
  .object({
    sheets: z
      .array(SheetGridSchema)
      .min(1)
      .max(LIMITS.sheets)
      .refine((sheets) => new Set(sheets.map((s) => s.name)).size === sheets.length, {
        message: 'sheet names must be unique',
      }),
  })
  .meta({ id: 'WorkbookGrid' });

// ── auth ───────────────────────────────────────────────────────────────────
export const SignInBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** The one role list (prisma's enum Role is the database's copy; test/api checks they agree). */
export const ROLES = ['CLERK', 'COLLEGE_CLERK', 'CITY_REVIEWER', 'PROVINCE_ADMIN'] as const;
export const Role = z.enum(ROLES);
export type RoleName = z.infer<typeof Role>;
/** Roles that act for one school (a 中职 school or a college). */
export const SCHOOL_ROLES: readonly RoleName[] = ['CLERK', 'COLLEGE_CLERK'];
/** Every signed-in role. */
export const ALL_ROLES: readonly RoleName[] = ROLES;
export const OrgKind = z.enum(['PROVINCE', 'CITY', 'SCHOOL', 'COLLEGE']);

export const UserView = z
  .object({
    id: RefId,
    username: z.string(),
    displayName: z.string().nullable(),
    role: Role,
    mustChangePassword: z.boolean().meta({ description: 'A one-time password: change it (POST /api/auth/change-password) before anything else' }),
    org: z.object({ id: RefId, kind: OrgKind, name: z.string(), code: z.string() }),
  })
  .meta({ id: 'User' });

export const SignInResponse = z.object({
  token: z.string().meta({ description: 'Send as `Authorization: Bearer <token>`' }),
  expiresAt: z.iso.datetime(),
  idleTimeoutSeconds: z.number().int(),
  user: UserView,
});

// ── submissions ────────────────────────────────────────────────────────────
export const SubmissionStatus = z.enum(['DRAFT', 'SUBMITTED', 'CITY_APPROVED', 'PROVINCE_APPROVED', 'RETURNED']);

export const PutSubmissionBody = z
  .object({
    baseVersion: z.number().int().min(0).meta({ description: '0 for the first upload, else the version you edited' }),
    workbook: WorkbookGridSchema,
  })
  .meta({ id: 'PutSubmission' });

export const IssueSchema = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    sheet: z.string(),
    row: z.number().int(),
    column: z.number().int(),
    address: z.string(),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    fix: CellValueSchema.optional(),
  })
  .meta({ id: 'Issue' });

export const StatsSchema = z
  .object({
    sheets: z.number().int(),
    recognizedSheets: z.number().int(),
    rows: z.number().int(),
    cells: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
    fixable: z.number().int(),
    byCode: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'ValidationStats' });

export const ReportSchema = z
  .object({
    valid: z.boolean(),
    stats: StatsSchema,
    issues: z.array(IssueSchema),
    /** Issues beyond the first 1,000 (errors first) are counted in stats but not listed. */
    issuesOmitted: z.number().int().optional(),
  })
  .meta({ id: 'ValidationReport' });

export const SubmissionRef = z.object({ id: RefId, version: z.number().int(), status: SubmissionStatus });

export const PutSubmissionResponse = z.object({ submission: SubmissionRef, report: ReportSchema });

export const ReviewEventView = z.object({
  action: z.enum(['SUBMIT', 'APPROVE', 'RETURN', 'WITHDRAW']),
  fromStatus: SubmissionStatus,
  toStatus: SubmissionStatus,
  comment: z.string().nullable(),
  at: z.iso.datetime(),
  actor: z.object({ displayName: z.string().nullable(), orgName: z.string() }),
});

export const SubmissionView = z
  .object({
    submission: SubmissionRef.extend({
      campaignId: RefId,
      school: z.object({ id: RefId, name: z.string() }),
      submittedAt: z.iso.datetime().nullable(),
      updatedAt: z.iso.datetime(),
      rowCount: z.number().int(),
    }),
    report: ReportSchema,
    events: z.array(ReviewEventView),
  })
  .meta({ id: 'Submission' });

export const SubmitBody = z.object({ version: z.number().int().min(1).optional() }).optional();

export const ReturnBody = z.object({
  comment: z
    .string()
    .trim()
    .max(LIMITS.comment)
    .optional()
    .meta({ description: '退回意见 (required)' }),
  version: z.number().int().min(1).optional(),
});
export const ApproveBody = z
  .object({
    comment: z.string().trim().max(LIMITS.comment).optional(),
    version: z.number().int().min(1).optional().meta({ description: 'act only if the submission is still at this version' }),
  })
  .optional();

export const ReviewQueueQuery = z.object({
  status: SubmissionStatus.optional(),
});

export const ReviewQueueItem = z.object({
  submissionId: RefId,
  school: z.object({ id: RefId, name: z.string(), cityName: z.string().nullable() }),
  status: SubmissionStatus,
  version: z.number().int(),
  rowCount: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  submittedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
});

// ── campaigns ──────────────────────────────────────────────────────────────
export const CampaignView = z
  .object({
    id: RefId,
    packId: z.string(),
    year: z.number().int(),
    name: z.string(),
    status: z.enum(['DRAFT', 'OPEN', 'CLOSED', 'ARCHIVED']),
    receiptDue: z.iso.datetime().nullable(),
    submissionDue: z.iso.datetime().nullable(),
    locks: z.array(z.object({ lockAt: z.iso.datetime(), label: z.string(), scope: z.string(), passed: z.boolean() })),
    series: z.array(z.object({ id: RefId, prefix: z.string(), serialWidth: z.number().int(), scope: z.string(), nextSerial: z.number().int().optional().meta({ description: 'The next serial an allocation would give (for a confirmation before allocating)' }) })),
  })
  .meta({ id: 'Campaign' });

// ── certificates ───────────────────────────────────────────────────────────
export const ApplyNumbersBody = z.object({
  items: z
    .array(z.object({ major: z.string().trim().min(1).max(100), count: z.number().int().min(1).max(100_000) }))
    .min(1)
    .max(200),
});

export const AllocateBody = z.object({
  approve: z.boolean().default(true),
  comment: z.string().trim().max(LIMITS.comment).optional(),
  seriesId: Id.optional(),
});

export const VoidBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const ProofBody = z.object({
  reason: z.string().trim().min(1).max(500),
  proofNumber: z.string().trim().min(1).max(100).optional(),
});
export const CertificateNumberParam = z.object({ number: z.string().min(1).max(100) });

export const SpotCheckBody = z.object({
  schoolId: Id.optional().meta({ description: 'one school; omitted = every school with a submission' }),
  seed: z.string().trim().min(1).max(200).optional(),
});

export const NumberApplicationStatus = z.enum(['PENDING', 'APPROVED', 'REJECTED']);

export const ApplicationView = z
  .object({
    id: RefId,
    schoolId: RefId,
    schoolName: z.string().optional(),
    major: z.string(),
    count: z.number().int(),
    status: NumberApplicationStatus,
    appliedAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    decisionComment: z.string().nullable(),
  })
  .meta({ id: 'NumberApplication' });
export const ApplicationList = z.object({ items: z.array(ApplicationView) });

/** What assigning numbers to a school's graduates did (per major). */
export const AssignmentView = z.object({
  byMajor: z.array(z.object({ major: z.string(), assigned: z.number().int(), first: z.string().nullable(), last: z.string().nullable() })),
  assigned: z.number().int(),
  alreadyNumbered: z.number().int(),
});

/** The allocated range, and the assignment run right after it (null while the school's data is not final). */
export const AllocateResponse = z.object({
  range: z.object({
    id: RefId,
    seriesId: RefId,
    schoolId: RefId,
    major: z.string(),
    startSerial: z.number().int(),
    endSerial: z.number().int(),
    count: z.number().int(),
    first: z.string(),
    last: z.string(),
    applicationId: RefId.nullable(),
  }),
  assignment: AssignmentView.nullable(),
});

export const CertificateNumbersView = z
  .object({
    ranges: z.array(
      z.object({
        id: RefId,
        major: z.string().nullable(),
        startSerial: z.number().int(),
        endSerial: z.number().int(),
        count: z.number().int(),
        first: z.string(),
        last: z.string(),
        used: z.number().int(),
        voided: z.number().int(),
        allocatedAt: z.iso.datetime().nullable().optional(),
      }),
    ),
    certificates: z.array(
      z.object({
        id: RefId,
        number: z.string(),
        serial: z.number().int(),
        status: z.enum(['ISSUED', 'VOIDED']),
        sheet: z.string().nullable(),
        rowNumber: z.number().int().nullable(),
        holderName: z.string(),
        major: z.string(),
      }),
    ),
  })
  .meta({ id: 'CertificateNumbers' });

export const SpotCheckDrawResponse = z.object({
  items: z.array(
    z.object({ schoolId: RefId, sampleId: RefId, drawn: z.boolean().optional(), seed: z.string().optional(), size: z.number().int(), population: z.number().int() }),
  ),
});

export const SpotCheckListResponse = z.object({
  items: z.array(
    z.object({
      id: RefId,
      school: z.object({ id: RefId, name: z.string() }),
      seed: z.string(),
      population: z.number().int(),
      drawnAt: z.iso.datetime(),
      students: z.array(
        z.object({ id: RefId, name: z.string(), major: z.string(), sheet: z.string().nullable(), rowNumber: z.number().int().nullable() }),
      ),
    }),
  ),
});

/** The rows of a submission as stored (one per data row: the core's extracted fields by column key). */
export const SubmissionRowsResponse = z.object({
  items: z.array(z.object({ sheet: z.string(), kind: z.string(), row: z.number().int(), fields: z.record(z.string(), z.unknown()) })),
});

// ── Hubei graduation and public look-up ────────────────────────────────────
export const GraduationBody = z.object({ schoolId: Id.optional() }).optional();

// The holder's name is required with the number (as 学信网 does): numbers are sequential (issue #8).
export const LookUpQuery = z
  .object({
    name: z.string().trim().min(1).max(50),
    studentNumber: z.string().trim().min(1).max(40).optional(),
    certificateNumber: z.string().trim().min(1).max(100).optional(),
  })
  .refine((q) => Boolean(q.studentNumber) !== Boolean(q.certificateNumber), {
    message: 'give name + certificateNumber, or name + studentNumber',
  });

export const LookUpResponse = z
  .object({
    found: z.boolean(),
    certificate: z
      .object({
        number: z.string().nullable(),
        name: z.string(),
        schoolName: z.string(),
        year: z.number().int(),
        conclusion: z.enum(['毕业', '结业']).nullable(),
        status: z.enum(['ISSUED', 'VOIDED']).nullable(),
      })
      .optional(),
  })
  .meta({ id: 'CertificateLookUp' });

// ── the bureau console (web/console/) ─────────────────────────────────────
export const PackChoices = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) });

export const AccountView = z.object({
  id: RefId,
  username: z.string(),
  displayName: z.string().nullable(),
  phone: z.string().nullable(),
  role: Role,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
});

export const OrganisationList = z.object({
  items: z.array(
    z.object({
      id: RefId,
      kind: OrgKind,
      name: z.string(),
      code: z.string().meta({ description: 'Empty for a generated code (a city without a 行政区划代码)' }),
      parentId: RefId.nullable(),
      parentName: z.string().nullable(),
      accounts: z.array(AccountView),
    }),
  ),
});

/** A new account or a reset password: the one-time password is shown once. */
export const NewAccount = z.object({ username: z.string(), password: z.string(), role: z.string(), organisation: z.string() });

const ImportCounts = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
export const OrganisationImportResponse = z.object({ organisations: ImportCounts, accounts: ImportCounts, newAccounts: z.array(NewAccount) });

export const CreateCampaignResponse = z.object({
  created: z.boolean(),
  campaign: z.object({ id: RefId, name: z.string(), packId: z.string(), year: z.number().int() }),
  series: z.object({ prefix: z.string(), serialWidth: z.number().int() }).nullable(),
});

/** A school's place in the year's work: no upload yet, or its submission's status. */
export const ProgressStatus = z.enum(['NONE', 'DRAFT', 'SUBMITTED', 'RETURNED', 'CITY_APPROVED', 'PROVINCE_APPROVED']);
const statusCounts = Object.fromEntries(ProgressStatus.options.map((s) => [s, z.number().int()])) as Record<z.infer<typeof ProgressStatus>, z.ZodNumber>;

export const CampaignProgress = z.object({
  campaign: z.object({
    id: RefId,
    name: z.string(),
    packId: z.string(),
    year: z.number().int(),
    receiptDue: z.iso.datetime().nullable(),
    submissionDue: z.iso.datetime().nullable(),
    locks: z.array(z.object({ label: z.string(), at: z.iso.datetime() })),
  }),
  scope: z.enum(['city', 'province']),
  hasReceipt: z.boolean(),
  schools: z.array(
    z.object({
      id: RefId,
      name: z.string(),
      code: z.string(),
      kind: z.enum(['SCHOOL', 'COLLEGE']),
      cityId: RefId.nullable(),
      cityName: z.string().meta({ description: 'The city bureau, or 区直 for schools directly under the province' }),
      submissionId: RefId.nullable(),
      status: ProgressStatus,
      receipt: z.boolean().nullable(),
      errors: z.number().int().nullable(),
      warnings: z.number().int().nullable(),
      rows: z.number().int().nullable(),
      uploadedAt: z.iso.datetime().nullable(),
      submittedAt: z.iso.datetime().nullable(),
      applied: z.number().int(),
      allocated: z.number().int(),
      submissionDue: z.iso.datetime().nullable(),
      reopenedUntil: z.iso.datetime().nullable(),
      nextDeadline: z.object({ label: z.string(), at: z.iso.datetime(), days: z.number().int() }).nullable(),
      overdue: z.array(z.string()),
    }),
  ),
  byStatus: z.object(statusCounts),
  byCity: z.array(z.object({ cityId: RefId.nullable(), cityName: z.string(), schools: z.number().int(), overdue: z.number().int(), ...statusCounts })),
  overTime: z.array(z.object({ day: z.string(), submitted: z.number().int(), approved: z.number().int() })),
  now: z.iso.datetime(),
});
export type CampaignProgressView = z.infer<typeof CampaignProgress>;
export type SchoolProgressView = CampaignProgressView['schools'][number];

export const CampaignNumbers = z.object({
  series: z.array(z.object({ id: RefId, prefix: z.string(), serialWidth: z.number().int(), nextSerial: z.number().int(), maxSerial: z.number().int() })),
  applications: z.array(
    z.object({
      id: RefId,
      schoolId: RefId,
      schoolName: z.string(),
      schoolCode: z.string(),
      major: z.string(),
      count: z.number().int(),
      status: z.enum(['PENDING', 'APPROVED', 'REJECTED']),
      appliedAt: z.iso.datetime(),
      decidedAt: z.iso.datetime().nullable(),
      comment: z.string().nullable(),
      rangeText: z.string().nullable(),
    }),
  ),
  ranges: z.array(z.object({ schoolId: RefId, schoolName: z.string(), schoolCode: z.string(), major: z.string(), count: z.number().int(), assigned: z.number().int(), rangeText: z.string() })),
  voided: z.array(z.object({ number: z.string(), schoolName: z.string(), reason: z.string().nullable(), voidedAt: z.iso.datetime().nullable() })),
  proofs: z.array(z.object({ proofNumber: z.string().nullable(), certificateNumber: z.string(), schoolName: z.string(), reason: z.string(), issuedAt: z.iso.datetime() })),
});

// ── enrollment conflicts ───────────────────────────────────────────────────
export const EnrollmentConflictStatus = z.enum(['OPEN', 'TRANSFER_ACCEPTED', 'REFUSED']);
const EnrollmentSide = z.object({
  schoolId: z.uuid(),
  schoolName: z.string(),
  students: z.array(z.object({ name: z.string(), sheet: z.string(), row: z.number().int() })),
  certificateNumbers: z.array(z.string()),
});
export const EnrollmentConflictList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      idNumber: z.string(),
      status: EnrollmentConflictStatus,
      holdingReason: z.enum(['APPROVED', 'NUMBERED']),
      detectedAt: z.iso.datetime(),
      resolvedAt: z.iso.datetime().nullable(),
      resolvedBy: z.string().nullable(),
      resolutionComment: z.string().nullable(),
      claiming: EnrollmentSide,
      holding: EnrollmentSide,
    }),
  ),
});
export const EnrollmentConflictDecision = z.object({
  decision: z.enum(['accept-transfer', 'refuse']),
  comment: z.string().trim().min(1).max(LIMITS.comment).meta({ description: '处理意见（必填）' }),
});
export const ResolvedEnrollmentConflict = z.object({ id: z.uuid(), status: EnrollmentConflictStatus, resolvedAt: z.iso.datetime() });

// ── audit ──────────────────────────────────────────────────────────────────
export const AuditQuery = z.object({
  entity: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  before: z.coerce.number().int().positive().optional().meta({ description: 'cursor: ids below this' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string().meta({ description: 'zh-CN' }),
      messageEn: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  })
  .meta({ id: 'Error' });
