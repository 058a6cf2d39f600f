import type { IssueDefinitions } from '../issues/define';
import { definitionOf } from '../issues/catalogue';
import type { Issue, IssueParams, Locale } from '../issues/issue';

/**
 * Renders an issue's message late, from its code and params (core/issues/catalogue.ts; `extra`: a pack's
 * own definitions). Never throws: an unknown code (a newer server, a custom rule) renders as a generic line
 * naming the code.
 */
export function renderMessage(code: string, params: IssueParams = {}, locale: Locale = 'zh-CN', extra?: IssueDefinitions): string {
  const def = definitionOf(code, extra);
  const render = def?.message[locale] ?? def?.message['zh-CN'];
  if (render) {
    try {
      return render(params);
    } catch {
      // fall through to the generic line
    }
  }
  return locale === 'en' ? `Problem: ${code}` : `存在问题：${code}`;
}

/** The group title of a code ("what kind of problem"); the code itself when nobody defined it. */
export function renderTitle(code: string, locale: Locale = 'zh-CN', extra?: IssueDefinitions): string {
  return definitionOf(code, extra)?.title[locale] ?? code;
}

export function hasMessage(code: string, locale: Locale, extra?: IssueDefinitions): boolean {
  return definitionOf(code, extra)?.message[locale] !== undefined;
}

/**
 * The message of one issue for its reader. Issues carry code and params only; every edge (the pane's list
 * and cell notes, the CLI, files, HTTP responses) renders with this, in its reader's locale, when it shows
 * the issue. `packIssues`: the definitions of a pack outside the pack list (the listed packs' are known).
 */
export function issueMessage(issue: Pick<Issue, 'code' | 'params'>, locale: Locale = 'zh-CN', packIssues?: IssueDefinitions): string {
  return renderMessage(issue.code, issue.params, locale, packIssues);
}

/** The issue as files and the HTTP contract carry it: with its message rendered. */
export function withMessage<I extends Pick<Issue, 'code' | 'params'>>(issue: I, locale: Locale = 'zh-CN', packIssues?: IssueDefinitions): I & { message: string } {
  return { ...issue, message: issueMessage(issue, locale, packIssues) };
}
