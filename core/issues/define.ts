/**
 * One definition per issue code: default severity, where it is placed, a one-line summary, the group title
 * and the message in both languages, and (through the type argument) its params. Rules emit findings with
 * `finding(code, params)`, typed from these definitions, so a misspelt code or param name is a type error;
 * messages are rendered from the definition at the edge (pane, CLI, HTTP response).
 */
import type { Locale, Severity } from './issue';

/** One param value (stored and sent as JSON). */
export type ParamValue = string | number;

/** A message template reads params by name; a missing one renders as blank. */
export type ParamsShape = { readonly [key: string]: ParamValue | undefined };

export type IssueWhere = 'structure' | 'cell' | 'row' | 'sheet' | 'workbook' | 'server';

export interface IssueDefinition<P extends ParamsShape = ParamsShape> {
  severity: Severity;
  /** structure (header/meta) · cell · row (cells of a row disagree) · sheet · workbook · server (across schools). */
  where: IssueWhere;
  /** One line for developers. */
  summary: string;
  /** Group header in the pane ("what kind of problem"). */
  title: Readonly<Record<Locale, string>>;
  message: Readonly<Record<Locale, (p: P) => string>>;
}

/** Definitions by code. */
export type IssueDefinitions = Readonly<Record<string, IssueDefinition<never>>>;

/** Declares one code's definition with its params type: `issue<{ expected?: ParamValue }>({ … })`. */
export function issue<P extends ParamsShape = Record<never, never>>(definition: IssueDefinition<P>): IssueDefinition<P> {
  return definition;
}

/** The params type of a definition. */
export type ParamsOf<D> = D extends IssueDefinition<infer P> ? P : never;
