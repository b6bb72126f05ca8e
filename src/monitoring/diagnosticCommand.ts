import type { DiagnosticKind } from './diagnosticDocument.ts';

/** Bus topic of requests to a process (and their failure replies); success is announced as `DIAGNOSTICS_CAPTURED` on `monitoring`. */
export const MONITORING_COMMAND_TOPIC = 'monitoring.command';

/** Messages of {@link MONITORING_COMMAND_TOPIC}. */
export type DiagnosticCommand =
  /** Asks process `workerId` to write a diagnostic file under the id `diagnosticId`. */
  | { command: 'captureDiagnostics'; workerId: string; diagnosticId: string; kind: DiagnosticKind; reason: string }
  /** The process could not write it. */
  | { command: 'captureFailed'; workerId: string; diagnosticId: string; message: string };
