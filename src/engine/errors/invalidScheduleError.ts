import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** A schedule that cannot be stored: a cron that never fires, an unknown zone or job type, an input failing the type's schema; `issues` lists each problem with its path. */
export class InvalidScheduleError extends EngineError {
  override readonly name = 'InvalidScheduleError';
  readonly code = EngineErrorCode.InvalidSchedule;
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
  }
}
