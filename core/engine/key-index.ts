/** An incrementally kept key → occurrences index (IDs per kind, certificate numbers) with its duplicates. */
import type { KeyIndexView, Occurrence, RowState } from '../rules/types';

export class KeyIndex implements KeyIndexView {
  /**
   * A key held by one row maps to its occurrence itself, by two or more to their list: almost every key is
   * unique, and a one-element array per row was a third of the index's memory (issue #14).
   */
  private readonly map = new Map<string, Occurrence | Occurrence[]>();
  private readonly dups = new Set<string>();

  add(key: string, occ: Occurrence): void {
    const held = this.map.get(key);
    if (held === undefined) {
      this.map.set(key, occ);
      return;
    }
    if (Array.isArray(held)) {
      held.push(occ);
      return;
    }
    this.map.set(key, [held, occ]);
    this.dups.add(key);
  }

  remove(key: string, state: RowState): void {
    const held = this.map.get(key);
    if (held === undefined) return;
    if (!Array.isArray(held)) {
      if (held.state === state) this.map.delete(key);
      return;
    }
    const i = held.findIndex((o) => o.state === state);
    if (i < 0) return;
    held.splice(i, 1);
    if (held.length === 1) this.map.set(key, held[0] as Occurrence);
    if (held.length < 2) this.dups.delete(key);
  }

  get(key: string): readonly Occurrence[] | undefined {
    const held = this.map.get(key);
    return held === undefined || Array.isArray(held) ? held : [held];
  }

  duplicates(): Iterable<string> {
    return this.dups;
  }
}

export const EMPTY_INDEX = new KeyIndex();
