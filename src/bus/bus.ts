import type { BusEvent, BusMessage, BusReplay } from './busEvent.ts';

/** Receives live events, in position order. */
export type BusListener = (event: BusEvent) => void;

/**
 * The event bus: every job and monitoring event goes through it, across processes.
 * A process reads it through one reader and fans events out in memory.
 */
export interface Bus {
  /** Starts the reader; events published from now on reach listeners. */
  start(): Promise<void>;
  /** Stops the reader. Publishing still works until the connection closes. */
  stop(): Promise<void>;
  /**
   * Appends messages (one position each, in the order given) and returns them as stored. Publishes of one process
   * take positions in the order they were called, even when the caller does not wait for one before the next.
   */
  publish(messages: BusMessage | BusMessage[]): Promise<BusEvent[]>;
  /** Registers a listener of live events; returns its unsubscribe function. */
  subscribe(listener: BusListener): () => void;
  /** Position of the last event delivered to listeners in this process. */
  position(): number;
  /** Events after `afterSeq` still kept by the bus, optionally of one job only, in position order. */
  replay(query: { afterSeq: number; jobId?: string }): Promise<BusReplay>;
  /** Live listeners in this process (for metrics and tests). */
  listenerCount(): number;
}
