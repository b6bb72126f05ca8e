import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { ApiKeyGrant } from '../config/apiKeys.ts';
import type { Logger } from '../logging/logger.ts';
import type { Caller, JobService } from '../engine/jobService.ts';
import { authenticate } from './caller.ts';
import type { ApiContext, RecoveryStores } from './context.ts';
import { ApiErrorCode } from './errors/apiErrorCode.ts';
import { createLoaders } from './loaders.ts';
import type { OrgService } from '../salesforce/index.ts';
import type { DebugQueue } from '../monitoring/debugQueue.ts';
import type { LivenessService } from '../monitoring/livenessService.ts';
import type { MonitoringQueries } from '../monitoring/monitoringQueries.ts';
import type { BackupService } from '../jobs/salesforce/index.ts';
import { createSharedSubscribe } from './sharedSubscriptionExecutor.ts';

/** Close codes of refused WebSocket connections. */
export const WsCloseCode = { Unauthenticated: 4401, Forbidden: 4403, GoingAway: 1001 } as const;

/** Options of {@link attachWebSocketServer}. */
export interface WebSocketServerOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  jobs: JobService;
  orgs: OrgService;
  backups: BackupService;
  debugQueue: DebugQueue;
  recovery: RecoveryStores;
  liveness: LivenessService;
  monitoringQueries: MonitoringQueries;
  apiKeys: ReadonlyMap<string, ApiKeyGrant>;
  validationRules: ValidationRule[];
  logger: Logger;
}

/**
 * graphql-ws (graphql-transport-ws protocol) on the HTTP server's `/graphql` path. `connection_init`
 * must carry `authorization: 'Bearer <key>'`: none closes with 4401, an unknown key with 4403.
 */
export function attachWebSocketServer(options: WebSocketServerOptions): { wss: WebSocketServer; close(code: number, reason: string): Promise<void> } {
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: 1024 * 1024 });
  const callers = new WeakMap<WebSocket, Caller>();
  const shareKeys = new WeakMap<object, string>();
  useServer<Record<string, unknown>, { socket: WebSocket }>(
    {
      schema: options.schema,
      subscribe: createSharedSubscribe((args) => shareKeys.get(args.contextValue as object)),
      onConnect: (ctx) => {
        const auth = authenticate(ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization, options.apiKeys);
        if (!auth.ok) {
          ctx.extra.socket.close(auth.code === ApiErrorCode.Unauthenticated ? WsCloseCode.Unauthenticated : WsCloseCode.Forbidden, auth.message);
          return false;
        }
        callers.set(ctx.extra.socket, auth.caller);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: 2000 });
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('syntax error')];
        }
        const errors = validate(options.schema, document, [...specifiedRules, ...options.validationRules]);
        if (errors.length > 0) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const caller = callers.get(ctx.extra.socket)!;
        const contextValue: ApiContext = { caller, jobs: options.jobs, orgs: options.orgs, backups: options.backups, recovery: options.recovery, debugQueue: options.debugQueue, liveness: options.liveness, loaders: createLoaders(options.jobs), logger: options.logger, monitoringQueries: options.monitoringQueries };
        shareKeys.set(contextValue, JSON.stringify([caller.tenantId, payload.query, payload.operationName ?? null, payload.variables ?? null]));
        const args: ExecutionArgs = {
          schema: options.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
        return args;
      },
    },
    wss,
  );
  return {
    wss,
    close: (code, reason) =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.close(code, reason);
        wss.close(() => resolve());
      }),
  };
}
