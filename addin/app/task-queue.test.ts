import { describe, expect, it } from 'vitest';
import { createTaskQueue, type TaskHooks } from './task-queue';

const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function recorder(skip: (task: string) => boolean = () => false) {
  const log: string[] = [];
  const hooks: TaskHooks<string> = {
    skip,
    start: (task) => log.push(`start ${task}`),
    done: (task) => log.push(`done ${task}`),
    failed: (task, error) => log.push(`failed ${task}: ${(error as Error).message}`),
    settled: (task) => log.push(`settled ${task}`),
  };
  return { log, queue: createTaskQueue(hooks) };
}

describe('createTaskQueue', () => {
  it('runs tasks one at a time in the order asked, a slow one holding back the next', async () => {
    const { log, queue } = recorder();
    const slow = queue.run('slow', async () => {
      log.push('slow works');
      await later(20);
      log.push('slow ends');
    });
    const quick = queue.run('quick', async () => {
      log.push('quick works');
    });
    await Promise.all([slow, quick]);
    expect(log).toEqual([
      'start slow',
      'slow works',
      'slow ends',
      'done slow',
      'settled slow',
      'start quick',
      'quick works',
      'done quick',
      'settled quick',
    ]);
  });

  it('never rejects: a failure goes to `failed` (not `done`) and the next task still runs', async () => {
    const { log, queue } = recorder();
    const failing = queue.run('a', () => Promise.reject(new Error('boom')));
    const next = queue.run('b', async () => undefined);
    await expect(failing).resolves.toBeUndefined();
    await next;
    expect(log).toEqual(['start a', 'failed a: boom', 'settled a', 'start b', 'done b', 'settled b']);
  });

  it('a `done` that throws is a failure too', async () => {
    const failed: unknown[] = [];
    const queue = createTaskQueue<string>({
      done: () => {
        throw new Error('listener');
      },
      failed: (_task, error) => failed.push((error as Error).message),
    });
    await queue.run('a', async () => undefined);
    expect(failed).toEqual(['listener']);
  });

  it('a task `skip` answers true for is dropped: no work and no other hook', async () => {
    const { log, queue } = recorder((task) => task === 'skipped');
    let worked = false;
    await queue.run('skipped', async () => {
      worked = true;
    });
    await queue.run('kept', async () => undefined);
    expect(worked).toBe(false);
    expect(log).toEqual(['start kept', 'done kept', 'settled kept']);
  });

  it('whenIdle waits for tasks queued while it waits', async () => {
    const { log, queue } = recorder();
    void queue.run('first', async () => {
      await later(5);
      void queue.run('second', async () => {
        await later(5);
      });
    });
    await queue.whenIdle();
    expect(log.at(-1)).toBe('settled second');
  });

  it('whenIdle also waits for a feeder until it is quiet', async () => {
    const { log, queue } = recorder();
    let held = 2;
    const feeder = {
      settled: async () => {
        if (held === 0) return;
        held--;
        await later(5);
        await queue.run(`fed ${held}`, async () => undefined);
      },
      quiet: () => held === 0,
    };
    await queue.whenIdle(feeder);
    expect(held).toBe(0);
    expect(log.filter((l) => l.startsWith('settled'))).toEqual(['settled fed 1', 'settled fed 0']);
  });
});
