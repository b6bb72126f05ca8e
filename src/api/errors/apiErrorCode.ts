/** Every `extensions.code` longhaul's API answers with; stable, part of the contract. */
export const ApiErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  Conflict: 'CONFLICT',
  /** The process that should answer is gone, or did not answer in time (e.g. `captureDiagnostics`). */
  Unavailable: 'UNAVAILABLE',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];
