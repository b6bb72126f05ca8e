import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { ApiLimitsConfig } from '../../config/apiLimitsConfig.ts';
import type { Caller } from '../../engine/jobService.ts';
import type { Logger } from '../../logging/logger.ts';
import type { ApiContext } from '../context.ts';
import { ApiErrorCode } from '../errors/apiErrorCode.ts';
import { LimitReason, limitExceeded } from '../errors/limitExceeded.ts';
import { createLoaders } from '../loaders.ts';
import { createSharedSubscribe } from '../sharedSubscriptionExecutor.ts';
import { ErrorFormatter } from './errorFormatter.ts';
import { OperationLimits } from './operationLimits.ts';
import { createValidationRules } from './validationRules.ts';

/** Variable errors reported at most (graphql-js then adds one saying it stopped). */
const MAX_VARIABLE_ERRORS = 50;

/** What every request's context holds besides who calls and its own loaders: the domain services. */
export type ApiServices = Omit<ApiContext, 'caller' | 'loaders'>;

/** A GraphQL request as any transport receives it. */
export interface GraphqlRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** Options of {@link ExecutionCore}. */
export interface ExecutionCoreOptions {
  schema: GraphQLSchema;
  services: ApiServices;
  /** Depth, aliases and cost (`LONGHAUL_MAX_DEPTH`, `LONGHAUL_MAX_ALIASES`, `LONGHAUL_MAX_COST`). */
  limits: { maxDepth: number; maxAliases: number; maxCost: number };
  /** Tokens, page and list sizes, response size, subscriptions and connections. */
  apiLimits: ApiLimitsConfig;
  /** Answer `__schema`/`__type` (config `introspection`: off in production unless enabled). */
  introspection: boolean;
  /** Production hides field suggestions ("Did you mean …?") from error messages. */
  production: boolean;
  logger: Logger;
}

/** A request ready to execute, or why it cannot be. */
export type PreparedRequest = { ok: true; args: ExecutionArgs } | { ok: false; errors: GraphQLError[] };

/**
 * The one GraphQL pipeline both transports delegate to: it builds a request's context from the caller,
 * holds the validation rules (graphql-armor, introspection switch), checks the limits that depend on
 * variables (cost, page and list sizes), caps response sizes, shares subscription executions only
 * between callers that would see the same result, and formats every error the same way.
 * HTTP (Apollo) parses and validates with {@link parseOptions} and {@link validationRules} and calls
 * {@link refusalOf}; WebSocket calls {@link prepare}, which does all of it.
 */
export class ExecutionCore {
  readonly schema: GraphQLSchema;
  readonly validationRules: ValidationRule[];
  readonly parseOptions: { maxTokens: number };
  readonly limits: ApiLimitsConfig;
  readonly errors: ErrorFormatter;
  /** graphql-ws's `subscribe`: one execution per event and share key (see {@link shareKey}). */
  readonly subscribe: ReturnType<typeof createSharedSubscribe>;
  private readonly operationLimits: OperationLimits;
  private readonly shareKeys = new WeakMap<object, string>();
  private readonly formattedResults = new WeakMap<ExecutionResult, ExecutionResult | { errors: GraphQLFormattedError[] }>();

  constructor(private readonly options: ExecutionCoreOptions) {
    this.schema = options.schema;
    this.limits = options.apiLimits;
    this.validationRules = createValidationRules({ limits: options.limits, introspection: options.introspection });
    this.parseOptions = { maxTokens: options.apiLimits.maxTokens };
    this.errors = new ErrorFormatter({ logger: options.logger, hideSuggestions: options.production });
    this.operationLimits = new OperationLimits({
      schema: options.schema,
      maxCost: options.limits.maxCost,
      maxPageSize: options.apiLimits.maxPageSize,
      costListSize: options.apiLimits.costListSize,
      maxListItems: options.apiLimits.maxListItems,
    });
    this.subscribe = createSharedSubscribe((args) => this.shareKeys.get(args.contextValue as object));
  }

