/** A GraphQL error as the API sends it: a message and a stable `extensions.code`. */
export interface GraphqlErrorShape {
  message: string;
  extensions?: { code?: unknown };
}

/**
 * An operation that did not produce data: the API's first error code (`FORBIDDEN`, `UNAUTHENTICATED`, …) or the
 * transport's (`NETWORK_ERROR`, `BAD_RESPONSE`, `WEBSOCKET_CLOSED`). Panels show `code: message`.
 */
export class GraphqlError extends Error {
  override readonly name = 'GraphqlError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The first of `errors`, as the API sent them. */
  static fromErrors(errors: readonly GraphqlErrorShape[]): GraphqlError {
    const first = errors[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
    return new GraphqlError(code, first?.message ?? 'unknown error');
  }

  /** Any thrown value as a {@link GraphqlError}. */
  static from(error: unknown): GraphqlError {
    if (error instanceof GraphqlError) return error;
    return new GraphqlError('CLIENT_ERROR', error instanceof Error ? error.message : String(error));
  }
}
