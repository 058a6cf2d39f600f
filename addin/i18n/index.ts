import type { Locale } from '../../core/issues/issue';
import { en } from './en';
import { zhCN, type UiStrings } from './zh-CN';

export type { UiStrings };

export function uiStrings(locale: Locale): UiStrings {
  return locale === 'en' ? en : zhCN;
}

/** Office reports `zh-CN`, `en-US` …: English for any `en*`, Simplified Chinese otherwise (the clerks' language). */
export function localeFromLanguage(language: string | null | undefined): Locale {
  return language?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}
