import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { ApiKeyGrant } from '../config/apiKeys.ts';
import type { Logger } from '../logging/logger.ts';
import type { JobService } from '../engine/jobService.ts';
import { requireCaller } from '../api/caller.ts';
import type { ApiContext, RecoveryStores } from '../api/context.ts';
import { createLoaders } from '../api/loaders.ts';
import type { OrgService } from '../salesforce/index.ts';
import type { BackupService } from '../jobs/salesforce/index.ts';
import type { DebugQueue } from '../monitoring/debugQueue.ts';
import type { LivenessService } from '../monitoring/livenessService.ts';
import type { MonitoringQueries } from '../monitoring/monitoringQueries.ts';

const MAX_BODY_BYTES = 1024 * 1024;

/** Options of {@link createGraphqlHttpHandler}. */
export interface GraphqlHttpHandlerOptions {
  apollo: ApolloServer<ApiContext>;
  jobs: JobService;
  orgs: OrgService;
  backups: BackupService;
  debugQueue: DebugQueue;
  recovery: RecoveryStores;
  liveness: LivenessService;
  monitoringQueries: MonitoringQueries;
  apiKeys: ReadonlyMap<string, ApiKeyGrant>;
  logger: Logger;
}

/** `GET`/`POST /graphql` on Node's own HTTP server, through Apollo's integration API. */
export function createGraphqlHttpHandler(options: GraphqlHttpHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { apollo, jobs, orgs, backups, recovery, debugQueue, liveness, monitoringQueries, apiKeys, logger } = options;
  return async (req, res) => {
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch (error) {
      res.writeHead((error as { status?: number }).status ?? 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: (error as Error).message, extensions: { code: 'BAD_REQUEST' } }] }));
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => ({
        caller: requireCaller(req.headers.authorization, apiKeys),
        jobs,
        orgs,
        backups,
        debugQueue,
        recovery,
        liveness,
        loaders: createLoaders(jobs),
        monitoringQueries,
        logger,
      }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error(`request body over ${MAX_BODY_BYTES} bytes`), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  if (!(req.headers['content-type'] ?? '').includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('request body is not valid JSON'), { status: 400 });
  }
}
