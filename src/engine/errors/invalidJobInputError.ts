import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** Job input that fails its type's schema; `issues` lists each problem with its path. */
export class InvalidJobInputError extends EngineError {
  override readonly name = 'InvalidJobInputError';
  readonly code = EngineErrorCode.InvalidJobInput;
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
  }
}
