import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** An owned schedule (kept by a domain service, e.g. a backup policy) changed or deleted through the public API: only pause and resume are allowed. */
export class OwnedScheduleError extends EngineError {
  override readonly name = 'OwnedScheduleError';
  readonly code = EngineErrorCode.OwnedSchedule;
  constructor(
    message: string,
    /** The schedule's owner, e.g. `backupPolicy:<orgId>`. */
    readonly owner: string,
  ) {
    super(message);
  }
}
