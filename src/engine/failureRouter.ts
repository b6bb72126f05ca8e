import type { StraightToDebugRule } from './debugQueueSettings.ts';
import type { JobRecord } from './jobRecord.ts';
import type { ResolvedJobType } from './jobType.ts';
import { RetryPolicy } from './retryPolicy.ts';
import { isPermanentFailure } from './errors/index.ts';

/** Where a failed attempt sends its job. */
export type FailureRoute =
  | { kind: 'retry'; delayMs: number }
  | { kind: 'debug'; reason: string }
  | { kind: 'fail' };

/** Options of {@link FailureRouter}. */
export interface FailureRouterOptions {
  /** Overrides every type's first backoff delay when set. */
  backoffMs?: number;
}

/**
 * Decides what follows a failed attempt: a retry with backoff, the debug queue (attempts spent, an
 * error no retry fixes, or a failed debug rerun), or `FAILED` for types that opted out of the debug queue.
 */
export class FailureRouter {
  private readonly policies = new Map<string, RetryPolicy>();

  constructor(private readonly options: FailureRouterOptions = {}) {}

  /** The route of `doc`'s failed attempt `doc.attempt` with `error`. */
  route(type: ResolvedJobType, doc: Pick<JobRecord, 'attempt' | 'maxAttempts' | 'debugRerunAttempt'>, error: Error): FailureRoute {
    const debugEnabled = type.debugQueue?.enabled ?? true;
    const toDebug = (reason: string): FailureRoute => (debugEnabled ? { kind: 'debug', reason } : { kind: 'fail' });
    const code = errorCode(error);
    if (isDebugRerun(doc)) return toDebug(`debug rerun (attempt ${doc.attempt}) failed: ${code ?? error.name}`);
    if (goesStraightToDebug(error, type.debugQueue?.straightToDebug)) return toDebug(`${code ?? error.name} is not retried`);
    const delay = this.policy(type).delayAfter(doc.attempt, doc.maxAttempts);
    if (delay !== null) return { kind: 'retry', delayMs: delay };
    return toDebug(`attempts spent (${doc.attempt} of ${doc.maxAttempts}); last error ${code ?? error.name}`);
  }

  private policy(type: ResolvedJobType): RetryPolicy {
    let policy = this.policies.get(type.name);
    if (policy === undefined) {
      const backoff = type.resolved.backoff;
      policy = new RetryPolicy({ ...backoff, delayMs: this.options.backoffMs ?? backoff.delayMs });
      this.policies.set(type.name, policy);
    }
    return policy;
  }
}

/** True when `doc`'s current attempt is (or was meant to be) a debug rerun. */
export function isDebugRerun(doc: Pick<JobRecord, 'debugRerunAttempt'>): boolean {
  return doc.debugRerunAttempt !== null;
}

function errorCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function goesStraightToDebug(error: Error, rule: StraightToDebugRule | undefined): boolean {
  if (isPermanentFailure(error)) return true;
  if (rule === undefined) return false;
  if (typeof rule === 'function') {
    // A rule that throws must not lose the failure: the job then takes the ordinary route.
    try {
      return rule(error);
    } catch {
      return false;
    }
  }
  const code = errorCode(error);
  return rule.some((entry) => entry === error.name || (code !== undefined && entry === code));
}
