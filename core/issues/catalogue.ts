/**
 * All issue definitions known statically: identity numbers, the generic rules, the built-in packs' own
 * rules (each with its line in the pack list, core/packs/index.ts). `IssueCode` is their union:
 * `finding('serial-sequenc', …)` does not compile. A pack outside the list (a test pack, a pack loaded
 * later) brings `TemplatePackSpec.issues`, which rendering also reads.
 *
 * The pack list imports the packs, whose rules import `finding` and so this module: the table is built on
 * first use (after every module has loaded), never while the modules are still loading.
 */
import { packFamilies } from '../packs';
import { ruleIssues } from '../rules/issues';
import type { IssueDefinition, IssueDefinitions, ParamsOf, ParamsShape } from './define';
import { idIssues } from './id-issues';
import type { Severity } from './issue';

/** `A | B` → `A & B`: the packs' definition tables merged. */
type Merged<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type StaticDefinitions = typeof idIssues & typeof ruleIssues & Merged<(typeof packFamilies)[number]['issues']>;

export type IssueCode = keyof StaticDefinitions & string;
export type IssueParamsOf<C extends IssueCode> = ParamsOf<StaticDefinitions[C]>;

let table: Readonly<Record<string, IssueDefinition<ParamsShape>>> | undefined;

/** Every statically known definition, by code. */
export function issueDefinitions(): Readonly<Record<string, IssueDefinition<ParamsShape>>> {
  table ??= Object.assign({}, idIssues, ruleIssues, ...packFamilies.map((f) => f.issues)) as Record<string, IssueDefinition<ParamsShape>>;
  return table;
}

/** The definition of a code: the static table first, then the given pack's own definitions. */
export function definitionOf(code: string, extra?: IssueDefinitions): IssueDefinition<ParamsShape> | undefined {
  const table = issueDefinitions();
  if (Object.prototype.hasOwnProperty.call(table, code)) return table[code];
  const own = extra && Object.prototype.hasOwnProperty.call(extra, code) ? extra[code] : undefined;
  return own as IssueDefinition<ParamsShape> | undefined;
}

export function isIssueCode(code: string): code is IssueCode {
  return Object.prototype.hasOwnProperty.call(issueDefinitions(), code);
}

/** Default severity of a code (error for a code nobody defined: fail safe). */
export function severityOf(code: string, extra?: IssueDefinitions): Severity {
  return definitionOf(code, extra)?.severity ?? 'error';
}
