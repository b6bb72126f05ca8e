import type { ServerResponse } from 'node:http';
import type { SalesforceApiError } from '../errors/salesforceApiError.ts';

/** Sends `body` as JSON with `status` (Salesforce's content type: `application/json;charset=UTF-8`). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

/** Sends an empty response (`204 No Content` by default). */
export function sendEmpty(res: ServerResponse, status = 204, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

/** Sends a Salesforce API error in its `[{ message, errorCode, fields }]` shape. */
export function sendSalesforceError(res: ServerResponse, error: SalesforceApiError): void {
  sendJson(res, error.status, error.toBody());
}

/** Sends CSV text. */
export function sendCsv(res: ServerResponse, status: number, csv: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/csv', 'Content-Length': Buffer.byteLength(csv), ...headers });
  res.end(csv);
}

/** Writes a chunk, waiting for the socket to drain when its buffer is full (backpressure). */
export async function writeWithBackpressure(res: ServerResponse, chunk: string): Promise<void> {
  if (res.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
