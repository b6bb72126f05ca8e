/** Stable codes of the sandbox's own errors (configuration and administration, not Salesforce API errors). */
export const SandboxErrorCode = {
  INVALID_OPTIONS: 'SANDBOX_INVALID_OPTIONS',
  ORG_EXISTS: 'SANDBOX_ORG_EXISTS',
  ORG_NOT_FOUND: 'SANDBOX_ORG_NOT_FOUND',
  UNKNOWN_OBJECT: 'SANDBOX_UNKNOWN_OBJECT',
  INVALID_REQUEST: 'SANDBOX_INVALID_REQUEST',
  NOT_RUNNING: 'SANDBOX_NOT_RUNNING',
  /** An admin request without the admin token (401) or with another token (403). */
  ADMIN_UNAUTHORIZED: 'SANDBOX_ADMIN_UNAUTHORIZED',
  /** An admin request whose `Host` is not the sandbox's loopback address (DNS rebinding). */
  ADMIN_FORBIDDEN_HOST: 'SANDBOX_ADMIN_FORBIDDEN_HOST',
  /** An admin request with a body that is not `application/json` (415). */
  ADMIN_UNSUPPORTED_MEDIA_TYPE: 'SANDBOX_ADMIN_UNSUPPORTED_MEDIA_TYPE',
  /** `startSandbox` with `NODE_ENV=production`: the sandbox is a development tool. */
  REFUSED_IN_PRODUCTION: 'SANDBOX_REFUSED_IN_PRODUCTION',
} as const;

/** One of {@link SandboxErrorCode}. */
export type SandboxErrorCode = (typeof SandboxErrorCode)[keyof typeof SandboxErrorCode];
