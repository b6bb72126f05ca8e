import type { JobRepository } from '../../engine/jobRepository.ts';
import { JobState } from '../../engine/jobState.ts';
import type { ActiveCondition, AlertRule } from './alertRule.ts';

/**
 * `DEBUG_QUEUE_ENTERED`: one incident per job in the debug queue, resolved when it leaves. Each entry is its
 * own occurrence (told apart by the job's last error), so a job that comes back fires again, once.
 */
export class DebugQueueRule implements AlertRule {
  readonly name = 'debug-queue';
  readonly kind = 'DEBUG_QUEUE_ENTERED' as const;
  constructor(private readonly jobs: JobRepository) {}

  async active(): Promise<ActiveCondition[]> {
    const { records: parked } = await this.jobs.listAnyTenant({ filter: { states: [JobState.Debug] }, first: 1000 });
    return parked.map((job) => {
      const errorAt = job.lastError?.at instanceof Date ? job.lastError.at.getTime() : null;
      const occurrence = errorAt ?? (job.finishedAt instanceof Date ? job.finishedAt.getTime() : `a${job.attempt ?? 0}`);
      const error = job.lastError ? `: ${job.lastError.code} ${job.lastError.message.slice(0, 200)}` : '';
      return {
        key: job.id,
        occurrence: String(occurrence),
        tenantId: job.tenantId,
        message: `job ${job.id} (${job.type}, tenant ${job.tenantId}) entered the debug queue after ${job.attempt} attempt(s)${error}`,
      };
    });
  }
}
