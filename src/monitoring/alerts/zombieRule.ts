import type { ZombieStore } from '../zombieStore.ts';
import type { ActiveCondition, AlertRule } from './alertRule.ts';

/** `ZOMBIE_DETECTED`: one incident per open zombie record; it resolves when the record's `resolvedAt` is set. */
export class ZombieRule implements AlertRule {
  readonly name = 'zombie';
  readonly kind = 'ZOMBIE_DETECTED' as const;
  constructor(private readonly zombies: ZombieStore) {}

  async active(): Promise<ActiveCondition[]> {
    const open = await this.zombies.list(null, false, 1000);
    return open.map((z) => ({
      key: z._id,
      occurrence: 'detected',
      tenantId: z.tenantId ?? null,
      message: `zombie job ${z.jobId} (${z.jobType ?? 'unknown type'}, tenant ${z.tenantId ?? '?'}): ${z.reason}${z.workerId ? ` on worker ${z.workerId}` : ''}${z.since instanceof Date ? ` since ${z.since.toISOString()}` : ''}`,
    }));
  }
}
