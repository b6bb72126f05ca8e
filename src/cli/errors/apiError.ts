/** An error the API answered with: its GraphQL `extensions.code` (e.g. `NOT_FOUND`, `UNAUTHENTICATED`) and message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** The API's `extensions.code`; `INTERNAL_SERVER_ERROR` when it sent none. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
