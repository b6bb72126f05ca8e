import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** No schedule with that id in the caller's tenant. */
export class ScheduleNotFoundError extends EngineError {
  override readonly name = 'ScheduleNotFoundError';
  readonly code = EngineErrorCode.ScheduleNotFound;
}
