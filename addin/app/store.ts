/**
 * The state a controller exposes to React (through useSyncExternalStore): one immutable object, replaced by
 * a shallow patch, each replacement heard by every listener. `get` and `subscribe` do not use `this`, so a
 * controller may hand them out as its own `getState` and `subscribe`.
 */
export interface Store<S extends object> {
  get(): S;
  /** Replaces the state with `{ ...state, ...patch }` and tells every listener (even for an empty patch). */
  set(patch: Partial<S>): void;
  /** `set` with a patch computed from the current state. */
  update(patch: (state: S) => Partial<S>): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  const set = (patch: Partial<S>): void => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };
  return {
    get: () => state,
    set,
    update: (patch) => set(patch(state)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
