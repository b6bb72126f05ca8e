import type { SandboxErrorCode } from './sandboxErrorCode.ts';

/**
 * An error of the sandbox itself: bad options, an unknown org, a bad admin
 * request. Admin endpoints answer it as `{ "error": { code, message } }`.
 */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  /** Stable code from {@link SandboxErrorCode}. */
  readonly code: SandboxErrorCode;
  /** HTTP status used by the admin endpoints; 400 by default. */
  readonly status: number;

  constructor(code: SandboxErrorCode, message: string, status = 400) {
    super(message);
    this.code = code;
    this.status = status;
  }
}
