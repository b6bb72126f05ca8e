/**
 * Whether `incoming` makes `queued`, still waiting in the queue, worth nothing to the subscriber: it carries
 * everything `queued` did, newer (for example a job's latest progress, which holds the job's whole state).
 */
export type Supersedes<T> = (queued: T, incoming: T) => boolean;

/**
 * A push-to-pull queue: a bus listener pushes, a subscription iterates. Bounded: a subscriber that
 * falls `capacity` events behind is ended with an error instead of growing the process's memory.
 * With `supersedes`, an item pushed while the last waiting item is superseded by it takes that item's place:
 * a subscriber that falls behind (a slow client, a server busy writing to thousands of sockets) receives the
 * latest progress instead of every step in turn, so its lag stays one round of deliveries instead of growing.
 * A subscriber that keeps up has no item waiting when the next arrives, so it receives every one.
 * `return()` ends it at once, even while a `next()` waits (unlike an async generator's, which waits for
 * that `next()` to settle), and runs the release given to {@link releaseWith}: the bus listener goes with it.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((error: Error) => void) | undefined;
  private ended = false;
  private error: Error | undefined;
  private release: (() => void) | undefined;

  constructor(
    private readonly capacity = 10_000,
    private readonly supersedes?: Supersedes<T>,
  ) {}

  /** Runs `release` once, when the queue ends, fails or is returned (typically the bus unsubscribe). */
  releaseWith(release: () => void): this {
    this.release = release;
    return this;
  }

  push(item: T): void {
    if (this.ended) return;
    if (this.waiting !== undefined) {
      const resolve = this.waiting;
      this.waiting = undefined;
      this.failWaiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    const last = this.items.length - 1;
    if (last >= 0 && this.supersedes?.(this.items[last]!, item) === true) {
      this.items[last] = item;
      return;
    }
    if (this.items.length >= this.capacity) {
      this.fail(new Error(`subscriber fell more than ${this.capacity} events behind`));
      return;
    }
    this.items.push(item);
  }

  end(): void {
    this.ended = true;
    this.released();
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.({ value: undefined, done: true });
  }

  fail(error: Error): void {
    this.error = error;
    this.ended = true;
    this.released();
    const reject = this.failWaiting;
    this.waiting = undefined;
    this.failWaiting = undefined;
    reject?.(error);
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.error !== undefined) return Promise.reject(this.error);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    this.items.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private released(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}
