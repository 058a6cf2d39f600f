import { describe, expect, it } from 'vitest';
import { createChangeBurst } from './change-burst';

const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('createChangeBurst', () => {
  it('hands over the events of one burst at once, after the quiet time, and then settles', async () => {
    const batches: number[][] = [];
    const burst = createChangeBurst<number>(15, async (changes) => {
      batches.push(changes);
    });
    expect(burst.quiet()).toBe(true);
    burst.add([1]);
    await later(5);
    burst.add([2, 3]);
    expect(burst.quiet()).toBe(false);
    expect(batches).toEqual([]);
    await burst.settled();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(burst.quiet()).toBe(true);
  });

  it('cancel forgets the waiting burst', async () => {
    const batches: number[][] = [];
    const burst = createChangeBurst<number>(5, async (changes) => {
      batches.push(changes);
    });
    burst.add([1]);
    burst.cancel();
    await later(20);
    expect(batches).toEqual([]);
  });
});
