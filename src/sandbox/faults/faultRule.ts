import { z } from 'zod';
import { SandboxError } from '../errors/sandboxError.ts';
import { SandboxErrorCode } from '../errors/sandboxErrorCode.ts';
import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import { EndpointKinds, type FaultTarget } from '../http/endpointKind.ts';

/**
 * A fault to inject, as given to `startSandbox({ faults })`, `sandbox.faults.add()`
 * or `POST /__admin/faults`. Every field is optional; a rule with only
 * `kind` does nothing.
 */
export interface FaultRuleInput {
  /** Endpoints it applies to: an endpoint kind, `bulk` or `any`. Default: `any`. */
  readonly kind?: FaultTarget;
  /** Only requests of this org (its Id). Default: every org. */
  readonly orgId?: string;
  /** Only requests with this HTTP method. Default: every method. */
  readonly method?: string;
  /** Delay before answering, in ms. Default: 0. */
  readonly latencyMs?: number;
  /** Error to answer with (the Salesforce code; its usual HTTP status). Default: none. */
  readonly errorCode?: SalesforceErrorCode;
  /** Probability (0..1) that a matching request gets `errorCode`. Default: 1. */
  readonly errorRate?: number;
  /** Leave matching requests unanswered with the socket open. Default: false. */
  readonly hang?: boolean;
  /** Probability (0..1) that a matching request hangs (`hang: true` means 1). Default: 0. */
  readonly hangRate?: number;
  /** How many errors or hangs the rule injects before it is spent. Default: unlimited. */
  readonly times?: number;
  /** sObject Collections and Bulk ingest: probability that one record fails with `recordErrorCode`. Default: 0. */
  readonly recordErrorRate?: number;
  /** Per-record error code. Default: `UNABLE_TO_LOCK_ROW`. */
  readonly recordErrorCode?: SalesforceErrorCode;
  /** Bulk jobs: the job fails (state `Failed`) after processing this many records. Default: never. */
  readonly failBulkJobAfter?: number;
}

/** A rule after validation, with its id and what is left of `times`. */
export interface FaultRule {
  readonly id: string;
  readonly kind: FaultTarget;
  readonly orgId: string | null;
  readonly method: string | null;
  readonly latencyMs: number;
  readonly errorCode: SalesforceErrorCode | null;
  readonly errorRate: number;
  readonly hangRate: number;
  remaining: number;
  readonly recordErrorRate: number;
  readonly recordErrorCode: SalesforceErrorCode;
  readonly failBulkJobAfter: number | null;
}

const rate = z.number().min(0).max(1);
const code = z.enum(Object.values(SalesforceErrorCode) as [SalesforceErrorCode, ...SalesforceErrorCode[]]);

/** Schema of {@link FaultRuleInput}, used for options and admin bodies. */
export const faultRuleInputSchema = z.strictObject({
  kind: z.enum([...EndpointKinds, 'bulk', 'any']).optional(),
  orgId: z.string().optional(),
  method: z.string().optional(),
  latencyMs: z.number().int().min(0).optional(),
  errorCode: code.optional(),
  errorRate: rate.optional(),
  hang: z.boolean().optional(),
  hangRate: rate.optional(),
  times: z.number().int().min(1).optional(),
  recordErrorRate: rate.optional(),
  recordErrorCode: code.optional(),
  failBulkJobAfter: z.number().int().min(0).optional(),
});

/** Validates `input` and fills its defaults; throws `SANDBOX_INVALID_OPTIONS` with the reason. */
export function resolveFaultRule(input: FaultRuleInput, id: string): FaultRule {
  const parsed = faultRuleInputSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'rule'}: ${issue.message}`).join('; ');
    throw new SandboxError(SandboxErrorCode.INVALID_OPTIONS, `invalid fault rule: ${detail}`);
  }
  const rule = parsed.data;
  return {
    id,
    kind: rule.kind ?? 'any',
    orgId: rule.orgId ?? null,
    method: rule.method?.toUpperCase() ?? null,
    latencyMs: rule.latencyMs ?? 0,
    errorCode: rule.errorCode ?? null,
    errorRate: rule.errorRate ?? 1,
    hangRate: rule.hang === true ? 1 : rule.hangRate ?? 0,
    remaining: rule.times ?? Number.POSITIVE_INFINITY,
    recordErrorRate: rule.recordErrorRate ?? 0,
    recordErrorCode: rule.recordErrorCode ?? SalesforceErrorCode.UNABLE_TO_LOCK_ROW,
    failBulkJobAfter: rule.failBulkJobAfter ?? null,
  };
}
