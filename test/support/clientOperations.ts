import { Kind, parse, type DocumentNode } from 'graphql';

/** One GraphQL document a client of ours sends, and where it comes from. */
export interface ClientOperation {
  where: string;
  query: string;
}

/**
 * Every GraphQL document the dashboard, the CLI and GraphiQL's example tabs send: exported strings (or the documents
 * graphql-codegen generates, `String` objects) that parse and hold an operation (a fragment alone is never sent).
 */
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
      const candidates = typeof value === 'string' || value instanceof String ? [String(value)] : Array.isArray(value) ? value.map((v) => (v as { query?: unknown })?.query ?? v) : [];
      for (const text of candidates) {
        if (typeof text !== 'string') continue;
        let document: DocumentNode;
        try {
          document = parse(text);
        } catch {
          continue;
        }
        if (!document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) continue;
        found.push({ where: `${where} ${name}`, query: text });
      }
    }
  }
  return found;
}
