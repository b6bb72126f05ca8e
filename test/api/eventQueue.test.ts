import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/api/subscriptions/eventQueue.ts';
import { progressSupersedes, type JobEvent } from '../../src/engine/jobEvent.ts';
import type { JobView } from '../../src/engine/jobView.ts';

async function drain<T>(queue: EventQueue<T>): Promise<T[]> {
  queue.end();
  const out: T[] = [];
  for (let next = await queue.next(); next.done !== true; next = await queue.next()) out.push(next.value);
  return out;
}

describe('EventQueue', () => {
  it('should keep every item when nothing supersedes', async () => {
    const queue = new EventQueue<number>();
    for (const n of [1, 2, 3]) queue.push(n);
    // `end()` stops new items but hands out what was queued.
    queue.push(4);
    expect(await drain(queue)).toEqual([1, 2, 3, 4]);
  });

  it('should replace the last waiting item only when the new one supersedes it', async () => {
    // Letters supersede the same letter: 'a1' then 'a2' keeps 'a2'; a different letter in between keeps both.
    const queue = new EventQueue<string>(10, (queued, incoming) => queued[0] === incoming[0]);
    for (const item of ['a1', 'a2', 'a3', 'b1', 'a4', 'a5', 'b2']) queue.push(item);
    expect(await drain(queue)).toEqual(['a3', 'b1', 'a5', 'b2']);
  });

  it('should hand an item straight to a waiting reader, never merging it', async () => {
    const queue = new EventQueue<string>(10, () => true);
    const waiting = queue.next();
    queue.push('x1');
    queue.push('x2');
    expect((await waiting).value).toBe('x1');
    expect(await drain(queue)).toEqual(['x2']);
  });

  it('should fail a reader that falls more than its capacity behind, merged items not counting', async () => {
    const merging = new EventQueue<number>(3, (queued, incoming) => queued % 2 === 0 && incoming % 2 === 0);
    for (const n of [2, 4, 6, 8, 10, 12]) merging.push(n);
    expect(await drain(merging)).toEqual([12]);
    const plain = new EventQueue<number>(3);
    for (const n of [1, 2, 3, 4]) plain.push(n);
    await expect(plain.next()).resolves.toEqual({ value: 1, done: false });
    await plain.next();
    await plain.next();
    await expect(plain.next()).rejects.toThrow('fell more than 3 events behind');
  });
});

describe('progressSupersedes', () => {
  const event = (kind: JobEvent['kind'], id: string, state: JobView['state'] = 'RUNNING'): JobEvent =>
    ({ position: '1', kind, at: new Date(), gap: false, job: { id, state } as JobView });

  it('should merge only progress of the same job in the same state', () => {
    expect(progressSupersedes(event('PROGRESS', 'a'), event('PROGRESS', 'a'))).toBe(true);
    expect(progressSupersedes(event('PROGRESS', 'a'), event('PROGRESS', 'b'))).toBe(false);
    expect(progressSupersedes(event('CHECKPOINT', 'a'), event('PROGRESS', 'a'))).toBe(false);
    expect(progressSupersedes(event('PROGRESS', 'a'), event('SUCCEEDED', 'a', 'SUCCEEDED'))).toBe(false);
    expect(progressSupersedes(event('PROGRESS', 'a', 'RUNNING'), event('PROGRESS', 'a', 'DEBUG'))).toBe(false);
  });
});
