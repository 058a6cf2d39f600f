/**
 * Runs a controller's actions one at a time, in the order they were asked for, and never rejects: a
 * fire-and-forget click handler loses nothing, because a failure reaches `failed` (which turns it into a
 * message for the pane) instead of the caller. The hooks are where each controller keeps its busy flag.
 */
export interface TaskHooks<T> {
  /** Asked when the task's turn comes: true drops it (no work, no other hook). */
  skip?(task: T): boolean;
  /** Before the work. */
  start?(task: T): void;
  /** The work resolved. */
  done?(task: T): void;
  /** The work threw (or `done` did). */
  failed(task: T, error: unknown): void;
  /** After `done` or `failed`. */
  settled?(task: T): void;
}

/** Work that feeds the queue from outside it (a debounced burst of change events). */
export interface Feeder {
  /** Resolves once what the feeder holds now has been queued and run. */
  settled(): Promise<void>;
  /** Holds nothing and waits for nothing. */
  quiet(): boolean;
}

export interface TaskQueue<T> {
  /** Queues the work; resolves (never rejects) once it and everything queued before it has run. */
  run(task: T, work: () => Promise<void>): Promise<void>;
  /** Resolves once nothing is queued, including what was queued while waiting (and what `feeder` held). */
  whenIdle(feeder?: Feeder): Promise<void>;
}

export function createTaskQueue<T>(hooks: TaskHooks<T>): TaskQueue<T> {
  let tail: Promise<void> = Promise.resolve();
  return {
    run(task, work) {
      const next = tail.then(async () => {
        if (hooks.skip?.(task)) return;
        hooks.start?.(task);
        try {
          await work();
          hooks.done?.(task);
        } catch (error) {
          hooks.failed(task, error);
        } finally {
          hooks.settled?.(task);
        }
      });
      tail = next;
      return next;
    },
    async whenIdle(feeder) {
      for (;;) {
        const last = tail;
        if (feeder) await feeder.settled();
        await last;
        if (last === tail && (feeder?.quiet() ?? true)) return;
      }
    },
  };
}
