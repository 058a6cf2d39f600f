import type { Locale } from '../../core/issues/issue';
import { renderTitle } from '../../core/messages/render';

/**
 * Short names of issue kinds for the group headers ("what kind of problem"), from each code's one
 * definition (core/issues/catalogue.ts). An unknown code falls back to the code itself, so a rule of a
 * newer server still shows up.
 */
export function issueTitle(code: string, locale: Locale): string {
  return renderTitle(code, locale);
}