  /** The context of one request by `caller`: the services and fresh per-request loaders. */
  contextFor(caller: Caller): ApiContext {
    return { ...this.options.services, caller, loaders: createLoaders(this.options.services.jobs) };
  }

  /**
   * Everything that can change a subscription's results: the whole caller (tenant and role), the
   * operation and its variables. Executions are shared only between equal keys.
   */
  shareKey(caller: Caller, request: GraphqlRequest): string {
    return JSON.stringify([caller, request.query, request.operationName ?? null, request.variables ?? null]);
  }

  /**
   * What refuses an operation once its document is valid: variables that do not coerce (`BAD_USER_INPUT`,
   * as Apollo would answer them), then the limits that need the variables (page sizes, list sizes, cost).
   * Both transports call it before executing; `undefined` when the operation may run.
   */
  refusalOf(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | null | undefined): GraphQLError[] | undefined {
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: MAX_VARIABLE_ERRORS });
    if (coerced.errors !== undefined) return coerced.errors.map((e) => withCode(e, ApiErrorCode.BadUserInput));
    const refused = this.operationLimits.check(document, operation, coerced.coerced);
    return refused === undefined ? undefined : [refused];
  }

  /** Parses, validates, coerces variables and checks limits, with the codes Apollo gives the same faults over HTTP. */
  prepare(caller: Caller, request: GraphqlRequest): PreparedRequest {
    let document: DocumentNode;
    try {
      document = parse(request.query, this.parseOptions);
    } catch (error) {
      const syntax = error instanceof GraphQLError ? error : new GraphQLError('syntax error');
      return { ok: false, errors: [withCode(syntax, ApiErrorCode.GraphqlParseFailed)] };
    }
    const invalid = validate(this.schema, document, [...specifiedRules, ...this.validationRules]);
    if (invalid.length > 0) return { ok: false, errors: invalid.map((e) => withCode(e, ApiErrorCode.GraphqlValidationFailed)) };
    const operation = getOperationAST(document, request.operationName ?? undefined);
    if (operation === null || operation === undefined) {
      const message = request.operationName ? `Unknown operation named "${request.operationName}".` : 'Must provide operation name if query contains multiple operations.';
      return { ok: false, errors: [new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })] };
    }
    const refused = this.refusalOf(document, operation, request.variables);
    if (refused !== undefined) return { ok: false, errors: refused };
    const contextValue = this.contextFor(caller);
    this.shareKeys.set(contextValue, this.shareKey(caller, request));
    return {
      ok: true,
      args: { schema: this.schema, document, operationName: request.operationName, variableValues: request.variables ?? undefined, contextValue },
    };
  }

  /**
   * A result as it may leave: errors formatted, and replaced by a `LIMIT_EXCEEDED` error when too large.
   * A result shared by many subscribers (see {@link subscribe}) is formatted and measured once.
   */
  formatResult(result: ExecutionResult): ExecutionResult | { errors: GraphQLFormattedError[] } {
    let formatted = this.formattedResults.get(result);
    if (formatted === undefined) {
      const withErrors = result.errors === undefined ? result : { ...result, errors: result.errors.map((e) => this.errors.formatError(e)) };
      formatted = Buffer.byteLength(JSON.stringify(withErrors)) <= this.limits.maxResponseBytes ? withErrors : { errors: [this.errors.formatError(this.responseTooLarge())] };
      this.formattedResults.set(result, formatted);
    }
    return formatted;
  }

  /** The error a response larger than `LONGHAUL_MAX_RESPONSE_BYTES` is replaced with. */
  responseTooLarge(): GraphQLError {
    const max = this.limits.maxResponseBytes;
    return limitExceeded(LimitReason.ResponseSize, max, `the response is larger than ${max} bytes: ask for smaller pages (first/last) or fewer fields`);
  }
}

/** The same error with `extensions.code` set (graphql-js's own errors carry none). */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}
