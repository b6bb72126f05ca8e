import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { Logger } from '../logging/logger.ts';
import type { ApiContext } from './context.ts';
import { ApiErrorCode } from './errors/apiErrorCode.ts';

/** Query limits; see `LONGHAUL_MAX_*` in the README. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

/** The armor's validation rules, shared by HTTP (Apollo) and WebSocket (graphql-ws) execution. */
export function createArmor(limits: QueryLimits): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    costLimit: { maxCost: limits.maxCost },
    maxTokens: { n: 2000 },
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  // The armor is typed against Apollo's CommonJS build; the plugins are the same objects.
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules };
}

/** Options of {@link createApolloServer}. */
export interface ApolloServerOptions {
  schema: GraphQLSchema;
  limits: QueryLimits;
  logger: Logger;
  /** Allow introspection; default true (off in production unless enabled). */
  introspection: boolean;
}

/**
 * Apollo Server for `POST /graphql`: armor limits, no stack traces, Apollo's online landing page
 * disabled, and unknown errors reduced to `INTERNAL_SERVER_ERROR` (logged here, not sent).
 */
export function createApolloServer(options: ApolloServerOptions): ApolloServer<ApiContext> {
  const armor = createArmor(options.limits);
  return new ApolloServer<ApiContext>({
    schema: options.schema,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, ApolloServerPluginLandingPageDisabled()],
    logger: options.logger,
    formatError: (formatted, error) => {
      const code = formatted.extensions?.code;
      if (code === ApiErrorCode.InternalServerError || code === undefined) {
        options.logger.error({ err: error }, 'internal error while executing GraphQL');
        return { message: 'internal error; see the server log', extensions: { code: ApiErrorCode.InternalServerError } };
      }
      return formatted;
    },
  });
}
