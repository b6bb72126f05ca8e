export type DiagnosticKind = 'REPORT' | 'HEAP_SNAPSHOT';

/** A diagnostic file's record in the `diagnostics` collection; the file itself is in the `diagnostics` GridFS bucket under the same id. */
export interface DiagnosticDocument {
  _id: string;
  kind: DiagnosticKind;
  workerId: string;
  jobId: string | null;
  tenantId: string | null;
  reason: string;
  createdAt: Date;
  bytes: number;
  eventLoopDelayMs: number | null;
  /**
   * When the sweep deletes it (record and file) and downloads stop: `createdAt` plus `LONGHAUL_DIAGNOSTICS_TTL_MS`
   * (reports) or `LONGHAUL_HEAP_SNAPSHOT_TTL_MS` (heap snapshots). Absent on records written before diagnostics
   * expired: `createdAt` plus `LONGHAUL_DIAGNOSTICS_TTL_MS` then.
   */
  expiresAt?: Date;
}
