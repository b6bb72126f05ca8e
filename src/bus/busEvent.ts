/** What a publisher puts on the bus. */
export interface BusMessage<P = unknown> {
  /** What the event is about, e.g. `job` or `job.wake`. */
  topic: string;
  /** Tenant the event belongs to, when it belongs to one. */
  tenantId?: string;
  /** Job the event is about, when it is about one. */
  jobId?: string;
  payload: P;
}

/** An event as the bus stores and delivers it. */
export interface BusEvent<P = unknown> extends BusMessage<P> {
  /** Position in the stream: allocated from one counter, delivered in this order. */
  seq: number;
  /** When it was published. */
  at: Date;
}

/** Events read back from the bus's history. */
export interface BusReplay {
  events: BusEvent[];
  /** False when events after the requested position were already dropped by the bus. */
  complete: boolean;
}
