import type { BusEvent } from './busEvent.ts';

/** Options of {@link ReorderBuffer}. */
export interface ReorderBufferOptions {
  /** Last position already delivered; delivery continues at the next one. */
  lastDelivered: number;
  /** How long a missing position is waited for before it is skipped (a publisher that died between allocating and writing). Default 1000 ms. */
  gapTimeoutMs?: number;
  /** Called with each event, strictly in position order. */
  deliver: (event: BusEvent) => void;
}

/**
 * Turns events read in insertion order into events delivered in position order.
 * Positions are allocated before the write, so two publishers can insert out of order;
 * an event that arrives early is held until the positions before it arrive (or time out).
 */
export class ReorderBuffer {
  private lastDelivered: number;
  private readonly pending = new Map<number, BusEvent>();
  private readonly gapTimeoutMs: number;
  private readonly deliver: (event: BusEvent) => void;
  private gapTimer: NodeJS.Timeout | undefined;

  constructor(options: ReorderBufferOptions) {
    this.lastDelivered = options.lastDelivered;
    this.gapTimeoutMs = options.gapTimeoutMs ?? 1000;
    this.deliver = options.deliver;
  }

  /** Position of the last event delivered (or skipped over). */
  get position(): number {
    return this.lastDelivered;
  }


  /** Accepts an event read from the store; late duplicates are dropped. */
  push(event: BusEvent): void {
    if (event.seq <= this.lastDelivered || this.pending.has(event.seq)) return;
    this.pending.set(event.seq, event);
    this.flush();
  }

  /** Gives up on every position up to `seq` that has not arrived (they will never come). */
  skipTo(seq: number): void {
    while (this.lastDelivered < seq) {
      const next = this.pending.get(this.lastDelivered + 1);
      this.lastDelivered += 1;
      if (next !== undefined) {
        this.pending.delete(next.seq);
        this.deliver(next);
      }
    }
    this.flush();
  }

  /** Stops the gap timer. */
  close(): void {
    clearTimeout(this.gapTimer);
    this.gapTimer = undefined;
  }

  private flush(): void {
    let next = this.pending.get(this.lastDelivered + 1);
    while (next !== undefined) {
      this.pending.delete(next.seq);
      this.lastDelivered = next.seq;
      this.deliver(next);
      next = this.pending.get(this.lastDelivered + 1);
    }
    if (this.pending.size === 0) {
      this.close();
    } else if (this.gapTimer === undefined) {
      this.gapTimer = setTimeout(() => this.skipGap(), this.gapTimeoutMs);
      this.gapTimer.unref();
    }
  }

  private skipGap(): void {
    this.gapTimer = undefined;
    if (this.pending.size === 0) return;
    this.lastDelivered = Math.min(...this.pending.keys()) - 1;
    this.flush();
  }
}
