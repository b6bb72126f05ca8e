/**
 * Writes issued one after another without the writer waiting for each: up to `depth` run while the
 * writer prepares the next (e.g. a GridFS chunk is inserted while the following one is filled). A
 * write's failure surfaces at the next {@link add} or at {@link drain}; a write whose failure nobody
 * awaits (the writer gave up on an earlier error) is not an unhandled rejection.
 */
export class WriteBehind {
  private readonly inFlight: Promise<unknown>[] = [];

  /** `depth`: writes running at once (1: one write runs while the writer works). */
  constructor(private readonly depth = 1) {}

  /** Starts `write` once fewer than `depth` writes run; throws the failure of an earlier write. */
  async add(write: () => Promise<unknown>): Promise<void> {
    while (this.inFlight.length >= this.depth) await this.inFlight.shift();
    const running = write();
    running.catch(() => undefined);
    this.inFlight.push(running);
  }

  /** Waits for every write started; throws the first failure. */
  async drain(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  }
}

/**
 * Starts `read` now and returns its promise, for a read-ahead: the database works on the next piece
 * while the reader handles this one. A read that nobody awaits (the reader stopped early) is not an
 * unhandled rejection; whoever awaits it still gets its failure.
 */
export function readAhead<T>(read: () => Promise<T>): Promise<T> {
  const running = read();
  running.catch(() => undefined);
  return running;
}
