import { describe, expect, it } from 'vitest';
import { SalesforceRequestRejectedError } from '../../src/salesforce/index.ts';
import { readPagesAhead } from '../../src/jobs/salesforce/backup/pageReadAhead.ts';

/** A page source that records what was asked of it: pages requested, pages handed out, whether it was closed. */
class RecordingPages {
  requested = 0;
  closed = false;
  private readonly gates: (() => void)[] = [];

  constructor(
    private readonly count: number,
    private readonly failAt: number | null = null,
  ) {}

  /** Lets the oldest held request answer (requests are held only when `held` is true). */
  release(): void {
    this.gates.shift()?.();
  }

  async *pages(options: { held?: boolean } = {}): AsyncGenerator<number> {
    try {
      for (let page = 0; page < this.count; page++) {
        this.requested += 1;
        if (options.held === true) await new Promise<void>((resolve) => this.gates.push(resolve));
        if (page === this.failAt) throw new SalesforceRequestRejectedError(`page ${page} rejected`, 'INVALID_FIELD');
        yield page;
      }
    } finally {
      this.closed = true;
    }
  }
}

describe('readPagesAhead', () => {
  it('should hand out every page in order with at most one read ahead', async () => {
    const source = new RecordingPages(5);
    const seen: number[] = [];
    for await (const page of readPagesAhead(source.pages())) {
      // Settles the read ahead, if any, before the count is taken.
      await new Promise((resolve) => setImmediate(resolve));
      expect(source.requested).toBeLessThanOrEqual(page + 2);
      seen.push(page);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(source.closed).toBe(true);
  });

  it('should read the next page while the caller works on the current one', async () => {
    const source = new RecordingPages(3);
    const pages = readPagesAhead(source.pages());
    expect((await pages.next()).value).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.requested).toBe(2);
    await pages.return();
  });

  it('should throw a failure of a page read ahead when that page is asked for, after the pages before it, with no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const source = new RecordingPages(5, 2);
      const seen: number[] = [];
      const run = async (): Promise<void> => {
        for await (const page of readPagesAhead(source.pages())) {
          // The caller is still storing this page while the failing one is read ahead.
          await new Promise((resolve) => setTimeout(resolve, 20));
          seen.push(page);
        }
      };
      await expect(run()).rejects.toBeInstanceOf(SalesforceRequestRejectedError);
      expect(seen).toEqual([0, 1]);
      expect(source.closed).toBe(true);
      // A turn of the loop for a rejection nobody handled to be reported.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('should wait for the read in flight and close the source when the caller stops early', async () => {
    const source = new RecordingPages(5);
    const pages = source.pages({ held: true });
    const ahead = readPagesAhead(pages);
    const first = ahead.next();
    source.release();
    expect((await first).value).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    // Page 1 is being read; the caller gives up (its write failed, the job was cancelled).
    expect(source.requested).toBe(2);
    let stopped = false;
    const stopping = ahead.return().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    source.release();
    await stopping;
    expect(source.closed).toBe(true);
    expect(source.requested).toBe(2);
  });

  it('should drop a failure of the read in flight when the caller stops early', async () => {
    const source = new RecordingPages(5, 1);
    const ahead = readPagesAhead(source.pages());
    expect((await ahead.next()).value).toBe(0);
    await expect(ahead.return()).resolves.toEqual({ done: true, value: undefined });
    expect(source.closed).toBe(true);
  });
});
