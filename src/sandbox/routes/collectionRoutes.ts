import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import { toRestRecord } from '../format/restRecordFormatter.ts';
import type { ApiContext } from '../http/apiContext.ts';
import { readJsonBody } from '../http/requestBody.ts';
import { sendJson } from '../http/responseWriter.ts';
import type { RouteTable } from '../http/routeTable.ts';
import type { RecordWriteResult } from '../org/recordSaveError.ts';
import type { UndoLog, WriteOptions } from '../org/recordWriter.ts';
import { SalesforceId } from '../org/salesforceId.ts';
import { requireObject, } from './describeRoutes.ts';
import { selectFields } from './sobjectRoutes.ts';

/** Most records one sObject Collections request may carry. */
export const maxCollectionSize = 200;

type RecordOperation = (record: Record<string, unknown>, options: WriteOptions) => RecordWriteResult;

function tooMany(): never {
  throw new SalesforceApiError(SalesforceErrorCode.EXCEEDED_ID_LIMIT, `record limit reached. cannot submit more than ${maxCollectionSize} records into this call`);
}

async function readCollection(ctx: ApiContext): Promise<{ allOrNone: boolean; records: Record<string, unknown>[] }> {
  const body = await readJsonBody(ctx.req, ctx.deps.options.maxBodyBytes) as { allOrNone?: unknown; records?: unknown } | undefined;
  if (!body || !Array.isArray(body.records)) {
    throw new SalesforceApiError(SalesforceErrorCode.JSON_PARSER_ERROR, 'The request body must have a records array');
  }
  if (body.records.length > maxCollectionSize) tooMany();
  return { allOrNone: body.allOrNone === true, records: body.records as Record<string, unknown>[] };
}

function typeOf(ctx: ApiContext, record: Record<string, unknown>): ReturnType<typeof ctx.deps.catalog.find> {
  const attributes = record['attributes'] as { type?: unknown } | undefined;
  return typeof attributes?.type === 'string' ? ctx.deps.catalog.find(attributes.type) : undefined;
}

function respond(ctx: ApiContext, results: RecordWriteResult[], allOrNone: boolean, undo: UndoLog, withCreated: boolean): void {
  const failed = results.some((r) => !r.success);
  if (allOrNone && failed) ctx.services.writer.rollback(undo);
  sendJson(ctx.res, 200, results.map((result) => {
    if (result.success && !(allOrNone && failed)) {
      return withCreated ? { id: result.id, success: true, errors: [], created: result.created } : { id: result.id, success: true, errors: [] };
    }
    const errors = result.success
      ? [{ statusCode: SalesforceErrorCode.ALL_OR_NONE_OPERATION_ROLLED_BACK, message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }]
      : result.errors.map((e) => ({ statusCode: e.statusCode, message: e.message, fields: [...e.fields] }));
    const entry: Record<string, unknown> = { success: false, errors };
    if (result.id) entry['id'] = result.id;
    if (withCreated) entry['created'] = false;
    return entry;
  }));
}

function runAll(ctx: ApiContext, records: Record<string, unknown>[], allOrNone: boolean, operation: RecordOperation): { results: RecordWriteResult[]; undo: UndoLog } {
  const undo: UndoLog = [];
  const results: RecordWriteResult[] = [];
  for (const record of records) {
    const injectedError = ctx.deps.faults.recordError({ kind: 'collections', orgId: ctx.org.orgId, method: ctx.req.method ?? 'POST' });
    const result = operation(record, { undo, injectedError });
    results.push(result);
    if (allOrNone && !result.success) {
      for (let i = results.length; i < records.length; i += 1) results.push({ success: true, id: '', created: false });
      break;
    }
  }
  return { results, undo };
}

async function retrieveMany(ctx: ApiContext, objectName: string, ids: readonly string[], fieldNames: string | null): Promise<void> {
  const def = requireObject(ctx, objectName);
  if (ids.length > 2000) tooMany();
  const fields = selectFields(ctx, def, fieldNames);
  sendJson(ctx.res, 200, ids.map((id) => {
    const located = SalesforceId.isValid(id) ? ctx.org.locate(id) : undefined;
    const record = located && located.store.definition.name === def.name ? located.store.read(located.sequence) : undefined;
    return record && !record.deleted ? toRestRecord(def, fields, record.values, ctx.version) : null;
  }));
}

