import { describe, expect, it } from 'vitest';
import { createStore } from './store';

describe('createStore', () => {
  it('patches shallowly into a new object and tells every listener once per patch', () => {
    const store = createStore({ a: 1, b: { deep: true }, list: [1] });
    const first = store.get();
    const heard: number[] = [];
    store.subscribe(() => heard.push(store.get().a));
    store.subscribe(() => heard.push(-store.get().a));

    store.set({ a: 2 });
    expect(store.get()).toEqual({ a: 2, b: { deep: true }, list: [1] });
    expect(store.get()).not.toBe(first);
    expect(store.get().b).toBe(first.b);
    expect(first.a).toBe(1);
    expect(heard).toEqual([2, -2]);
  });

  it('keeps the same object between patches (what useSyncExternalStore compares)', () => {
    const store = createStore({ a: 1 });
    expect(store.get()).toBe(store.get());
  });

  it('update computes the patch from the state at the time of the call', () => {
    const store = createStore({ errors: ['x'] });
    store.update((s) => ({ errors: [...s.errors, 'y'] }));
    store.update((s) => ({ errors: [...s.errors, 'z'] }));
    expect(store.get().errors).toEqual(['x', 'y', 'z']);
  });

  it('stops telling a listener once it unsubscribed; get and subscribe work unbound', () => {
    const { get, set, subscribe } = createStore({ n: 0 });
    let calls = 0;
    const off = subscribe(() => calls++);
    set({ n: 1 });
    off();
    set({ n: 2 });
    expect(calls).toBe(1);
    expect(get().n).toBe(2);
  });
});
