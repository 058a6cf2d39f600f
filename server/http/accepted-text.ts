/**
 * The one decision about what text the API accepts, applied at the boundary to every route: any string
 * (and object key) in a JSON body, the query string or a path parameter must be well-formed Unicode
 * without U+0000.
 *
 * Why these two: PostgreSQL's text type cannot store U+0000 (the driver's error surfaced as a 500 or a
 * misleading 409), and a lone UTF-16 surrogate cannot be encoded as UTF-8 (it would be stored as U+FFFD,
 * i.e. silently changed). Everything else a spreadsheet cell can hold (line breaks, tabs, other control
 * characters, any plane of Unicode) is accepted and kept as sent; the validation core judges content.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors';

type Reason = 'nul' | 'lone-surrogate';

// String.prototype.isWellFormed (ES2024, Node ≥ 20) is not in the ES2023 lib this project compiles with.
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

function badText(s: string): Reason | undefined {
  if (s.includes('\u0000')) return 'nul';
  if (!wellFormed(s)) return 'lone-surrogate';
  return undefined;
}

/** The JSON path (`body.workbook.sheets.0.name`) and reason of the first unacceptable string, if any. */
export function findUnacceptedText(value: unknown, root: string): { field: string; reason: Reason } | undefined {
  // Iterative walk: a hostile body may nest deeply; the stack holds [value, path] pairs.
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, at] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      const reason = badText(v);
      if (reason) return { field: at, reason };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}.${i}`]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i] as [string, unknown];
        const reason = badText(k);
        // The key itself is not echoed (it is the bad text); its parent path is named.
        if (reason) return { field: at, reason };
        stack.push([x, `${at}.${k}`]);
      }
    }
  }
  return undefined;
}

export function assertAcceptedText(value: unknown, root: 'body' | 'query' | 'params'): void {
  const bad = findUnacceptedText(value, root);
  if (bad) throw new AppError('unaccepted-text', { field: bad.field, reason: bad.reason });
}

/**
 * A JSON body can only carry U+0000 or a lone surrogate as a `\u` escape (raw control characters are
 * invalid JSON, and UTF-8 cannot encode a surrogate), so bodies without such an escape skip the walk.
 */
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

export function rawBodyMayHoldUnacceptedText(raw: Buffer): boolean {
  return raw.includes('\\u') && SUSPECT_ESCAPE.test(raw.toString('latin1'));
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the JSON parser when the raw body holds an escape that may decode to unaccepted text. */
    bodyTextSuspect?: boolean;
  }
}

/** Express middleware for body and query (path parameters are checked per route, once matched). */
export function rejectUnacceptedText(req: Request, _res: Response, next: NextFunction): void {
  try {
    if (req.bodyTextSuspect) assertAcceptedText(req.body, 'body');
    assertAcceptedText(req.query, 'query');
    next();
  } catch (e) {
    next(e);
  }
}