/**
 * Adds sObject Collections under `composite/sobjects`: create (POST),
 * update (PATCH), delete (DELETE `?ids=`), retrieve (GET or POST with a
 * type) and upsert (PATCH with a type and external Id field), at most 200
 * records a request, `allOrNone` rolling back the whole request.
 */
export function registerCollectionRoutes(routes: RouteTable<ApiContext>): void {
  routes
    .add('POST', /^\/composite\/sobjects\/?$/, 'collections', async (ctx) => {
      const { allOrNone, records } = await readCollection(ctx);
      const { results, undo } = runAll(ctx, records, allOrNone, (record, options) => {
        const def = typeOf(ctx, record);
        if (!def) return { success: false, id: null, errors: [{ statusCode: SalesforceErrorCode.INVALID_TYPE, message: 'Must send a concrete entity type.', fields: [] }] };
        if (record['Id'] !== undefined || record['id'] !== undefined) {
          return { success: false, id: null, errors: [{ statusCode: SalesforceErrorCode.INVALID_FIELD, message: 'cannot specify Id in an insert call', fields: ['Id'] }] };
        }
        return ctx.services.writer.create(def, record, options);
      });
      respond(ctx, results, allOrNone, undo, false);
    })
    .add('PATCH', /^\/composite\/sobjects\/?$/, 'collections', async (ctx) => {
      const { allOrNone, records } = await readCollection(ctx);
      const { results, undo } = runAll(ctx, records, allOrNone, (record, options) => {
        const def = typeOf(ctx, record);
        const { id, Id, ...rest } = record;
        if (!def) return { success: false, id: null, errors: [{ statusCode: SalesforceErrorCode.INVALID_TYPE, message: 'Must send a concrete entity type.', fields: [] }] };
        return ctx.services.writer.update(def, id ?? Id, rest, options);
      });
      respond(ctx, results, allOrNone, undo, false);
    })
    .add('DELETE', /^\/composite\/sobjects\/?$/, 'collections', async (ctx) => {
      const ids = (ctx.url.searchParams.get('ids') ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
      if (ids.length > maxCollectionSize) tooMany();
      const allOrNone = ctx.url.searchParams.get('allOrNone') === 'true';
      const { results, undo } = runAll(ctx, ids.map((id) => ({ id })), allOrNone, (record, options) => ctx.services.writer.delete(undefined, record['id'], options));
      respond(ctx, results, allOrNone, undo, false);
    })
    .add('GET', /^\/composite\/sobjects\/(\w+)\/?$/, 'collections', async (ctx, [name = '']) => {
      const ids = (ctx.url.searchParams.get('ids') ?? '').split(',').filter((id) => id !== '');
      await retrieveMany(ctx, name, ids, ctx.url.searchParams.get('fields'));
    })
    .add('POST', /^\/composite\/sobjects\/(\w+)\/?$/, 'collections', async (ctx, [name = '']) => {
      const body = await readJsonBody(ctx.req, ctx.deps.options.maxBodyBytes) as { ids?: unknown; fields?: unknown } | undefined;
      const ids = Array.isArray(body?.ids) ? body.ids.map(String) : [];
      const fields = Array.isArray(body?.fields) ? body.fields.map(String).join(',') : null;
      await retrieveMany(ctx, name, ids, fields);
    })
    .add('PATCH', /^\/composite\/sobjects\/(\w+)\/(\w+)\/?$/, 'collections', async (ctx, [name = '', fieldName = '']) => {
      const def = requireObject(ctx, name);
      const { allOrNone, records } = await readCollection(ctx);
      const { results, undo } = runAll(ctx, records, allOrNone, (record, options) => ctx.services.writer.upsert(def, fieldName, record, options));
      respond(ctx, results, allOrNone, undo, true);
    });
}
