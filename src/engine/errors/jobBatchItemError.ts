import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/**
 * One item of a batch (`JobService.createMany`) was refused, so the whole batch was and nothing was written:
 * `index` is the item's position in the batch (from 0) and `cause` the error the item alone would have got
 * (`UnknownJobTypeError`, `InternalJobTypeError`, `InvalidJobInputError`, ...). The API answers with the
 * cause's code and `extensions.index`.
 */
export class JobBatchItemError extends EngineError {
  override readonly name = 'JobBatchItemError';
  readonly code = EngineErrorCode.JobBatchItem;
  constructor(
    readonly index: number,
    override readonly cause: EngineError,
  ) {
    super(`inputs[${index}]: ${cause.message}`);
  }
}
