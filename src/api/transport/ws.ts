import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { makeServer } from 'graphql-ws';
import type { ApiKeyGrant } from '../../config/apiKeys.ts';
import type { Caller } from '../../engine/jobService.ts';
import { authenticate } from '../caller.ts';
import type { ExecutionCore } from '../core/executionCore.ts';
import { ApiErrorCode } from '../errors/apiErrorCode.ts';
import { LimitReason, limitExceeded } from '../errors/limitExceeded.ts';
import type { Logger } from '../../logging/logger.ts';
import { serveGraphqlWs, type GraphqlWsExtra } from './graphqlWsSocket.ts';

/** Close codes of refused WebSocket connections. */
export const WsCloseCode = { Unauthenticated: 4401, Forbidden: 4403, TooManyConnections: 4429, GoingAway: 1001 } as const;

/** Options of {@link attachWebSocketServer}. */
export interface WebSocketServerOptions {
  httpServer: Server;
  core: ExecutionCore;
  apiKeys: ReadonlyMap<string, ApiKeyGrant>;
  logger: Logger;
}

/** What a connection authenticated as, and its slot in the per-key count. */
interface Connection {
  caller: Caller;
  keyId: string;
}

/**
 * graphql-ws (graphql-transport-ws protocol) on the HTTP server's `/graphql` path: authenticates
 * `connection_init` (`authorization: 'Bearer <key>'`: none closes with 4401, an unknown key with 4403),
 * counts connections per key on this process (beyond `LONGHAUL_MAX_CONNECTIONS_PER_KEY`: 4429) and
 * operations per connection, and delegates everything else to the execution core.
 */
export function attachWebSocketServer(options: WebSocketServerOptions): { wss: WebSocketServer; close(code: number, reason: string): Promise<void> } {
  const { core, apiKeys } = options;
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: 1024 * 1024 });
  const connections = new WeakMap<WebSocket, Connection>();
  const perKey = new Map<string, number>();
  const release = (socket: WebSocket) => {
    const connection = connections.get(socket);
    if (connection === undefined) return;
    connections.delete(socket);
    const left = (perKey.get(connection.keyId) ?? 1) - 1;
    if (left <= 0) perKey.delete(connection.keyId);
    else perKey.set(connection.keyId, left);
  };
  const server = makeServer<Record<string, unknown>, GraphqlWsExtra>(
    {
      schema: core.schema,
      subscribe: core.subscribe,
      onConnect: (ctx) => {
        const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const socket = ctx.extra.socket;
        const auth = authenticate(authorization, apiKeys);
        if (!auth.ok) {
          socket.close(auth.code === ApiErrorCode.Unauthenticated ? WsCloseCode.Unauthenticated : WsCloseCode.Forbidden, auth.message);
          return false;
        }
        const keyId = auth.keyId;
        const open = perKey.get(keyId) ?? 0;
        if (open >= core.limits.maxConnectionsPerKey) {
          socket.close(WsCloseCode.TooManyConnections, `${LimitReason.ConnectionsPerKey}: this API key already holds ${open} connections (at most ${core.limits.maxConnectionsPerKey})`);
          return false;
        }
        perKey.set(keyId, open + 1);
        connections.set(socket, { caller: auth.caller, keyId });
        socket.once('close', () => release(socket));
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const connection = connections.get(ctx.extra.socket)!;
        // graphql-ws registers the operation before this hook: the count includes it.
        const running = Object.keys(ctx.subscriptions).length;
        const max = core.limits.maxSubscriptionsPerConnection;
        if (running > max) return [limitExceeded(LimitReason.SubscriptionsPerConnection, max, `this connection already runs ${max} operations; complete one first`)];
        const prepared = core.prepare(connection.caller, payload);
        return prepared.ok ? prepared.args : prepared.errors;
      },
      onNext: (_ctx, _id, _payload, _args, result) => core.formatResult(result),
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => core.errors.formatError(error)),
    },
  );
  serveGraphqlWs(server, wss, options.logger);
  return {
    wss,
    close: (code, reason) =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.close(code, reason);
        wss.close(() => resolve());
      }),
  };
}

