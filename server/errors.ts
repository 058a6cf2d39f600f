/**
 * One error type for the whole server and ONE table from its code to the HTTP status (Documenso style).
 * Use cases throw `AppError(code, params)`; the HTTP layer renders `{ error: { code, message, messageEn,
 * params } }` from the same table, so a client can rebuild the error from `code` + `params` alone.
 *
 * Messages are rendered late from the code and params (zh-CN for clerks, English beside it).
 */
export type ErrorParams = Record<string, string | number>;

interface ErrorSpec {
  status: number;
  zh: (p: ErrorParams) => string;
  en: (p: ErrorParams) => string;
}

const s = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

/** The table. Adding an error is adding a row here. */
export const ERRORS = {
  // ── input ───────────────────────────────────────────────────────────────
  'invalid-input': {
    status: 400,
    zh: (p) => `请求内容不符合要求：${s(p.detail)}`,
    en: (p) => `The request is not valid: ${s(p.detail)}`,
  },
  'invalid-json': {
    status: 400,
    zh: () => '请求内容不是有效的 JSON。',
    en: () => 'The request body is not valid JSON.',
  },
  'unaccepted-text': {
    status: 400,
    zh: (p) =>
      `${s(p.field)} 含有系统不接受的字符（${p.reason === 'nul' ? '空字符 U+0000' : '不成对的 UTF-16 代理项，常见于复制粘贴损坏的文字'}），本次未做任何更改。请删除该字符后重试。`,
    en: (p) =>
      `${s(p.field)} holds a character the system does not accept (${p.reason === 'nul' ? 'U+0000' : 'a lone UTF-16 surrogate'}); nothing was changed.`,
  },
  'unsupported-media-type': {
    status: 415,
    zh: () => '请求内容类型必须是 application/json。',
    en: () => 'The request body must be application/json.',
  },
  'payload-too-large': {
    status: 413,
    zh: (p) => `请求内容过大（上限 ${s(p.limit)}）。请拆分工作簿后再提交。`,
    en: (p) => `The request body is too large (limit ${s(p.limit)}).`,
  },
  'idempotency-key-required': {
    status: 400,
    zh: () => '缺少 Idempotency-Key 请求头（每次提交生成一个新的随机值，重试时沿用）。',
    en: () => 'The Idempotency-Key header is required (a new random value per submission, reused on retry).',
  },
  'idempotency-key-reused': {
    status: 422,
    zh: () => '同一个 Idempotency-Key 已用于内容不同的请求。请为新的提交生成新的 Key。',
    en: () => 'This Idempotency-Key was already used for a different request body.',
  },
  'idempotency-in-progress': {
    status: 409,
    zh: () => '同一个请求正在处理中，请稍后重试。',
    en: () => 'A request with this Idempotency-Key is still being processed; retry shortly.',
  },
  'comment-required': {
    status: 400,
    zh: () => '退回时必须填写退回意见。',
    en: () => 'A comment is required when returning a submission.',
  },
  'workbook-empty': {
    status: 422,
    zh: () => '工作簿中没有任何数据。',
    en: () => 'The workbook holds no data.',
  },
  'pack-unknown': {
    status: 422,
    zh: (p) => `未知的模板包：${s(p.packId)}。`,
    en: (p) => `Unknown template pack: ${s(p.packId)}.`,
  },
  // ── who you are ─────────────────────────────────────────────────────────
  unauthenticated: {
    status: 401,
    zh: () => '请先登录。',
    en: () => 'Please sign in.',
  },
  'session-expired': {
    status: 401,
    zh: () => '登录已过期，请重新登录。',
    en: () => 'Your session has expired; please sign in again.',
  },
  'invalid-credentials': {
    status: 401,
    zh: () => '用户名或密码不正确。',
    en: () => 'Wrong username or password.',
  },
  forbidden: {
    status: 403,
    zh: () => '您的账号无权执行此操作。',
    en: () => 'Your account may not do this.',
  },
  'not-found': {
    status: 404,
    zh: (p) => `未找到${s(p.what) || '请求的内容'}。`,
    en: (p) => `${s(p.what) || 'The resource'} was not found.`,
  },
  'rate-limited': {
    status: 429,
    zh: () => '请求过于频繁，请稍后再试。',
    en: () => 'Too many requests; please try again later.',
  },
  // ── state ───────────────────────────────────────────────────────────────
  'version-conflict': {
    status: 409,
    zh: (p) =>
      `提交基于第 ${s(p.baseVersion)} 版，但服务器上已是第 ${s(p.currentVersion)} 版（可能在其他电脑上提交过）。请先获取最新版本再提交。`,
    en: (p) =>
      `The submission is based on version ${s(p.baseVersion)} but the server holds version ${s(p.currentVersion)}. Fetch the latest version first.`,
  },
  'campaign-locked': {
    status: 423,
    zh: (p) => `本次工作的数据已于 ${s(p.lockedAt)} 锁定，不能再修改。如确需更改，请联系上级教育行政部门。`,
    en: (p) => `The campaign's data was locked on ${s(p.lockedAt)}; changes are refused.`,
  },
  'submission-has-errors': {
    status: 422,
    zh: (p) => `提交内容还有 ${s(p.errors)} 处错误，请改正后再上报。`,
    en: (p) => `The submission still has ${s(p.errors)} error(s); fix them before submitting.`,
  },
  'invalid-transition': {
    status: 409,
    zh: (p) => `当前状态（${s(p.status)}）下不能执行“${s(p.action)}”。`,
    en: (p) => `“${s(p.action)}” is not possible while the submission is ${s(p.status)}.`,
  },
  'rollback-expired': {
    status: 409,
    zh: (p) => `毕业操作已于 ${s(p.operatedAt)} 完成，超过六个月（截至 ${s(p.deadline)}）后不能回退。`,
    en: (p) => `The graduation operation of ${s(p.operatedAt)} can only be rolled back until ${s(p.deadline)}.`,
  },
  'graduation-not-operated': {
    status: 409,
    zh: () => '尚未进行毕业操作，无需回退。',
    en: () => 'No graduation operation to roll back.',
  },
  'graduation-already-operated': {
    status: 409,
    zh: (p) => `已于 ${s(p.operatedAt)} 进行过毕业操作；如需重做，请先回退。`,
    en: (p) => `The graduation operation was already done on ${s(p.operatedAt)}; roll it back first.`,
  },
  'graduation-not-applicable': {
    status: 409,
    zh: (p) => `模板包 ${s(p.packId)} 没有毕业操作（毕业/结业结论），无需进行。`,
    en: (p) => `The template pack ${s(p.packId)} has no graduation operation.`,
  },
  'certificate-conflict': {
    status: 409,
    zh: (p) => `证书编号操作冲突：${s(p.detail)}`,
    en: (p) => `Certificate number conflict: ${s(p.detail)}`,
  },
  conflict: {
    status: 409,
    zh: () => '与已有数据冲突（例如编号或名称重复），本次未做任何更改。',
    en: () => 'The request conflicts with existing data (e.g. a duplicate number); nothing was changed.',
  },
  'busy-retry': {
    status: 503,
    zh: () => '服务器繁忙，请稍后重试（本次请求未做任何更改）。',
    en: () => 'The server is busy; retry shortly (nothing was changed).',
  },
  internal: {
    status: 500,
    zh: (p) => `服务器内部错误（请求编号 ${s(p.requestId)}），请联系管理员。`,
    en: (p) => `Internal server error (request ${s(p.requestId)}).`,
  },
} satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** Codes added at run time by other modules (e.g. the certificate use cases), same shape as the table. */
const extra = new Map<string, ErrorSpec>();

