import type { Feeder } from './task-queue';

/**
 * Gathers the workbook's change events until the clerk pauses (`debounceMs` after the last one), then hands
 * the whole burst over at once: a paste or a fill is one re-check, not one per event.
 */
export interface ChangeBurst<C> extends Feeder {
  add(changes: C[]): void;
  /** Forgets the waiting burst (the controller is disposed). */
  cancel(): void;
}

/** `flush` must not reject (a queued task does not): the burst's waiters are released when it resolves. */
export function createChangeBurst<C>(debounceMs: number, flush: (changes: C[]) => Promise<void>): ChangeBurst<C> {
  let pending: C[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushDone: Promise<void> = Promise.resolve();
  let resolveFlush: () => void = () => undefined;

  const hand = (): Promise<void> => {
    timer = null;
    const changes = pending;
    pending = [];
    if (changes.length === 0) return Promise.resolve();
    return flush(changes);
  };

  return {
    add(changes) {
      pending.push(...changes);
      if (timer !== null) clearTimeout(timer);
      else flushDone = new Promise((resolve) => (resolveFlush = resolve));
      timer = setTimeout(() => {
        void hand().then(resolveFlush);
      }, debounceMs);
    },
    settled: () => flushDone,
    quiet: () => timer === null && pending.length === 0,
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
