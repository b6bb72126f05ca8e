import type { Connection } from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api.js';
import type { ApiBudget, BulkQueryJobInfo, BulkResultPage } from './salesforceClient.ts';

type HttpResponse = { statusCode: number; headers: Record<string, string | undefined> };
type RawBulkJobInfo = { id: string; state: BulkQueryJobInfo['state']; numberRecordsProcessed?: number; errorMessage?: string };

const LIMIT_INFO = /api-usage=(\d+)\/(\d+)/;

/**
 * jsforce's HTTP layer, reading an error answer by its own content type: a CSV request asks for
 * `text/plain` (unparsed), but its errors are Salesforce's JSON `[{ errorCode, message }]`, whose
 * code decides retry or failure.
 */
class BulkQueryHttpApi extends HttpApi<never> {
  override getResponseContentType(response: HttpResponse): string | undefined {
    return response.statusCode >= 400 ? (response.headers['content-type'] ?? undefined) : super.getResponseContentType(response as never) ?? undefined;
  }
}

/**
 * Bulk API 2.0 query jobs over a jsforce connection, paged by hand: jsforce 3.10's own
 * `bulk2.query()` breaks on results of several pages. Requests go through jsforce's HTTP layer,
 * which renews an expired session and retries transient failures like every jsforce call; the
 * response headers (`Sforce-Locator`, `Sforce-Limit-Info`) are read here.
 */
export class JsforceBulkQuery {
  private usage: ApiBudget | null = null;

  constructor(private readonly conn: Connection) {}

  /** Creates a query job (`queryAll` with `all`). */
  async create(soql: string, all: boolean): Promise<BulkQueryJobInfo> {
    const body = JSON.stringify({ operation: all ? 'queryAll' : 'query', query: soql, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' });
    const { body: info } = await this.request({ method: 'POST', path: '', body, headers: { 'Content-Type': 'application/json; charset=utf-8' } }, 'application/json');
    return toJobInfo(info as RawBulkJobInfo);
  }

  /** A job's state. */
  async info(jobId: string): Promise<BulkQueryJobInfo> {
    return toJobInfo((await this.request({ method: 'GET', path: `/${encodeURIComponent(jobId)}` }, 'application/json')).body as RawBulkJobInfo);
  }

  /** One page of a completed job's results. */
  async results(jobId: string, locator: string | null, maxRecords: number): Promise<BulkResultPage> {
    const query = new URLSearchParams({ maxRecords: String(maxRecords) });
    if (locator !== null) query.set('locator', locator);
    // text/plain: jsforce would parse text/csv into string-only objects; the caller types the values by the describe.
    const { body, response } = await this.request({ method: 'GET', path: `/${encodeURIComponent(jobId)}/results?${query.toString()}`, headers: { Accept: 'text/csv' } }, 'text/plain');
    const next = response?.headers['sforce-locator'];
    return {
      csv: typeof body === 'string' ? body : '',
      records: Number(response?.headers['sforce-numberofrecords'] ?? 0),
      nextLocator: next === undefined || next === '' || next === 'null' ? null : next,
    };
  }

  /** The API usage the last Bulk answer reported. */
  lastUsage(): ApiBudget | null {
    return this.usage;
  }

  private async request(request: { method: string; path: string; body?: string; headers?: Record<string, string> }, responseType: string): Promise<{ body: unknown; response: HttpResponse | undefined }> {
    const url = new URL(`services/data/v${this.conn.version}/jobs/query${request.path}`, `${this.conn.instanceUrl}/`).toString();
    const api = new BulkQueryHttpApi(this.conn as never, { responseType });
    let last: HttpResponse | undefined;
    api.on('response', (response: HttpResponse) => {
      last = response;
      const usage = LIMIT_INFO.exec(response.headers['sforce-limit-info'] ?? '');
      if (usage !== null) this.usage = { max: Number(usage[2]), remaining: Number(usage[2]) - Number(usage[1]) };
    });
    const body: unknown = await api.request({ method: request.method as 'GET', url, body: request.body, headers: request.headers ?? {} });
    return { body, response: last };
  }
}

function toJobInfo(raw: RawBulkJobInfo): BulkQueryJobInfo {
  return { id: raw.id, state: raw.state, numberRecordsProcessed: raw.numberRecordsProcessed ?? 0, errorMessage: raw.errorMessage ?? null };
}
