import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { createApolloServer, createArmor } from '../api/apolloServer.ts';
import { buildSchema } from '../api/schema.ts';
import { attachWebSocketServer, WsCloseCode } from '../api/websocketServer.ts';
import { JobEventPublisher } from '../engine/jobEventPublisher.ts';
import { JobService } from '../engine/jobService.ts';
import { graphiqlRoute } from '../http/graphiqlRoute.ts';
import { createGraphqlHttpHandler } from '../http/graphqlHttpHandler.ts';
import { healthRoutes } from '../http/healthRoutes.ts';
import { createHttpServer } from '../http/httpServer.ts';
import type { Runtime } from './runtime.ts';

/** Where `web/graphiql/vite.config.ts` builds GraphiQL (during `scripts/ensure-install.mjs`). */
const GRAPHIQL_DIRECTORY = fileURLToPath(new URL('../../dist/graphiql', import.meta.url));

/** A running API: GraphQL over HTTP and WebSocket on one port. */
export interface ApiServer {
  url: string;
  port: number;
  /** Stops accepting requests and closes WebSocket clients with 1001 (going away). */
  close(): Promise<void>;
}

/** Starts the API role on `config.port`. */
export async function startApiServer(config: Config, runtime: Runtime, logger: Logger): Promise<ApiServer> {
  const schema = buildSchema();
  const jobs = new JobService(runtime.connection.db, runtime.bus, runtime.registry, new JobEventPublisher(runtime.bus));
  const apollo = createApolloServer({ schema, limits: config.limits, logger, introspection: config.introspection });
  await apollo.start();
  const graphql = createGraphqlHttpHandler({ apollo, jobs, orgs: runtime.orgs, backups: runtime.backups, apiKeys: config.apiKeys, logger });
  const server = createHttpServer(
    [
      healthRoutes(() => runtime.connection.db.command({ ping: 1 })),
      async (req, res, url) => {
        if (url.pathname !== '/graphql') return false;
        await graphql(req, res);
        return true;
      },
      ...(config.graphiql ? [graphiqlRoute({ directory: GRAPHIQL_DIRECTORY })] : []),
    ],
    logger,
  );
  const ws = attachWebSocketServer({ httpServer: server, schema, jobs, orgs: runtime.orgs, backups: runtime.backups, apiKeys: config.apiKeys, validationRules: createArmor(config.limits).validationRules, logger });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}/graphql`;
  return {
    url,
    port,
    close: async () => {
      await ws.close(WsCloseCode.GoingAway, 'server shutting down');
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
