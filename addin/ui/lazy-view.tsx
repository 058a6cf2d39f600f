import { createElement, lazy, Suspense, type ComponentType } from 'react';

/**
 * A component fetched as its own chunk (issue #14: the pane's first load carries only what a clerk needs
 * at once). Unlike a bare `React.lazy`, once the chunk is in, the view renders synchronously — also on a
 * server-side render after `preload()` — and `preload()` lets the page start the download early (the
 * results views while the worker runs the first check). Until then it renders nothing.
 */
export interface LazyView<P extends object> {
  View: ComponentType<P>;
  preload: () => Promise<void>;
}

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const fetchOnce = (): Promise<ComponentType<P>> =>
    (loading ??= load().then((component) => (loaded = component)));
  const Deferred = lazy(() => fetchOnce().then((component) => ({ default: component })));
  function View(props: P) {
    if (loaded) return createElement(loaded, props);
    return <Suspense fallback={null}>{createElement(Deferred as ComponentType<P>, props)}</Suspense>;
  }
  return { View, preload: () => fetchOnce().then(() => undefined) };
}
