import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';

/** A frame of the code a blocked worker was running, as the inspector paused it. */
export interface BlockedFrame {
  functionName: string;
  url: string;
  line: number;
  column: number;
}

/** What the inspector got out of a blocked worker. */
export interface InspectorReport {
  /** `process.report.getReport()` as evaluated inside the paused, blocked code. */
  report: Record<string, unknown>;
  /** Where it was paused, innermost first. */
  frames: BlockedFrame[];
}

interface CdpMessage {
  id?: number;
  method?: string;
  params?: {
    callFrames?: { callFrameId: string; functionName: string; url: string; location: { scriptId: string; lineNumber: number; columnNumber?: number } }[];
    scriptId?: string;
    url?: string;
  };
  result?: { result?: { value?: unknown }; exceptionDetails?: unknown };
  error?: { message: string };
}

/**
 * Gets a diagnostic report out of a process whose event loop is blocked by synchronous code, which Node's
 * report-on-signal cannot do (its handler is JavaScript and waits for the loop). SIGUSR1 opens the
 * process's inspector on `127.0.0.1:<port>` (set with `--inspect-port`), whose messages V8 handles by
 * interrupting running JavaScript: the debugger pauses the blocked code and evaluates
 * `process.report.getReport()` right there, so the report's JavaScript stack is the blocking one.
 * The process is meant to be killed afterwards (its inspector stays open). Rejects after `timeoutMs`.
 */
export async function reportThroughInspector(pid: number, port: number, timeoutMs: number): Promise<InspectorReport> {
  const deadline = Date.now() + timeoutMs;
  process.kill(pid, 'SIGUSR1');
  let target: string | undefined;
  while (target === undefined) {
    if (Date.now() > deadline) throw new Error(`inspector of ${pid} did not open on port ${port}`);
    try {
      const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(500) })).json()) as { webSocketDebuggerUrl?: string }[];
      target = list[0]?.webSocketDebuggerUrl;
    } catch {
      await sleep(50);
    }
  }
  const ws = new WebSocket(target);
  try {
    return await Promise.race([
      session(ws),
      sleep(Math.max(0, deadline - Date.now()), undefined, { ref: false }).then(() => {
        throw new Error(`inspector of ${pid} did not answer within ${timeoutMs} ms`);
      }),
    ]);
  } finally {
    ws.terminate();
  }
}

/**
 * Evaluated in the paused worker: its report without environment and command line, which do not even travel
 * to the supervisor (the diagnostic store removes them anyway, with any configured secret).
 */
const REPORT_EXPRESSION =
  '(() => { const strip = (r) => { delete r.environmentVariables; if (r.header) delete r.header.commandLine; for (const w of r.workers ?? []) strip(w); return r; }; return JSON.stringify(strip(process.report.getReport())); })()';

async function session(ws: WebSocket): Promise<InspectorReport> {
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 0;
  const scripts = new Map<string, string>();
  const pending = new Map<number, (message: CdpMessage) => void>();
  let onPaused: (message: CdpMessage) => void = () => undefined;
  const paused = new Promise<CdpMessage>((resolve) => {
    onPaused = resolve;
  });
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as CdpMessage;
    if (message.id !== undefined) pending.get(message.id)?.(message);
    else if (message.method === 'Debugger.paused') onPaused(message);
    // Frames name their script by id (their own `url` is empty on recent V8).
    else if (message.method === 'Debugger.scriptParsed' && message.params?.scriptId !== undefined) scripts.set(message.params.scriptId, message.params.url ?? '');
  });
  const send = (method: string, params: Record<string, unknown> = {}): Promise<CdpMessage> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, (message) => (message.error === undefined ? resolve(message) : reject(new Error(`${method}: ${message.error.message}`))));
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('Debugger.enable');
  await send('Debugger.pause');
  const frames = (await paused).params?.callFrames ?? [];
  const top = frames[0];
  if (top === undefined) throw new Error('the inspector paused with no call frame');
  const evaluated = await send('Debugger.evaluateOnCallFrame', { callFrameId: top.callFrameId, expression: REPORT_EXPRESSION, returnByValue: true });
  const text = evaluated.result?.result?.value;
  if (typeof text !== 'string') throw new Error('process.report.getReport() failed inside the paused process');
  return {
    report: JSON.parse(text) as Record<string, unknown>,
    frames: frames.map((f) => ({ functionName: f.functionName, url: f.url || (scripts.get(f.location.scriptId) ?? ''), line: f.location.lineNumber + 1, column: (f.location.columnNumber ?? 0) + 1 })),
  };
}
