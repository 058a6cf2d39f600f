/**
 * All issue definitions known statically: identity numbers, the generic rules, the built-in packs' own
 * rules. `IssueCode` is their union: `finding('serial-sequenc', …)` does not compile. A pack outside this
 * list (a test pack, a pack loaded later) brings `TemplatePackSpec.issues`, which rendering also reads.
 */
import { packIssues } from '../packs/issues';
import { ruleIssues } from '../rules/issues';
import type { IssueDefinition, IssueDefinitions, ParamsOf, ParamsShape } from './define';
import { idIssues } from './id-issues';
import type { Severity } from './issue';

export const issueDefinitions = { ...idIssues, ...ruleIssues, ...packIssues };

export type IssueCode = keyof typeof issueDefinitions;
export type IssueParamsOf<C extends IssueCode> = ParamsOf<(typeof issueDefinitions)[C]>;

const table = issueDefinitions as unknown as Readonly<Record<string, IssueDefinition<ParamsShape>>>;

/** The definition of a code: the static table first, then the given pack's own definitions. */
export function definitionOf(code: string, extra?: IssueDefinitions): IssueDefinition<ParamsShape> | undefined {
  if (Object.prototype.hasOwnProperty.call(table, code)) return table[code];
  const own = extra && Object.prototype.hasOwnProperty.call(extra, code) ? extra[code] : undefined;
  return own as IssueDefinition<ParamsShape> | undefined;
}

export function isIssueCode(code: string): code is IssueCode {
  return Object.prototype.hasOwnProperty.call(table, code);
}

/** Default severity of a code (error for a code nobody defined: fail safe). */
export function severityOf(code: string, extra?: IssueDefinitions): Severity {
  return definitionOf(code, extra)?.severity ?? 'error';
}
