import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import { describeGlobalEntry, describeSObject } from '../format/describeFormatter.ts';
import type { ApiContext } from '../http/apiContext.ts';
import { sendJson } from '../http/responseWriter.ts';
import type { RouteTable } from '../http/routeTable.ts';
import type { RecordValues } from '../schema/recordValues.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';

/** The object named in a path, or `NOT_FOUND` like Salesforce answers for unknown sObjects. */
export function requireObject(ctx: ApiContext, name: string): SObjectDefinition {
  const def = ctx.deps.catalog.find(name);
  if (!def) throw new SalesforceApiError(SalesforceErrorCode.NOT_FOUND, 'The requested resource does not exist');
  return def;
}

/** The org's record types of `def` (RecordType records, in Id order). */
function recordTypesOf(ctx: ApiContext, def: SObjectDefinition): RecordValues[] {
  const store = ctx.org.store('RecordType');
  const found: RecordValues[] = [];
  for (let sequence = 0; store !== undefined && sequence < store.sequenceEnd; sequence += 1) {
    const record = store.read(sequence);
    if (record !== undefined && !record.deleted && record.values['SobjectType'] === def.name) found.push(record.values);
  }
  return found;
}

/** Adds describeGlobal (`GET sobjects`), `GET sobjects/X/describe` and `GET sobjects/X`. */
export function registerDescribeRoutes(routes: RouteTable<ApiContext>): void {
  routes
    .add('GET', /^\/sobjects\/?$/, 'describe', async (ctx) => {
      sendJson(ctx.res, 200, {
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: ctx.deps.catalog.all.map((def) => describeGlobalEntry(def, ctx.version)),
      });
    })
    .add('GET', /^\/sobjects\/(\w+)\/describe\/?$/, 'describe', async (ctx, [name = '']) => {
      const def = requireObject(ctx, name);
      sendJson(ctx.res, 200, describeSObject(def, ctx.deps.catalog, ctx.version, recordTypesOf(ctx, def)));
    })
    .add('GET', /^\/sobjects\/(\w+)\/?$/, 'describe', async (ctx, [name = '']) => {
      const def = requireObject(ctx, name);
      sendJson(ctx.res, 200, { objectDescribe: describeGlobalEntry(def, ctx.version), recentItems: [] });
    });
}
