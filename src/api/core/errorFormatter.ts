import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '../../logging/logger.ts';
import { ApiErrorCode } from '../errors/apiErrorCode.ts';

/** Options of {@link ErrorFormatter}. */
export interface ErrorFormatterOptions {
  /** Where unknown errors are logged (with their cause), since clients never see it. */
  logger: Logger;
  /** Drop graphql-js's "Did you mean …?" hints, which reveal the schema; default false (kept in development). */
  hideSuggestions?: boolean;
}

const SUGGESTION = /\s*Did you mean [^?]*\?/g;
const INTERNAL_MESSAGE = 'internal error; see the server log';

/**
 * The API's one error policy, for both transports: every error leaves with a stable `extensions.code`;
 * one without a code (or `INTERNAL_SERVER_ERROR`) is logged here with its cause and answered with a generic
 * message; no stack trace, no HTTP hints, and in production no field suggestions.
 */
export class ErrorFormatter {
  private readonly hideSuggestions: boolean;

  constructor(private readonly options: ErrorFormatterOptions) {
    this.hideSuggestions = options.hideSuggestions ?? false;
  }

  /**
   * Formats an error already serialised by a transport (Apollo's `formatError` gives both); `error` is
   * the thrown value, for the log.
   */
  format(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const { http: _http, stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    const code = extensions.code;
    const location = { ...(formatted.locations === undefined ? {} : { locations: formatted.locations }), ...(formatted.path === undefined ? {} : { path: formatted.path }) };
    if (typeof code !== 'string' || code === ApiErrorCode.InternalServerError) {
      this.options.logger.error({ err: causeOf(error) }, 'internal error while executing GraphQL');
      return { message: INTERNAL_MESSAGE, ...location, extensions: { code: ApiErrorCode.InternalServerError } };
    }
    const message = this.hideSuggestions ? formatted.message.replace(SUGGESTION, '') : formatted.message;
    return { message, ...location, extensions: { ...extensions, code } };
  }

  /** Formats a {@link GraphQLError} (or anything thrown) the way {@link format} does. */
  formatError(error: unknown): GraphQLFormattedError {
    const graphqlError = error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined });
    return this.format(graphqlError.toJSON(), error);
  }
}

/** What went wrong underneath a GraphQL error, for the server log. */
function causeOf(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError !== undefined ? error.originalError : error;
}
