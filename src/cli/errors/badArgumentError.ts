import { CliErrorCode } from './cliErrorCode.ts';

/** A command-line argument that cannot be used, e.g. `--input` that is not a JSON object. */
export class BadArgumentError extends Error {
  override readonly name = 'BadArgumentError';
  readonly code = CliErrorCode.BadArgument;
}
