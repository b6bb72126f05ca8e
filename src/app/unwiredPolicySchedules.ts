import type { Logger } from '../logging/logger.ts';
import type { OwnedScheduleSpec, PolicyScheduleRegistry } from '../jobs/salesforce/index.ts';

/**
 * The {@link PolicyScheduleRegistry} a runtime uses until the schedules engine's `ScheduleService` is plugged in:
 * it only logs what a policy asks for (the policy itself is stored either way, its occurrences do not run).
 */
export class UnwiredPolicySchedules implements PolicyScheduleRegistry {
  constructor(private readonly logger: Logger) {}

  upsertOwned(owner: string, tenantId: string, spec: OwnedScheduleSpec): Promise<void> {
    this.logger.warn({ owner, tenantId, cron: spec.cron, timezone: spec.timezone }, 'no schedules engine wired: the backup policy is stored but its schedule does not run');
    return Promise.resolve();
  }

  removeOwned(owner: string, tenantId: string): Promise<void> {
    this.logger.debug({ owner, tenantId }, 'no schedules engine wired: nothing to remove');
    return Promise.resolve();
  }
}
