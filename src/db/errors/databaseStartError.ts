import { DatabaseErrorCode } from './databaseErrorCode.ts';

/**
 * A database server process was launched but exited early or did not answer
 * `ping` in time. `output` holds the tail of what it printed.
 */
export class DatabaseStartError extends Error {
  readonly code = DatabaseErrorCode.StartFailed;

  constructor(
    message: string,
    readonly output: string,
    options?: ErrorOptions,
  ) {
    super(output === '' ? message : `${message}\n${output}`, options);
    this.name = 'DatabaseStartError';
  }
}
