import { BulkIngestJob, type IngestOperation } from '../bulk/bulkIngestJob.ts';
import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import type { ApiContext } from '../http/apiContext.ts';
import { readJsonBody, readRequestBody } from '../http/requestBody.ts';
import { sendCsv, sendEmpty, sendJson } from '../http/responseWriter.ts';
import type { RouteTable } from '../http/routeTable.ts';
import { readDialect } from './bulkQueryRoutes.ts';

const operations: readonly IngestOperation[] = ['insert', 'update', 'upsert', 'delete', 'hardDelete'];

function invalidJob(message: string): never {
  throw new SalesforceApiError(SalesforceErrorCode.INVALIDJOB, message);
}

function requireJob(ctx: ApiContext, id: string): BulkIngestJob {
  const job = ctx.services.bulkJobs.ingestJob(id);
  if (!job) throw new SalesforceApiError(SalesforceErrorCode.NOT_FOUND, 'The requested resource does not exist');
  return job;
}

async function createJob(ctx: ApiContext): Promise<void> {
  const body = (await readJsonBody(ctx.req, ctx.deps.options.maxBodyBytes) ?? {}) as Record<string, unknown>;
  const operation = body['operation'];
  if (typeof operation !== 'string' || !operations.includes(operation as IngestOperation)) invalidJob(`Invalid operation: ${String(operation)}`);
  const def = typeof body['object'] === 'string' ? ctx.deps.catalog.find(body['object']) : undefined;
  if (!def || !def.keyPrefix) invalidJob(`Entity '${String(body['object'])}' is not supported by the Bulk API.`);
  let externalIdFieldName: string | undefined;
  if (operation === 'upsert') {
    const name = body['externalIdFieldName'];
    const field = typeof name === 'string' ? ctx.deps.catalog.findField(def, name) : undefined;
    if (!field || !(field.externalId || field.name === 'Id')) invalidJob(`Invalid externalIdFieldName: ${String(name)}; upsert needs an External ID field or Id`);
    externalIdFieldName = field.name;
  }
  const job = new BulkIngestJob({
    id: ctx.services.bulkJobs.newJobId(),
    org: ctx.org,
    definition: def,
    operation: operation as IngestOperation,
    externalIdFieldName,
    apiVersion: Number(ctx.version),
    ...readDialect(body),
  });
  ctx.services.bulkJobs.addIngestJob(job);
  sendJson(ctx.res, 200, job.info());
}

async function changeState(ctx: ApiContext, id: string): Promise<void> {
  const job = requireJob(ctx, id);
  const body = (await readJsonBody(ctx.req, ctx.deps.options.maxBodyBytes) ?? {}) as Record<string, unknown>;
  switch (body['state']) {
    case 'UploadComplete':
      job.close(ctx.services.writer, ctx.deps.bulkSettings(ctx.org, 'bulkIngest', ctx.req.method ?? 'PATCH'));
      break;
    case 'Aborted':
      job.abort();
      break;
    default:
      throw new SalesforceApiError(SalesforceErrorCode.INVALIDJOBSTATE, `Invalid state: ${String(body['state'])}; expected UploadComplete or Aborted`);
  }
  sendJson(ctx.res, 200, job.info());
}

/**
 * Adds Bulk API 2.0 ingest jobs under `jobs/ingest`: create, CSV upload
 * (`PUT batches`), `UploadComplete` / `Aborted`, info, list, delete, and the
 * `successfulResults`, `failedResults` and `unprocessedrecords` CSVs.
 */
export function registerBulkIngestRoutes(routes: RouteTable<ApiContext>): void {
  routes
    .add('POST', /^\/jobs\/ingest\/?$/, 'bulkIngest', (ctx) => createJob(ctx))
    .add('GET', /^\/jobs\/ingest\/?$/, 'bulkIngest', async (ctx) => {
      sendJson(ctx.res, 200, { done: true, records: ctx.services.bulkJobs.allIngestJobs().map((job) => job.info()), nextRecordsUrl: null });
    })
    .add('PUT', /^\/jobs\/ingest\/(\w+)\/batches\/?$/, 'bulkIngest', async (ctx, [id = '']) => {
      const job = requireJob(ctx, id);
      const csv = (await readRequestBody(ctx.req, ctx.deps.options.maxBodyBytes)).toString('utf8');
      job.upload(csv);
      sendEmpty(ctx.res, 201);
    })
    .add('GET', /^\/jobs\/ingest\/(\w+)\/successfulResults\/?$/, 'bulkIngest', async (ctx, [id = '']) => {
      sendCsv(ctx.res, 200, requireJob(ctx, id).successfulResultsCsv());
    })
    .add('GET', /^\/jobs\/ingest\/(\w+)\/failedResults\/?$/, 'bulkIngest', async (ctx, [id = '']) => {
      sendCsv(ctx.res, 200, requireJob(ctx, id).failedResultsCsv());
    })
    .add('GET', /^\/jobs\/ingest\/(\w+)\/unprocessedrecords\/?$/, 'bulkIngest', async (ctx, [id = '']) => {
      sendCsv(ctx.res, 200, requireJob(ctx, id).unprocessedRecordsCsv());
    })
    .add('GET', /^\/jobs\/ingest\/(\w+)\/?$/, 'bulkIngest', async (ctx, [id = '']) => {
      sendJson(ctx.res, 200, requireJob(ctx, id).info());
    })
    .add('PATCH', /^\/jobs\/ingest\/(\w+)\/?$/, 'bulkIngest', (ctx, [id = '']) => changeState(ctx, id))
    .add('DELETE', /^\/jobs\/ingest\/(\w+)\/?$/, 'bulkIngest', async (ctx, [id = '']) => {
      requireJob(ctx, id);
      ctx.services.bulkJobs.deleteIngestJob(id);
      sendEmpty(ctx.res, 204);
    });
}
