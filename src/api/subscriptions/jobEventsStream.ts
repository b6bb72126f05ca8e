import type { Bus } from '../../bus/bus.ts';
import { JOB_TOPIC, jobEventFromBus, progressSupersedes, type JobEvent } from '../../engine/jobEvent.ts';
import type { Caller } from '../../engine/jobService.ts';
import type { JobListFilter } from '../../engine/jobRepository.ts';
import { EventQueue } from './eventQueue.ts';

/**
 * Every live job event of the caller's tenant that matches `filter`, for dashboards. Listens from the
 * call on; `return()` removes the listener at once, whether or not an event ever matched. A progress event
 * still waiting for a subscriber that fell behind is merged into the same job's next one.
 */
export function jobEventsStream(bus: Bus, caller: Caller, filter: JobListFilter): AsyncIterableIterator<JobEvent> {
  const queue = new EventQueue<JobEvent>(undefined, progressSupersedes);
  const unsubscribe = bus.subscribe((raw) => {
    if (raw.topic !== JOB_TOPIC || raw.tenantId !== caller.tenantId) return;
    const event = jobEventFromBus(raw);
    if (filter.types && filter.types.length > 0 && !filter.types.includes(event.job.type)) return;
    if (filter.states && filter.states.length > 0 && !filter.states.includes(event.job.state)) return;
    queue.push(event);
  });
  return queue.releaseWith(unsubscribe);
}
