import type { Collection, Db } from 'mongodb';
import { Collections } from '../../db/collections.ts';
import type { ZombieDocument } from '../zombieDocument.ts';
import type { ActiveCondition, AlertRule } from './alertRule.ts';

/** `ZOMBIE_DETECTED`: one incident per open zombie record; it resolves when the record's `resolvedAt` is set. */
export class ZombieRule implements AlertRule {
  readonly name = 'zombie';
  readonly kind = 'ZOMBIE_DETECTED' as const;
  private readonly zombies: Collection<ZombieDocument>;

  constructor(db: Db) {
    this.zombies = db.collection<ZombieDocument>(Collections.zombies);
  }

  async active(): Promise<ActiveCondition[]> {
    const open = await this.zombies
      .find({ resolvedAt: null }, { projection: { _id: 1, jobId: 1, tenantId: 1, jobType: 1, reason: 1, workerId: 1, since: 1 } })
      .limit(1000)
      .toArray();
    return open.map((z) => ({
      key: z._id,
      occurrence: 'detected',
      tenantId: z.tenantId ?? null,
      message: `zombie job ${z.jobId} (${z.jobType ?? 'unknown type'}, tenant ${z.tenantId ?? '?'}): ${z.reason}${z.workerId ? ` on worker ${z.workerId}` : ''}${z.since instanceof Date ? ` since ${z.since.toISOString()}` : ''}`,
    }));
  }
}
