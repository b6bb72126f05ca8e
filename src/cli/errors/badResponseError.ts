import { CliErrorCode } from './cliErrorCode.ts';

/** The server answered with something that is not a GraphQL response (wrong URL, proxy page, …). */
export class BadResponseError extends Error {
  override readonly name = 'BadResponseError';
  readonly code = CliErrorCode.BadResponse;
}
