import WebSocket from 'ws';
import type { LonghaulProcess } from './longhaulProcess.ts';

/**
 * Environment that opens a started process's inspector on a free loopback port (printed on stderr),
 * for {@link HeapInspector}. Only for processes that start no children (`serve`): they would inherit it.
 */
export const INSPECT_ENV: NodeJS.ProcessEnv = { NODE_OPTIONS: '--inspect=127.0.0.1:0' };

/** Measures a test process's heap through its inspector: a forced full GC first, so garbage does not count. */
export class HeapInspector {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (result: any) => void; reject: (error: Error) => void }>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
      if (waiter === undefined) return;
      this.pending.delete(message.id!);
      if (message.error !== undefined) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
  }

  /** Connects to the inspector `app` announced on stderr (started with {@link INSPECT_ENV}). */
  static async attach(app: LonghaulProcess): Promise<HeapInspector> {
    const line = await app.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('Debugger listening on ws://'));
    const url = /ws:\/\/\S+/.exec(line.msg as string)![0];
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new HeapInspector(ws);
  }

  /** Bytes of live JavaScript heap after two forced full collections. */
  async usedAfterGc(): Promise<number> {
    await this.call('HeapProfiler.collectGarbage');
    await this.call('HeapProfiler.collectGarbage');
    const usage = (await this.call('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  }

  close(): void {
    this.ws.terminate();
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }
}
