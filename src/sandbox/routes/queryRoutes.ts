import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import { toRestRecord } from '../format/restRecordFormatter.ts';
import type { ApiContext } from '../http/apiContext.ts';
import { sendJson } from '../http/responseWriter.ts';
import type { RouteTable } from '../http/routeTable.ts';
import { QueryExecution } from '../soql/queryExecution.ts';
import type { QueryCursor } from '../soql/queryCursorRegistry.ts';
import { bindSoql } from '../soql/soqlBinder.ts';
import { parseSoql } from '../soql/soqlParser.ts';

function pageSize(ctx: ApiContext): number {
  const header = ctx.req.headers['sforce-query-options'];
  const m = typeof header === 'string' ? /batchSize\s*=\s*(\d+)/i.exec(header) : null;
  const wanted = m ? Number(m[1]) : ctx.deps.options.queryPageSize;
  return Math.max(Math.min(wanted, ctx.deps.options.queryPageSize), Math.min(200, ctx.deps.options.queryPageSize));
}

async function sendPage(ctx: ApiContext, cursor: QueryCursor, delivered: number, position: number): Promise<void> {
  const { execution } = cursor;
  const total = execution.totalSize;
  const wanted = Math.max(0, Math.min(cursor.pageSize, total - delivered));
  const records: unknown[] = [];
  let next = position;
  if (wanted > 0) {
    for await (const row of execution.rows(position)) {
      records.push(toRestRecord(execution.bound.definition, execution.bound.fields, row.values, ctx.version));
      next = row.position + 1;
      if (records.length >= wanted) break;
    }
  }
  const deliveredAfter = delivered + records.length;
  const done = deliveredAfter >= total || records.length < wanted;
  const body: Record<string, unknown> = { totalSize: total, done, records };
  if (!done) {
    cursor.checkpoints.set(deliveredAfter, next);
    body['nextRecordsUrl'] = `/services/data/v${ctx.version}/query/${cursor.id}-${deliveredAfter}`;
  }
  sendJson(ctx.res, 200, body);
}

async function runQuery(ctx: ApiContext, includeDeleted: boolean): Promise<void> {
  const soql = ctx.url.searchParams.get('q');
  if (soql === null || soql.trim() === '') {
    throw new SalesforceApiError(SalesforceErrorCode.MALFORMED_QUERY, 'A query string has to be specified');
  }
  const bound = bindSoql(parseSoql(soql), ctx.deps.catalog);
  const execution = new QueryExecution(ctx.org, bound, includeDeleted);
  await execution.prepare();
  if (bound.shape === 'count') {
    sendJson(ctx.res, 200, { totalSize: execution.matchedCount, done: true, records: [] });
    return;
  }
  if (bound.shape === 'aggregate') {
    let count = 0;
    const field = bound.aggregateField?.name ?? 'Id';
    for await (const row of execution.rows(0)) {
      if (row.values[field] !== null && row.values[field] !== undefined) count += 1;
    }
    sendJson(ctx.res, 200, { totalSize: 1, done: true, records: [{ attributes: { type: 'AggregateResult' }, [bound.aggregateAlias]: count }] });
    return;
  }
  const cursor = ctx.services.cursors.open(execution, pageSize(ctx));
  await sendPage(ctx, cursor, 0, execution.firstPosition);
}

async function queryMore(ctx: ApiContext, locator: string): Promise<void> {
  const m = /^(.+)-(\d+)$/.exec(locator);
  const cursor = m ? ctx.services.cursors.get(m[1] ?? '') : undefined;
  const delivered = Number(m?.[2] ?? -1);
  const position = cursor?.checkpoints.get(delivered);
  if (!cursor || position === undefined) {
    throw new SalesforceApiError(SalesforceErrorCode.INVALID_QUERY_LOCATOR, 'invalid query locator');
  }
  await sendPage(ctx, cursor, delivered, position);
}

/**
 * Adds `query` and `queryAll` (`?q=` SOQL, pages of 2,000 with
 * `nextRecordsUrl`) and their locator continuations.
 */
export function registerQueryRoutes(routes: RouteTable<ApiContext>): void {
  routes
    .add('GET', /^\/query\/?$/, 'query', (ctx) => runQuery(ctx, false))
    .add('GET', /^\/queryAll\/?$/, 'query', (ctx) => runQuery(ctx, true))
    .add('GET', /^\/query(?:All)?\/([^/]+)$/, 'query', (ctx, [locator = '']) => queryMore(ctx, locator));
}
