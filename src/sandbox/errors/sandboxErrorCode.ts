/** Stable codes of the sandbox's own errors (configuration and administration, not Salesforce API errors). */
export const SandboxErrorCode = {
  INVALID_OPTIONS: 'SANDBOX_INVALID_OPTIONS',
  ORG_EXISTS: 'SANDBOX_ORG_EXISTS',
  ORG_NOT_FOUND: 'SANDBOX_ORG_NOT_FOUND',
  UNKNOWN_OBJECT: 'SANDBOX_UNKNOWN_OBJECT',
  INVALID_REQUEST: 'SANDBOX_INVALID_REQUEST',
  NOT_RUNNING: 'SANDBOX_NOT_RUNNING',
} as const;

/** One of {@link SandboxErrorCode}. */
export type SandboxErrorCode = (typeof SandboxErrorCode)[keyof typeof SandboxErrorCode];
