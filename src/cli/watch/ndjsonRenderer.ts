import type { Writable } from 'node:stream';
import type { JobEventSummary } from '../client/jobOperations.ts';
import type { WatchRenderer } from './watchRenderer.ts';

/** `--json`: one JSON document per event and line (NDJSON); the last line holds the final state. */
export class NdjsonRenderer implements WatchRenderer {
  constructor(private readonly out: Writable) {}

  event(event: JobEventSummary): void {
    this.out.write(`${JSON.stringify(event)}\n`);
  }

  end(): void {}

  interrupt(): void {}
}
