import { describe, expect, it } from 'vitest';
import { readAhead, WriteBehind } from '../../src/storage/writeBehind.ts';

const deferred = () => {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('WriteBehind', () => {
  it('should run one write while the writer goes on, start the next only when it ended, and drain in order', async () => {
    const writes = new WriteBehind(1);
    const started: number[] = [];
    const gates = [deferred(), deferred(), deferred()];
    await writes.add(async () => {
      started.push(0);
      await gates[0]!.promise;
    });
    // The writer is not held by the first write…
    expect(started).toEqual([0]);
    // …but a second add waits for it.
    let secondAdded = false;
    const second = writes.add(async () => {
      started.push(1);
      await gates[1]!.promise;
    }).then(() => (secondAdded = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual([0]);
    expect(secondAdded).toBe(false);
    gates[0]!.resolve();
    await second;
    expect(started).toEqual([0, 1]);
    let drained = false;
    const drain = writes.drain().then(() => (drained = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(drained).toBe(false);
    gates[1]!.resolve();
    await drain;
    expect(drained).toBe(true);
  });

  it('should throw a failed write at the next add or at drain, and leave no unhandled rejection when nobody waits', async () => {
    const failing = new WriteBehind(1);
    await failing.add(async () => {
      throw new Error('insert failed');
    });
    await expect(failing.add(async () => undefined)).rejects.toThrow('insert failed');

    const atDrain = new WriteBehind(2);
    await atDrain.add(async () => undefined);
    await atDrain.add(async () => {
      throw new Error('second failed');
    });
    await expect(atDrain.drain()).rejects.toThrow('second failed');

    // A writer that gave up: its failed write is never awaited. Vitest fails the run on an unhandled rejection.
    const abandoned = new WriteBehind(1);
    await abandoned.add(async () => {
      throw new Error('nobody waits');
    });
    const ahead = readAhead(async () => {
      throw new Error('read nobody awaits');
    });
    await new Promise((r) => setTimeout(r, 20));
    // Whoever does await a read-ahead still gets its failure.
    await expect(ahead).rejects.toThrow('read nobody awaits');
  });
});
