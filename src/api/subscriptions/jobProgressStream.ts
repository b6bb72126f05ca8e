import type { Bus } from '../../bus/bus.ts';
import type { BusEvent } from '../../bus/busEvent.ts';
import { encodePosition } from '../../bus/busPosition.ts';
import { JOB_TOPIC, jobEventFromBus, progressSupersedes, type JobEvent } from '../../engine/jobEvent.ts';
import type { Caller, JobService } from '../../engine/jobService.ts';
import { isTerminal } from '../../engine/jobState.ts';
import { EventQueue } from './eventQueue.ts';
import { releasingIterator } from './releasingIterator.ts';

/**
 * The events of one job for one subscriber: the current snapshot (or, with `afterSeq`, what was missed
 * since then), then every change in order, ending after a terminal state. The listener is registered
 * before the snapshot is read, and events are ordered by the job's version, so nothing falls in between.
 * Progress events still waiting for a subscriber that fell behind are merged into the latest one.
 */
export function jobProgressStream(bus: Bus, jobs: JobService, caller: Caller, jobId: string, afterSeq?: number): AsyncIterableIterator<JobEvent> {
  // A subscriber that falls behind gets the job's latest progress rather than every step (see EventQueue).
  const queue = new EventQueue<BusEvent>(undefined, (queued, incoming) => progressSupersedes(jobEventFromBus(queued), jobEventFromBus(incoming)));
  queue.releaseWith(
    bus.subscribe((event) => {
      if (event.topic === JOB_TOPIC && event.jobId === jobId) queue.push(event);
    }),
  );
  // `return()` releases the listener at once, even while the generator waits for an event.
  return releasingIterator(progress(queue, bus, jobs, caller, jobId, afterSeq), () => queue.end());
}

async function* progress(queue: EventQueue<BusEvent>, bus: Bus, jobs: JobService, caller: Caller, jobId: string, afterSeq: number | undefined): AsyncGenerator<JobEvent> {
  try {
    const position = bus.position();
    const snapshot = await jobs.require(caller, jobId);
    let lastVersion = 0;
    let lastSeq = -1;
    let replayed = false;
    if (afterSeq !== undefined) {
      const replay = await bus.replay({ afterSeq, jobId });
      if (replay.complete) {
        replayed = true;
        for (const raw of replay.events) {
          // The job's id is on other topics' events too (worker wake-ups, monitoring companions).
          if (raw.topic !== JOB_TOPIC) continue;
          const event = jobEventFromBus(raw);
          lastSeq = raw.seq;
          if (event.job.version <= lastVersion) continue;
          lastVersion = event.job.version;
          yield event;
          if (isTerminal(event.job.state)) return;
        }
      } else {
        yield { kind: 'SNAPSHOT', position: encodePosition(position), at: new Date(), job: snapshot, gap: true };
        lastVersion = snapshot.version;
      }
    }
    if (!replayed && afterSeq === undefined) {
      yield { kind: 'SNAPSHOT', position: encodePosition(position), at: new Date(), job: snapshot, gap: false };
      lastVersion = snapshot.version;
    }
    if (isTerminal(snapshot.state)) {
      // The job ended; a resuming client whose replay did not reach the end still gets the final state.
      if (lastVersion < snapshot.version) yield { kind: 'SNAPSHOT', position: encodePosition(position), at: new Date(), job: snapshot, gap: false };
      return;
    }
    for await (const raw of queue) {
      if (raw.seq <= lastSeq) continue;
      const event = jobEventFromBus(raw);
      if (event.job.version <= lastVersion) continue;
      lastVersion = event.job.version;
      yield event;
      if (isTerminal(event.job.state)) return;
    }
  } finally {
    queue.end();
  }
}
