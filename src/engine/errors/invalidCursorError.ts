import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** A pagination cursor this API never handed out. */
export class InvalidCursorError extends EngineError {
  override readonly name = 'InvalidCursorError';
  readonly code = EngineErrorCode.InvalidCursor;
}
