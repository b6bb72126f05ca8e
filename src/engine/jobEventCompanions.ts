import type { BusMessage } from '../bus/busEvent.ts';
import type { JobRecord } from './jobRecord.ts';
import type { JobEventKind } from './jobEvent.ts';

/**
 * Builds bus messages that go out in the same batch as a job event, e.g. monitoring's `DEBUG_ENTERED`
 * with a job's `DEBUG` event: published together, one is never seen without the other. Injected by the
 * composition root, so the engine needs no knowledge of the topics of the layers above it.
 */
export type JobEventCompanions = (kind: JobEventKind, doc: JobRecord) => BusMessage[];

/** One {@link JobEventCompanions} that runs each of `list` in order and publishes all their messages. */
export function combineCompanions(...list: JobEventCompanions[]): JobEventCompanions {
  return (kind, doc) => list.flatMap((companion) => companion(kind, doc));
}
