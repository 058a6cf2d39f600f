/**
 * The HTTP edge of issue messages: the use cases and the database hold code and params only; a response
 * that carries a validation report gets each issue's `message` here (the contract's `Issue.message`, zh-CN,
 * which the console and the pane's remote views show).
 */
import type { Issue, IssueWithMessage, Locale } from '../../core/issues/issue';
import { withMessage } from '../../core/messages/render';

type WithReport = { report: { issues: readonly Issue[] } };
type Rendered<T extends WithReport> = Omit<T, 'report'> & { report: Omit<T['report'], 'issues'> & { issues: IssueWithMessage[] } };

/** The body with its report's issues rendered in `locale`. */
export function withIssueMessages<T extends WithReport>(body: T, locale: Locale = 'zh-CN'): Rendered<T> {
  const report = { ...body.report, issues: body.report.issues.map((i) => withMessage(i, locale)) };
  return { ...body, report } as Rendered<T>;
}

/** As withIssueMessages, for a body that may be something else (a stored idempotent answer, an error). */
export function withIssueMessagesIfReport(body: unknown, locale: Locale = 'zh-CN'): unknown {
  const report = typeof body === 'object' && body !== null ? (body as { report?: { issues?: unknown } }).report : undefined;
  return report && Array.isArray(report.issues) ? withIssueMessages(body as WithReport, locale) : body;
}
