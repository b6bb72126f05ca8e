import type { OwnedScheduleSpec, PolicyScheduleRegistry } from '../../src/jobs/salesforce/index.ts';

/** A {@link PolicyScheduleRegistry} in memory: what the policies asked for, by tenant and owner. Tests run occurrences themselves. */
export class InMemoryPolicySchedules implements PolicyScheduleRegistry {
  readonly schedules = new Map<string, { owner: string; tenantId: string; spec: OwnedScheduleSpec }>();

  upsertOwned(owner: string, tenantId: string, spec: OwnedScheduleSpec): Promise<void> {
    this.schedules.set(`${tenantId}/${owner}`, { owner, tenantId, spec });
    return Promise.resolve();
  }

  removeOwned(owner: string, tenantId: string): Promise<void> {
    this.schedules.delete(`${tenantId}/${owner}`);
    return Promise.resolve();
  }

  /** The schedule `owner` owns in `tenantId`, if any. */
  get(owner: string, tenantId: string): OwnedScheduleSpec | undefined {
    return this.schedules.get(`${tenantId}/${owner}`)?.spec;
  }
}
