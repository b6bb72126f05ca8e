import { BulkQueryJob } from '../bulk/bulkQueryJob.ts';
import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import { columnDelimiters, type ColumnDelimiterName } from '../format/csvRecordFormatter.ts';
import type { ApiContext } from '../http/apiContext.ts';
import { readJsonBody } from '../http/requestBody.ts';
import { sendEmpty, sendJson, writeWithBackpressure } from '../http/responseWriter.ts';
import type { RouteTable } from '../http/routeTable.ts';
import { QueryExecution } from '../soql/queryExecution.ts';
import { bindSoql } from '../soql/soqlBinder.ts';
import { parseSoql } from '../soql/soqlParser.ts';

function invalidJob(message: string): never {
  throw new SalesforceApiError(SalesforceErrorCode.INVALIDJOB, message);
}

/** Reads `columnDelimiter` and `lineEnding` of a job request, defaulting to COMMA and LF. */
export function readDialect(body: Record<string, unknown>): { columnDelimiter: ColumnDelimiterName; lineEnding: 'LF' | 'CRLF' } {
  const columnDelimiter = body['columnDelimiter'] ?? 'COMMA';
  const lineEnding = body['lineEnding'] ?? 'LF';
  if (typeof columnDelimiter !== 'string' || !Object.hasOwn(columnDelimiters, columnDelimiter)) invalidJob(`Invalid columnDelimiter: ${String(columnDelimiter)}`);
  if (lineEnding !== 'LF' && lineEnding !== 'CRLF') invalidJob(`Invalid lineEnding: ${String(lineEnding)}`);
  const contentType = body['contentType'] ?? 'CSV';
  if (contentType !== 'CSV') invalidJob(`Invalid contentType: ${String(contentType)}`);
  return { columnDelimiter: columnDelimiter as ColumnDelimiterName, lineEnding };
}

function requireJob(ctx: ApiContext, id: string): BulkQueryJob {
  const job = ctx.services.bulkJobs.queryJob(id);
  if (!job) throw new SalesforceApiError(SalesforceErrorCode.NOT_FOUND, 'The requested resource does not exist');
  return job;
}

async function createJob(ctx: ApiContext): Promise<void> {
  const body = (await readJsonBody(ctx.req, ctx.deps.options.maxBodyBytes) ?? {}) as Record<string, unknown>;
  const operation = body['operation'];
  if (operation !== 'query' && operation !== 'queryAll') invalidJob(`Invalid operation: ${String(operation)}; expected query or queryAll`);
  if (typeof body['query'] !== 'string' || body['query'].trim() === '') invalidJob('The query field is required');
  let execution: QueryExecution;
  try {
    const bound = bindSoql(parseSoql(body['query']), ctx.deps.catalog);
    if (bound.shape !== 'records') invalidJob('Aggregate queries are not supported by Bulk API 2.0 query jobs');
    if (bound.offset > 0) invalidJob('OFFSET is not supported by Bulk API 2.0 query jobs');
    execution = new QueryExecution(ctx.org, bound, operation === 'queryAll');
  } catch (error) {
    if (error instanceof SalesforceApiError && error.errorCode !== SalesforceErrorCode.INVALIDJOB) invalidJob(error.message);
    throw error;
  }
  const job = new BulkQueryJob({
    id: ctx.services.bulkJobs.newJobId(),
    org: ctx.org,
    execution,
    operation,
    apiVersion: Number(ctx.version),
    ...readDialect(body),
  });
  ctx.services.bulkJobs.addQueryJob(job);
  job.start(ctx.deps.bulkSettings(ctx.org, 'bulkQuery', ctx.req.method ?? 'POST'));
  sendJson(ctx.res, 200, job.info());
}

async function sendResults(ctx: ApiContext, id: string): Promise<void> {
  const job = requireJob(ctx, id);
  const locatorParam = ctx.url.searchParams.get('locator');
  const maxParam = ctx.url.searchParams.get('maxRecords');
  const maxRecords = maxParam === null ? ctx.deps.options.bulkResultPageSize : Number(maxParam);
  if (!Number.isInteger(maxRecords) || maxRecords < 1) invalidJob(`Invalid maxRecords: ${String(maxParam)}`);
  const page = await job.page(locatorParam === null || locatorParam === '' ? null : locatorParam, maxRecords);
  const { res } = ctx;
  res.writeHead(200, {
    'Content-Type': 'text/csv',
    'Sforce-Locator': page.nextLocator,
    'Sforce-NumberOfRecords': String(page.numberOfRecords),
  });
  await page.write(async (chunk) => {
    if (res.destroyed) throw new Error('client went away');
    await writeWithBackpressure(res, chunk);
  });
  res.end();
}

/** Adds Bulk API 2.0 query jobs under `jobs/query`: create, list, info, abort, delete and paged CSV results. */
export function registerBulkQueryRoutes(routes: RouteTable<ApiContext>): void {
  routes
    .add('POST', /^\/jobs\/query\/?$/, 'bulkQuery', (ctx) => createJob(ctx))
    .add('GET', /^\/jobs\/query\/?$/, 'bulkQuery', async (ctx) => {
      sendJson(ctx.res, 200, { done: true, records: ctx.services.bulkJobs.allQueryJobs().map((job) => job.info()), nextRecordsUrl: null });
    })
    .add('GET', /^\/jobs\/query\/(\w+)\/results\/?$/, 'bulkQuery', (ctx, [id = '']) => sendResults(ctx, id))
    .add('GET', /^\/jobs\/query\/(\w+)\/?$/, 'bulkQuery', async (ctx, [id = '']) => {
      sendJson(ctx.res, 200, requireJob(ctx, id).info());
    })
    .add('PATCH', /^\/jobs\/query\/(\w+)\/?$/, 'bulkQuery', async (ctx, [id = '']) => {
      const job = requireJob(ctx, id);
      const body = (await readJsonBody(ctx.req, ctx.deps.options.maxBodyBytes) ?? {}) as Record<string, unknown>;
      if (body['state'] !== 'Aborted') throw new SalesforceApiError(SalesforceErrorCode.INVALIDJOBSTATE, `Invalid state: ${String(body['state'])}; a query job can only be Aborted`);
      job.abort();
      sendJson(ctx.res, 200, job.info());
    })
    .add('DELETE', /^\/jobs\/query\/(\w+)\/?$/, 'bulkQuery', async (ctx, [id = '']) => {
      requireJob(ctx, id);
      ctx.services.bulkJobs.deleteQueryJob(id);
      sendEmpty(ctx.res, 204);
    });
}
