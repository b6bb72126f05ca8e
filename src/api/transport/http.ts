import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode, type GraphQLError } from 'graphql';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { ApiKeyGrant } from '../../config/apiKeys.ts';
import type { Logger } from '../../logging/logger.ts';
import { requireCaller } from '../caller.ts';
import type { ApiContext } from '../context.ts';
import type { ExecutionCore } from '../core/executionCore.ts';
import { ApiErrorCode } from '../errors/apiErrorCode.ts';
import { apiError } from '../errors/toGraphQLError.ts';
import { httpStatusOfFailedOperation } from '../errors/httpStatus.ts';

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Apollo Server for `GET`/`POST /graphql`, configured from the execution core: its parser limit, its
 * validation rules (introspection is one of them), its limits check once the operation is known, and its
 * error formatter. Subscriptions are refused (400): they need a socket. Apollo's own introspection switch is left on: the core's rules decide.
 * An operation that failed as a whole answers with the status of its errors (see {@link httpStatusOfFailedOperation}).
 */
export function createApolloServer(core: ExecutionCore, logger: Logger): ApolloServer<ApiContext> {
  // Variables and limits are checked by the core before Apollo executes; a refusal is answered in full here (400).
  const limitsPlugin: ApolloServerPlugin<ApiContext> = {
    requestDidStart: async () => {
      let refusal: GraphQLError[] | undefined;
      return {
        didResolveOperation: async ({ document, operation, request }) => {
          if (operation === undefined) return;
          if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
            throw apiError(ApiErrorCode.BadRequest, 'subscriptions run over WebSocket (graphql-transport-ws) on this path, not over HTTP', { http: { status: 400 } });
          }
          refusal = core.refusalOf(document, operation, request.variables);
        },
        responseForOperation: async () => {
          if (refusal === undefined) return null;
          return {
            http: { status: 400, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { errors: refusal.map((error) => core.errors.formatError(error)) } },
          };
        },
      };
    },
  };
  // An operation that failed as a whole (no data) says whose fault it was in its HTTP status (a 429 set by its error stays).
  const failureStatusPlugin: ApolloServerPlugin<ApiContext> = {
    requestDidStart: async () => ({
      willSendResponse: async ({ response }) => {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (data !== undefined && data !== null) return;
        if (errors === undefined || errors.length === 0) return;
        if (response.http.status !== undefined && response.http.status !== 200) return;
        response.http.status = httpStatusOfFailedOperation(errors);
      },
    }),
  };
  return new ApolloServer<ApiContext>({
    schema: core.schema,
    introspection: true,
    parseOptions: core.parseOptions,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules: core.validationRules,
    plugins: [limitsPlugin, failureStatusPlugin, ApolloServerPluginLandingPageDisabled()],
    logger,
    formatError: (formatted, error) => core.errors.format(formatted, error),
  });
}

/** Options of {@link createGraphqlHttpHandler}. */
export interface GraphqlHttpHandlerOptions {
  apollo: ApolloServer<ApiContext>;
  core: ExecutionCore;
  apiKeys: ReadonlyMap<string, ApiKeyGrant>;
}

/**
 * `GET`/`POST /graphql` on Node's own HTTP server: authenticates the caller (401/403), hands the request to
 * Apollo with the core's context, and answers a body above `LONGHAUL_MAX_RESPONSE_BYTES` with a
 * `LIMIT_EXCEEDED` error (400) instead of sending it.
 */
export function createGraphqlHttpHandler(options: GraphqlHttpHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { apollo, core, apiKeys } = options;
  return async (req, res) => {
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch (error) {
      sendJson(res, (error as { status?: number }).status ?? 400, { errors: [{ message: (error as Error).message, extensions: { code: ApiErrorCode.BadRequest } }] });
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => core.contextFor(requireCaller(req.headers.authorization, apiKeys)),
    });
    if (response.body.kind === 'complete' && Buffer.byteLength(response.body.string) > core.limits.maxResponseBytes) {
      sendJson(res, 400, { errors: [core.errors.formatError(core.responseTooLarge())] });
      return;
    }
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
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
