import type { IssueDefinitions } from '../issues/define';
import { definitionOf } from '../issues/catalogue';
import type { IssueParams, Locale } from '../issues/issue';

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
