export { BackupPolicyService, BACKUP_PRUNE_JOB_TYPE, POLICY_BACKUP_JOB_TYPE, type BackupPolicyServiceOptions, type OverdueOrg, type PolicyBackupOutcome } from './backupPolicyService.ts';
export { BACKUP_POLICY_DEFAULTS, isKnownTimezone, policyCron, resolveBackupPolicy, type BackupPolicyInput } from './backupPolicyInput.ts';
export { policyScheduleOwner, type OwnedScheduleSpec, type PolicyScheduleRegistry } from './policyScheduleRegistry.ts';
export { expiredBackups, FAILED_GRACE_MS, planRetention, RetentionRule, type RetentionCandidate, type RetentionDecision, type RetentionSettings } from './retentionPlan.ts';
export { pruneBackups, type PruneOptions, type PruneResult } from './backupPruner.ts';
export { createPolicyBackupJobType, PolicyBackupJobInput } from './policyBackupJobType.ts';
export { createBackupPruneJobType, BackupPruneJobInput, type BackupPruneJobDependencies } from './backupPruneJobType.ts';
