import { z } from 'zod';

/** How diagnostic files (reports, heap snapshots) may be taken and how long they are kept. */
export interface DiagnosticsConfig {
  /**
   * Whether operators may take heap snapshots (`LONGHAUL_HEAP_SNAPSHOTS`: `on` or `off`, default `off`).
   * A heap snapshot holds everything the process has in memory, decrypted org credentials and session
   * tokens among it; off, `captureDiagnostics(kind: HEAP_SNAPSHOT)` is refused (`HEAP_SNAPSHOTS_DISABLED`).
   */
  heapSnapshots: boolean;
  /** How long a diagnostic report is kept before the retention sweep deletes it (`LONGHAUL_DIAGNOSTICS_TTL_MS`, default 604800000: 7 days). */
  ttlMs: number;
  /** How long a heap snapshot is kept (`LONGHAUL_HEAP_SNAPSHOT_TTL_MS`, default 86400000: a day; never longer than `ttlMs`). */
  heapSnapshotTtlMs: number;
}

const DAY_MS = 86_400_000;

const EnvSchema = z.object({
  LONGHAUL_HEAP_SNAPSHOTS: z.enum(['on', 'off']).default('off'),
  LONGHAUL_DIAGNOSTICS_TTL_MS: z.coerce.number().int().min(1000).default(7 * DAY_MS),
  LONGHAUL_HEAP_SNAPSHOT_TTL_MS: z.coerce.number().int().min(1000).optional(),
});

/** Reads the diagnostics settings from the environment; throws an `Error` naming every bad variable. */
export function parseDiagnosticsConfig(env: NodeJS.ProcessEnv): DiagnosticsConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const e = parsed.data;
  return {
    heapSnapshots: e.LONGHAUL_HEAP_SNAPSHOTS === 'on',
    ttlMs: e.LONGHAUL_DIAGNOSTICS_TTL_MS,
    heapSnapshotTtlMs: Math.min(e.LONGHAUL_HEAP_SNAPSHOT_TTL_MS ?? DAY_MS, e.LONGHAUL_DIAGNOSTICS_TTL_MS),
  };
}
