import { idMessages } from '../id';
import type { IssueParams, Locale } from '../issues/issue';
import { ruleMessages } from '../rules/messages';
import type { BilingualCatalogue, MessageCatalogue } from './catalogue';

/** Every catalogue of the core, merged: identity numbers (core/id) and the rules. */
export const messages: BilingualCatalogue = {
  'zh-CN': { ...idMessages['zh-CN'], ...ruleMessages['zh-CN'] },
  en: { ...idMessages.en, ...ruleMessages.en },
};

/**
 * Renders an issue's message late, from its code and params. Never throws: an unknown code (a newer
 * server, a custom rule) renders as a generic line naming the code.
 */
export function renderMessage(code: string, params: IssueParams = {}, locale: Locale = 'zh-CN'): string {
  const catalogue: MessageCatalogue = messages[locale] ?? messages['zh-CN'];
  const render = catalogue[code] ?? messages['zh-CN'][code];
  if (render) {
    try {
      return render(params);
    } catch {
      // fall through to the generic line
    }
  }
  return locale === 'en' ? `Problem: ${code}` : `存在问题：${code}`;
}

export function hasMessage(code: string, locale: Locale): boolean {
  return Object.prototype.hasOwnProperty.call(messages[locale], code);
}
