import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import { toRestRecord } from '../format/restRecordFormatter.ts';
import type { ApiContext } from '../http/apiContext.ts';
import { readJsonBody } from '../http/requestBody.ts';
import { sendEmpty, sendJson } from '../http/responseWriter.ts';
import type { RouteTable } from '../http/routeTable.ts';
import type { RecordWriteResult } from '../org/recordSaveError.ts';
import { SalesforceId } from '../org/salesforceId.ts';
import type { FieldDefinition } from '../schema/fieldDefinition.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';
import { requireObject } from './describeRoutes.ts';

/** Throws the first error of a failed write as the REST API answers it. */
export function throwWriteFailure(result: RecordWriteResult): void {
  if (result.success) return;
  const error = result.errors[0];
  if (!error) throw new SalesforceApiError(SalesforceErrorCode.UNKNOWN_EXCEPTION);
  throw new SalesforceApiError(error.statusCode, error.message, { fields: error.fields });
}

/** Reads a JSON object body, or `JSON_PARSER_ERROR`. */
export async function readRecordBody(ctx: ApiContext): Promise<Record<string, unknown>> {
  const body = await readJsonBody(ctx.req, ctx.deps.options.maxBodyBytes);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SalesforceApiError(SalesforceErrorCode.JSON_PARSER_ERROR, 'Cannot deserialize instance of sObject from the request body: expected a JSON object');
  }
  return body as Record<string, unknown>;
}

/** The fields named in a `fields=a,b` parameter (all fields when absent), or `INVALID_FIELD`. */
export function selectFields(ctx: ApiContext, def: SObjectDefinition, names: string | null): FieldDefinition[] {
  if (names === null || names.trim() === '') return [...def.fields];
  return names.split(',').map((name) => {
    const field = ctx.deps.catalog.findField(def, name.trim());
    if (!field) throw new SalesforceApiError(SalesforceErrorCode.INVALID_FIELD, `No such column '${name.trim()}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
    return field;
  });
}

async function retrieve(ctx: ApiContext, objectName: string, id: string): Promise<void> {
  const def = requireObject(ctx, objectName);
  const fields = selectFields(ctx, def, ctx.url.searchParams.get('fields'));
  const located = SalesforceId.isValid(id) ? ctx.org.locate(id) : undefined;
  const record = located && located.store.definition.name === def.name ? located.store.read(located.sequence) : undefined;
  if (!record || record.deleted) throw new SalesforceApiError(SalesforceErrorCode.NOT_FOUND, 'The requested resource does not exist');
  sendJson(ctx.res, 200, toRestRecord(def, fields, record.values, ctx.version));
}

/** Adds single-record create, retrieve, update, delete and upsert by external Id under `sobjects/X`. */
export function registerSObjectRoutes(routes: RouteTable<ApiContext>): void {
  routes
    .add('POST', /^\/sobjects\/(\w+)\/?$/, 'sobject', async (ctx, [name = '']) => {
      const def = requireObject(ctx, name);
      const result = ctx.services.writer.create(def, await readRecordBody(ctx));
      throwWriteFailure(result);
      sendJson(ctx.res, 201, { id: result.success ? result.id : null, success: true, errors: [] });
    })
    .add('GET', /^\/sobjects\/(\w+)\/([^/]+)\/?$/, 'sobject', (ctx, [name = '', id = '']) => retrieve(ctx, name, id))
    .add('PATCH', /^\/sobjects\/(\w+)\/([^/]+)\/?$/, 'sobject', async (ctx, [name = '', id = '']) => {
      const def = requireObject(ctx, name);
      const result = ctx.services.writer.update(def, id, await readRecordBody(ctx));
      throwWriteFailure(result);
      sendEmpty(ctx.res, 204);
    })
    .add('DELETE', /^\/sobjects\/(\w+)\/([^/]+)\/?$/, 'sobject', async (ctx, [name = '', id = '']) => {
      const def = requireObject(ctx, name);
      throwWriteFailure(ctx.services.writer.delete(def, id));
      sendEmpty(ctx.res, 204);
    })
    .add('PATCH', /^\/sobjects\/(\w+)\/(\w+)\/([^/]+)\/?$/, 'sobject', async (ctx, [name = '', fieldName = '', value = '']) => {
      const def = requireObject(ctx, name);
      const body = await readRecordBody(ctx);
      const result = ctx.services.writer.upsert(def, fieldName, { ...body, [fieldName]: value });
      throwWriteFailure(result);
      if (!result.success) return;
      sendJson(ctx.res, result.created ? 201 : 200, { id: result.id, success: true, errors: [], created: result.created });
    });
}
