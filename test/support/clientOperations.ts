import { parse } from 'graphql';

/** One GraphQL document a client of ours sends, and where it comes from. */
export interface ClientOperation {
  where: string;
  query: string;
}

/** Every GraphQL document the dashboard, the CLI and GraphiQL's example tabs send (exported strings that parse). */
export async function clientOperations(): Promise<ClientOperation[]> {
  const modules: Record<string, Record<string, unknown>> = {
    'dashboard jobs': await import('../../web/dashboard/api/jobOperations.ts'),
    'dashboard monitoring': await import('../../web/dashboard/api/monitoringOperations.ts'),
    'cli jobs': await import('../../src/cli/client/jobOperations.ts'),
    'cli monitoring': await import('../../src/cli/client/monitoringOperations.ts'),
    'graphiql examples': await import('../../web/graphiql/exampleTabs.ts'),
  };
  const found: ClientOperation[] = [];
  for (const [where, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports)) {
      const candidates = typeof value === 'string' ? [value] : Array.isArray(value) ? value.map((v) => (v as { query?: unknown })?.query ?? v) : [];
      for (const text of candidates) {
        if (typeof text !== 'string') continue;
        try {
          parse(text);
        } catch {
          continue;
        }
        found.push({ where: `${where} ${name}`, query: text });
      }
    }
  }
  return found;
}
