/**
 * Codes of errors the `longhaul` client commands report; stable, printed as `longhaul: <CODE>: <message>`.
 * Errors the API answered with keep the API's own `extensions.code` (see `ApiErrorCode`).
 */
export const CliErrorCode = {
  /** The server could not be reached, or the connection broke. */
  ConnectionFailed: 'CONNECTION_FAILED',
  /** The server answered something that is not a GraphQL response. */
  BadResponse: 'BAD_RESPONSE',
  /** A command-line argument is not valid (e.g. `--input` is not JSON). */
  BadArgument: 'BAD_ARGUMENT',
} as const;
export type CliErrorCode = (typeof CliErrorCode)[keyof typeof CliErrorCode];
