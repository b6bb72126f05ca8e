import { z } from 'zod';
import { SandboxError } from '../errors/sandboxError.ts';
import { SandboxErrorCode } from '../errors/sandboxErrorCode.ts';
import { faultRuleInputSchema } from '../faults/faultRule.ts';
import type { HttpExchange } from '../http/apiContext.ts';
import { readJsonBody } from '../http/requestBody.ts';
import { sendEmpty, sendJson, writeWithBackpressure } from '../http/responseWriter.ts';
import { RouteTable } from '../http/routeTable.ts';
import type { OrgHandle } from '../orgHandle.ts';
import type { Sandbox } from '../sandbox.ts';

const sizeSchema = z.union([z.number().int().min(0), z.record(z.string(), z.number().int().min(0))]);
const orgSchema = z.strictObject({
  username: z.string(),
  password: z.string(),
  securityToken: z.string().optional(),
  name: z.string().optional(),
  size: sizeSchema.optional(),
  seed: z.number().int().min(0).optional(),
  dailyApiRequests: z.number().int().min(0).optional(),
  tokenLifetimeMs: z.number().int().min(0).optional(),
  tokenMaxCalls: z.number().int().min(0).optional(),
  anchor: z.string().optional(),
  historyDays: z.number().int().min(0).optional(),
  trickyRate: z.number().min(0).max(1).optional(),
  recordTypes: z
    .array(z.strictObject({ sobjectType: z.string(), developerName: z.string(), name: z.string().optional(), active: z.boolean().optional(), description: z.string().optional() }))
    .optional(),
});
const orgPatchSchema = z.strictObject({
  dailyApiRequests: z.number().int().min(0).optional(),
  apiRequestsUsed: z.number().int().min(0).optional(),
  tokenLifetimeMs: z.number().int().min(0).optional(),
  tokenMaxCalls: z.number().int().min(0).nullable().optional(),
});
const seedSchema = z.strictObject({ seed: z.number().int().min(0).optional(), size: sizeSchema.optional() });
const recordInput = z.record(z.string(), z.unknown());
const mutateSchema = z.strictObject({
  object: z.string(),
  update: z.number().int().min(0).optional(),
  delete: z.number().int().min(0).optional(),
  insert: z.number().int().min(0).optional(),
  seed: z.number().int().min(0).optional(),
  updates: z.array(recordInput).optional(),
  deletes: z.array(z.string()).optional(),
  inserts: z.array(recordInput).optional(),
});
const faultsSchema = z.strictObject({ rules: z.array(faultRuleInputSchema) });

async function body<T>(exchange: HttpExchange, schema: z.ZodType<T>): Promise<T> {
  const raw = await readJsonBody(exchange.req, exchange.deps.options.maxBodyBytes);
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
    throw new SandboxError(SandboxErrorCode.INVALID_REQUEST, `invalid request body: ${detail}`);
  }
  return parsed.data;
}

function describeOrg(sandbox: Sandbox, handle: OrgHandle): Record<string, unknown> {
  return { ...handle.summary(), loginUrl: sandbox.url, instanceUrl: sandbox.url };
}

