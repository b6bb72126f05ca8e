import { LivenessError, LivenessErrorCode } from './livenessErrorCode.ts';

/** An alert rule a client asked for that cannot hold (a share outside (0, 1], no threshold, a duplicate). */
export class InvalidAlertRuleError extends LivenessError {
  override readonly name = 'InvalidAlertRuleError';
  readonly code = LivenessErrorCode.InvalidAlertRule;
}
