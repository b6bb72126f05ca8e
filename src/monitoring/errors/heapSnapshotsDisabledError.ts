import { LivenessError, LivenessErrorCode } from './livenessErrorCode.ts';

/** Heap snapshots are off (`LONGHAUL_HEAP_SNAPSHOTS=off`, the default): none is taken or stored. */
export class HeapSnapshotsDisabledError extends LivenessError {
  override readonly name = 'HeapSnapshotsDisabledError';
  readonly code = LivenessErrorCode.HeapSnapshotsDisabled;
}
