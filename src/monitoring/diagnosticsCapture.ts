import { getHeapSnapshot } from 'node:v8';
import type { Bus } from '../bus/bus.ts';
import type { Logger } from '../logging/logger.ts';
import { MONITORING_COMMAND_TOPIC, type DiagnosticCommand } from './diagnosticCommand.ts';
import type { DiagnosticDocument, DiagnosticKind } from './diagnosticDocument.ts';
import type { DiagnosticStore } from './diagnosticStore.ts';
import type { EventLoopMonitor } from './eventLoopMonitor.ts';
import type { MonitoringEventPublisher } from './monitoringEventPublisher.ts';

/** Options of {@link DiagnosticsCapture}. */
export interface DiagnosticsCaptureOptions {
  store: DiagnosticStore;
  events: MonitoringEventPublisher;
  bus: Bus;
  eventLoop: EventLoopMonitor;
  workerId: string;
  logger: Logger;
  /** Called before a capture that blocks the event loop for long (a heap snapshot), with a generous bound in ms; default nothing. */
  announcePause?: (ms: number) => void;
}

/** Bound announced before a heap snapshot (V8 writes it synchronously). */
const HEAP_SNAPSHOT_PAUSE_MS = 5 * 60_000;

/** What a diagnostic file is written for. */
export interface DiagnosticOccasion {
  reason: string;
  jobId?: string | null;
  tenantId?: string | null;
  zombieId?: string | null;
  /** Id to store it under (an operator request waits for it); default a new one. */
  id?: string;
}

/**
 * Writes diagnostic files of this process without stopping it: a Node diagnostic report
 * (`process.report.getReport()`, with the current event-loop delay added under `longhaul`) or, when
 * enabled, a V8 heap snapshot streamed straight into storage; the store keeps secrets out of both.
 * Also answers operators' capture requests addressed to this process on the bus.
 */
export class DiagnosticsCapture {
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: DiagnosticsCaptureOptions) {}

  /** Listens for capture requests addressed to this process. */
  start(): void {
    this.unsubscribe ??= this.options.bus.subscribe((event) => {
      if (event.topic !== MONITORING_COMMAND_TOPIC) return;
      const command = event.payload as DiagnosticCommand;
      if (command.command !== 'captureDiagnostics' || command.workerId !== this.options.workerId) return;
      void this.capture(command.kind, { reason: command.reason, id: command.diagnosticId }).catch(async (error: unknown) => {
        this.options.logger.error({ err: error, diagnosticId: command.diagnosticId }, 'requested diagnostics could not be written');
        const reply: DiagnosticCommand = { command: 'captureFailed', workerId: this.options.workerId, diagnosticId: command.diagnosticId, message: (error as Error).message };
        await this.options.bus.publish({ topic: MONITORING_COMMAND_TOPIC, payload: reply }).catch(() => undefined);
      });
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Writes a file of this process, stores it and announces it (`DIAGNOSTICS_CAPTURED`). */
  async capture(kind: DiagnosticKind, occasion: DiagnosticOccasion): Promise<DiagnosticDocument> {
    const { store, events, eventLoop, workerId, logger } = this.options;
    const delay = eventLoop.peek();
    const about = { id: occasion.id, kind, workerId, jobId: occasion.jobId ?? null, tenantId: occasion.tenantId ?? null, reason: occasion.reason, eventLoopDelayMs: delay?.maxMs ?? null };
    let doc: DiagnosticDocument;
    switch (kind) {
      case 'REPORT': {
        const report = process.report.getReport() as Record<string, unknown>;
        report.longhaul = { workerId, reason: occasion.reason, jobId: occasion.jobId ?? null, zombieId: occasion.zombieId ?? null, eventLoopDelay: delay };
        doc = await store.write(about, JSON.stringify(report));
        break;
      }
      case 'HEAP_SNAPSHOT':
        // Refused before it is taken when heap snapshots are off (the store would refuse it anyway).
        store.assertAccepts(kind);
        this.options.announcePause?.(HEAP_SNAPSHOT_PAUSE_MS);
        doc = await store.write(about, getHeapSnapshot());
        break;
      default: {
        const exhaustive: never = kind;
        throw new Error(`unknown diagnostic kind ${String(exhaustive)}`);
      }
    }
    logger.info({ diagnosticId: doc._id, kind, reason: occasion.reason, jobId: occasion.jobId, bytes: doc.bytes }, 'diagnostics written');
    await events.publish(
      {
        kind: 'DIAGNOSTICS_CAPTURED',
        message: `${kind === 'REPORT' ? 'diagnostic report' : 'heap snapshot'} of ${workerId}: ${occasion.reason}`,
        workerId,
        diagnosticId: doc._id,
        ...(occasion.jobId ? { jobId: occasion.jobId } : {}),
        ...(occasion.zombieId ? { zombieId: occasion.zombieId } : {}),
      },
      occasion.tenantId,
    );
    return doc;
  }
}
