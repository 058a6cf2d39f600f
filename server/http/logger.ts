/**
 * A tiny structured logger (JSON lines). Application logs never carry personal data: routes log method,
 * path (never the query string), status, duration, request id and user id — not bodies. As a second
 * line of defence every string is passed through {@link redact}, which masks anything shaped like an
 * identity number, student number or mobile number.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * 15/18-digit IDs (X check char), G/L/J student numbers, phone numbers and other long digit runs, standing
 * alone (not inside a longer token of letters and digits: UUIDs and request ids stay whole so support can
 * trace a request), and full-width digit runs.
 */
const SENSITIVE = /(?<![0-9A-Za-z])[GLJgl]?\d{6,}[\dXx]?(?![0-9A-Za-z])|[０-９]{6,}/g;
/** Fields that hold identifiers of the system, never personal data: logged as they are. */
const TRACE_KEYS = new Set(['requestId', 'userId', 'sessionId']);
/** Runs of Chinese characters: names (and anything else a driver error may quote) never reach the log. */
const CJK = /[\u3400-\u9fff\uf900-\ufaff·•]+/g;

export function redact(text: string): string {
  return text.replace(SENSITIVE, (m) => `${m.slice(0, 2)}***`).replace(CJK, '＊');
}

function redactValue(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return redact(v);
  if (depth > 4 || v === null || typeof v !== 'object') return v;
  if (v instanceof Error) return { name: v.name, message: redact(v.message), stack: v.stack ? redact(v.stack) : undefined };
  if (Array.isArray(v)) return v.slice(0, 20).map((x) => redactValue(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = TRACE_KEYS.has(k) && typeof x === 'string' ? x : redactValue(x, depth + 1);
  return out;
}

export function createJsonLogger(write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const log = (level: LogLevel, message: string, fields?: LogFields) => {
    const entry = { t: new Date().toISOString(), level, msg: redact(message), ...(redactValue(fields ?? {}) as LogFields) };
    write(JSON.stringify(entry));
  };
  return {
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

/** Collects lines in memory (tests read them back). */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createJsonLogger((l) => lines.push(l)), { lines });
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
