import type { Collection, Db, Filter } from 'mongodb';
import type { AlertDocument } from './alertDocument.ts';
import type { DiagnosticDocument } from './diagnosticDocument.ts';
import { Collections } from '../db/collections.ts';
import type { WorkerDocument } from './workerDocument.ts';
import type { ZombieDocument } from './zombieDocument.ts';

/** Fields of an alert record that belong to delivery bookkeeping, not to the API's view. */
const ALERT_VIEW_PROJECTION = { _id: 1, kind: 1, rule: 1, key: 1, tenantId: 1, message: 1, firedAt: 1, resolvedAt: 1, delivered: 1 } as const;

/**
 * Reads monitoring records by id for the API (a monitoring event names them; subscribers load them).
 * Tenant scoping is the caller's business: `tenantId` narrows a lookup, `null` reads any tenant's.
 */
export class MonitoringRecords {
  private readonly zombies: Collection<ZombieDocument>;
  private readonly workers: Collection<WorkerDocument>;
  private readonly diagnostics: Collection<DiagnosticDocument>;
  private readonly alerts: Collection<AlertDocument>;

  constructor(db: Db) {
    this.zombies = db.collection<ZombieDocument>(Collections.zombies);
    this.workers = db.collection<WorkerDocument>(Collections.workers);
    this.diagnostics = db.collection<DiagnosticDocument>(Collections.diagnostics);
    this.alerts = db.collection<AlertDocument>(Collections.alerts);
  }

  zombie(id: string, tenantId: string | null): Promise<ZombieDocument | null> {
    return this.zombies.findOne(tenantId === null ? { _id: id } : { _id: id, tenantId });
  }

  /** Workers are not tenant data: every caller may see a process's record. */
  worker(id: string): Promise<WorkerDocument | null> {
    return this.workers.findOne({ _id: id });
  }

  diagnostic(id: string, tenantId: string | null): Promise<DiagnosticDocument | null> {
    return this.diagnostics.findOne(tenantId === null ? { _id: id } : { _id: id, tenantId });
  }

  /** An alert; a tenant sees only alerts about its own jobs. */
  alert(id: string, tenantId: string | null): Promise<AlertDocument | null> {
    return this.alerts.findOne(tenantId === null ? { _id: id } : { _id: id, tenantId }, { projection: ALERT_VIEW_PROJECTION });
  }

  /** Alert incidents, newest first: open ones, or all with `includeResolved`; at most `limit`. */
  listAlerts(tenantId: string | null, includeResolved: boolean, limit = 500): Promise<AlertDocument[]> {
    const filter: Filter<AlertDocument> = {};
    if (tenantId !== null) filter.tenantId = tenantId;
    if (!includeResolved) filter.resolvedAt = null;
    return this.alerts.find(filter, { projection: ALERT_VIEW_PROJECTION }).sort({ firedAt: -1 }).limit(limit).toArray();
  }
}
