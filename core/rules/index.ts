/** The built-in rules, registered by id. */
import { cellRules } from './cell-rules';
import { rowChange } from './change-rules';
import { RuleRegistry } from './registry';
import { relationRules } from './relation-rules';
import { rowRules } from './row-rules';
import { sheetRules } from './sheet-rules';
import type { Rule } from './types';
import { workbookRules } from './workbook-rules';

export const builtinRules: readonly Rule[] = [...cellRules, ...rowRules, rowChange, ...sheetRules, ...workbookRules, ...relationRules];

/** A registry holding the built-in rules; pass your own to the engine to add rules for a new pack. */
export function createRuleRegistry(extra: readonly Rule[] = []): RuleRegistry {
  const registry = new RuleRegistry();
  for (const r of builtinRules) registry.register(r);
  for (const r of extra) registry.register(r);
  return registry;
}

export const defaultRules = createRuleRegistry();

export { RuleRegistry } from './registry';
export { ruleIssues } from './issues';
export type * from './types';