async function streamRecords(exchange: HttpExchange, handle: OrgHandle, objectName: string): Promise<void> {
  const params = exchange.url.searchParams;
  const limitParam = params.get('limit');
  const records = handle.records(objectName, {
    includeDeleted: params.get('includeDeleted') === 'true',
    fromSequence: Number(params.get('fromSequence') ?? 0),
    ...(limitParam === null ? {} : { limit: Number(limitParam) }),
  });
  const { res } = exchange;
  if (params.get('format') === 'json') {
    sendJson(res, 200, [...records]);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  let buffer = '';
  for (const record of records) {
    buffer += `${JSON.stringify(record)}\n`;
    if (buffer.length > 64 * 1024) {
      if (res.destroyed) return;
      await writeWithBackpressure(res, buffer);
      buffer = '';
    }
  }
  res.end(buffer);
}

/**
 * The admin API under `/__admin` (JSON): orgs (list, create, read, patch
 * API allowance and token policy, delete, reseed, expire tokens, mutate
 * records, read raw records as NDJSON or JSON) and fault rules (list, add,
 * replace, remove one, clear). Errors answer `{ "error": { code, message } }`.
 */
export function createAdminRoutes(sandbox: Sandbox): RouteTable<HttpExchange, 'admin'> {
  const routes = new RouteTable<HttpExchange, 'admin'>();
  routes
    .add('GET', /^\/__admin\/health$/, 'admin', async (ex) => sendJson(ex.res, 200, { status: 'ok', url: sandbox.url }))
    .add('GET', /^\/__admin\/orgs$/, 'admin', async (ex) => sendJson(ex.res, 200, sandbox.orgs.map((h) => describeOrg(sandbox, h))))
    .add('POST', /^\/__admin\/orgs$/, 'admin', async (ex) => {
      const options = await body(ex, orgSchema);
      sendJson(ex.res, 201, describeOrg(sandbox, sandbox.addOrg(options)));
    })
    .add('GET', /^\/__admin\/orgs\/([^/]+)$/, 'admin', async (ex, [org = '']) => sendJson(ex.res, 200, describeOrg(sandbox, sandbox.org(org))))
    .add('PATCH', /^\/__admin\/orgs\/([^/]+)$/, 'admin', async (ex, [org = '']) => {
      const change = await body(ex, orgPatchSchema);
      const handle = sandbox.org(org);
      handle.setApiUsage({ ...(change.dailyApiRequests === undefined ? {} : { max: change.dailyApiRequests }), ...(change.apiRequestsUsed === undefined ? {} : { used: change.apiRequestsUsed }) });
      handle.setTokenPolicy({ ...(change.tokenLifetimeMs === undefined ? {} : { lifetimeMs: change.tokenLifetimeMs }), ...(change.tokenMaxCalls === undefined ? {} : { maxCalls: change.tokenMaxCalls }) });
      sendJson(ex.res, 200, describeOrg(sandbox, handle));
    })
    .add('DELETE', /^\/__admin\/orgs\/([^/]+)$/, 'admin', async (ex, [org = '']) => {
      sandbox.removeOrg(org);
      sendEmpty(ex.res, 204);
    })
    .add('POST', /^\/__admin\/orgs\/([^/]+)\/seed$/, 'admin', async (ex, [org = '']) => {
      const change = await body(ex, seedSchema);
      const handle = sandbox.org(org);
      handle.reseed(change);
      sendJson(ex.res, 200, describeOrg(sandbox, handle));
    })
    .add('POST', /^\/__admin\/orgs\/([^/]+)\/expire-tokens$/, 'admin', async (ex, [org = '']) => {
      sendJson(ex.res, 200, { expired: sandbox.org(org).expireTokens() });
    })
    .add('POST', /^\/__admin\/orgs\/([^/]+)\/mutate$/, 'admin', async (ex, [org = '']) => {
      const request = await body(ex, mutateSchema);
      sendJson(ex.res, 200, sandbox.org(org).mutate(request));
    })
    .add('GET', /^\/__admin\/orgs\/([^/]+)\/records\/(\w+)$/, 'admin', (ex, [org = '', object = '']) => streamRecords(ex, sandbox.org(org), object))
    .add('GET', /^\/__admin\/faults$/, 'admin', async (ex) => sendJson(ex.res, 200, sandbox.faults.list()))
    .add('POST', /^\/__admin\/faults$/, 'admin', async (ex) => sendJson(ex.res, 201, sandbox.faults.add(await body(ex, faultRuleInputSchema))))
    .add('PUT', /^\/__admin\/faults$/, 'admin', async (ex) => sendJson(ex.res, 200, sandbox.faults.set((await body(ex, faultsSchema)).rules)))
    .add('DELETE', /^\/__admin\/faults$/, 'admin', async (ex) => {
      sandbox.faults.clear();
      sendEmpty(ex.res, 204);
    })
    .add('DELETE', /^\/__admin\/faults\/([^/]+)$/, 'admin', async (ex, [id = '']) => {
      if (!sandbox.faults.remove(id)) throw new SandboxError(SandboxErrorCode.INVALID_REQUEST, `no fault rule ${id}`, 404);
      sendEmpty(ex.res, 204);
    });
  return routes;
}
