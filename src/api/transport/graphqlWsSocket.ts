import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, MessageType, parseMessage, type Server } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../logging/logger.ts';

/** What graphql-ws's server hands to its hooks as `ctx.extra`. */
export interface GraphqlWsExtra {
  socket: WebSocket;
  request: IncomingMessage;
}

/** Message types a client may send (graphql-transport-ws); the others are the server's to send. */
const FROM_CLIENT: ReadonlySet<string> = new Set([MessageType.ConnectionInit, MessageType.Ping, MessageType.Pong, MessageType.Subscribe, MessageType.Complete]);

/**
 * Connects a `ws` server to a graphql-ws server, like graphql-ws's own `use/ws` but with longhaul's error
 * policy: a message of a type only servers send (`next`, `error`, `connection_ack`) is the client's fault and
 * closes with 4400, where `use/ws` let graphql-ws throw and closed with 4500 naming the error; a real failure
 * while handling a message is logged and closes with 4500 and a generic reason, never the error's text.
 * Keep-alive pings every `keepAliveMs` (default 12 s), a socket that does not answer one is terminated.
 */
export function serveGraphqlWs(server: Server<GraphqlWsExtra>, wss: WebSocketServer, logger: Logger, keepAliveMs = 12_000): void {
  wss.options.handleProtocols = handleProtocols;
  wss.on('error', (error) => logger.error({ err: error }, 'WebSocket server error'));
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    socket.once('error', (error) => {
      logger.warn({ err: error }, 'WebSocket connection error');
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
    let pongWait: NodeJS.Timeout | undefined;
    const pingInterval = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, keepAliveMs);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            const text = String(data);
            if (!acceptedFromClient(text)) {
              socket.close(CloseCode.BadRequest, 'Invalid message received');
              return;
            }
            handle(text).catch((error: unknown) => {
              logger.error({ err: error }, 'error while handling a graphql-ws message');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(pingInterval);
      void closed(code, String(reason));
    });
  });
}

/** False for a well-formed message of a type a client may not send; malformed ones are left to graphql-ws (4400). */
function acceptedFromClient(text: string): boolean {
  try {
    return FROM_CLIENT.has(parseMessage(text).type);
  } catch {
    return true;
  }
}
