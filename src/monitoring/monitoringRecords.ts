import type { AlertIncidentStore } from './alerts/alertIncidentStore.ts';
import type { AlertDocument } from './alertDocument.ts';
import type { DiagnosticDocument } from './diagnosticDocument.ts';
import type { DiagnosticStore } from './diagnosticStore.ts';
import type { WorkerDocument } from './workerDocument.ts';
import type { WorkerStore } from './workerStore.ts';
import type { ZombieDocument } from './zombieDocument.ts';
import type { ZombieStore } from './zombieStore.ts';

/** The stores {@link MonitoringRecords} reads. */
export interface MonitoringRecordStores {
  zombies: ZombieStore;
  workers: WorkerStore;
  diagnostics: DiagnosticStore;
  alerts: AlertIncidentStore;
}

/**
 * Reads monitoring records by id for the API (a monitoring event names them; subscribers load them).
 * Tenant scoping is the caller's business: `tenantId` narrows a lookup, `null` reads any tenant's.
 */
export class MonitoringRecords {
  constructor(private readonly stores: MonitoringRecordStores) {}

  zombie(id: string, tenantId: string | null): Promise<ZombieDocument | null> {
    return this.stores.zombies.getInTenant(id, tenantId);
  }

  /** Workers are not tenant data: every caller may see a process's record. */
  worker(id: string): Promise<WorkerDocument | null> {
    return this.stores.workers.get(id);
  }

  diagnostic(id: string, tenantId: string | null): Promise<DiagnosticDocument | null> {
    return this.stores.diagnostics.getInTenant(id, tenantId);
  }

  /** An alert; a tenant sees only alerts about its own jobs. */
  alert(id: string, tenantId: string | null): Promise<AlertDocument | null> {
    return this.stores.alerts.getView(id, tenantId);
  }

  /** Alert incidents, newest first: open ones, or all with `includeResolved`; at most `limit`. */
  listAlerts(tenantId: string | null, includeResolved: boolean, limit = 500): Promise<AlertDocument[]> {
    return this.stores.alerts.listViews(tenantId, includeResolved, limit);
  }
}