/** Lets another module register its own codes in the one table (registering a code twice throws). */
export function registerErrorCodes(specs: Record<string, ErrorSpec>): void {
  for (const [code, spec] of Object.entries(specs)) {
    if (code in ERRORS || extra.has(code)) throw new Error(`error code registered twice: ${code}`);
    extra.set(code, spec);
  }
}

function specOf(code: string): ErrorSpec | undefined {
  return (ERRORS as Record<string, ErrorSpec>)[code] ?? extra.get(code);
}

export function statusOf(code: string): number {
  return specOf(code)?.status ?? 500;
}

export class AppError extends Error {
  readonly code: string;
  readonly params: ErrorParams;
  readonly status: number;

  constructor(code: ErrorCode | (string & {}), params: ErrorParams = {}, options?: { cause?: unknown }) {
    const spec = specOf(code);
    super(spec ? spec.en(params) : code, options);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.status = spec?.status ?? 500;
  }

  get messageZh(): string {
    return specOf(this.code)?.zh(this.params) ?? this.message;
  }

  get messageEn(): string {
    return specOf(this.code)?.en(this.params) ?? this.message;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.messageZh, messageEn: this.messageEn, params: this.params } };
  }
}

export interface ErrorBody {
  error: { code: string; message: string; messageEn: string; params: ErrorParams };
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Every code the server may answer with, for the OpenAPI document and the tests. */
export function allErrorCodes(): { code: string; status: number }[] {
  const table = ERRORS as Record<string, ErrorSpec>;
  return [...Object.entries(table), ...extra.entries()].map(([code, spec]) => ({ code, status: spec.status }));
}
