/** An incrementally kept key → occurrences index (IDs per kind, certificate numbers) with its duplicates. */
import type { KeyIndexView, Occurrence, RowState } from '../rules/types';

export class KeyIndex implements KeyIndexView {
  private readonly map = new Map<string, Occurrence[]>();
  private readonly dups = new Set<string>();

  add(key: string, occ: Occurrence): void {
    const list = this.map.get(key);
    if (!list) {
      this.map.set(key, [occ]);
      return;
    }
    list.push(occ);
    if (list.length === 2) this.dups.add(key);
  }

  remove(key: string, state: RowState): void {
    const list = this.map.get(key);
    if (!list) return;
    const i = list.findIndex((o) => o.state === state);
    if (i < 0) return;
    list.splice(i, 1);
    if (list.length === 0) this.map.delete(key);
    if (list.length < 2) this.dups.delete(key);
  }

  get(key: string): readonly Occurrence[] | undefined {
    return this.map.get(key);
  }

  duplicates(): Iterable<string> {
    return this.dups;
  }
}

export const EMPTY_INDEX = new KeyIndex();
