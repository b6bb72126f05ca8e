import { CliErrorCode } from './cliErrorCode.ts';

/** The server at the configured URL could not be reached, or dropped the connection for good. */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
  readonly code = CliErrorCode.ConnectionFailed;
}
