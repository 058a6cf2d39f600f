import type { Rule } from './types';

/** Rules by id. Registering an id twice is a programming error and throws. */
export class RuleRegistry {
  private readonly rules = new Map<string, Rule>();

  register(rule: Rule): this {
    if (this.rules.has(rule.id)) throw new Error(`Rule "${rule.id}" is already registered`);
    this.rules.set(rule.id, rule);
    return this;
  }

  get(id: string): Rule | undefined {
    return this.rules.get(id);
  }

  /** Like get, but an unknown id (a pack naming a rule that does not exist) is a programming error. */
  require(id: string): Rule {
    const rule = this.rules.get(id);
    if (!rule) throw new Error(`Unknown rule "${id}"`);
    return rule;
  }

  has(id: string): boolean {
    return this.rules.has(id);
  }

  ids(): string[] {
    return [...this.rules.keys()];
  }
}
