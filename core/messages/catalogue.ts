import type { IssueParams } from '../issues/issue';

/** One message template per issue code; each module of the core keeps its own catalogue beside its rules. */
export type MessageCatalogue = Record<string, (p: IssueParams) => string>;

export interface BilingualCatalogue {
  'zh-CN': MessageCatalogue;
  en: MessageCatalogue;
}
