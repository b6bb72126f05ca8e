import { SeededRandom } from '../data/seededRandom.ts';
import type { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import { targetMatches, type EndpointKind } from '../http/endpointKind.ts';
import { resolveFaultRule, type FaultRule, type FaultRuleInput } from './faultRule.ts';

/** What to do with one request. */
export interface FaultDecision {
  /** Delay before handling, in ms (sum of matching rules). */
  readonly latencyMs: number;
  /** `pass`: handle normally; `hang`: never answer; otherwise answer this error. */
  readonly outcome: 'pass' | 'hang' | { readonly errorCode: SalesforceErrorCode };
}

/** Which request a decision is for. */
export interface FaultRequest {
  readonly kind: EndpointKind;
  readonly orgId: string | null;
  readonly method: string;
}

/**
 * The sandbox's fault rules: latency, injected errors, hanging requests,
 * per-record failures and failing Bulk jobs, chosen by endpoint kind, org
 * and method. Random choices use a seeded generator, so a run with the same
 * requests injects the same faults.
 */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private readonly rng: SeededRandom;
  private nextId = 1;

  constructor(seed: number, initial: readonly FaultRuleInput[] = []) {
    this.rng = SeededRandom.forRecord(seed, 'faults', 0);
    for (const input of initial) this.add(input);
  }

  /** Adds a rule and returns it (with its id, for {@link FaultInjector.remove}). */
  add(input: FaultRuleInput): FaultRule {
    const rule = resolveFaultRule(input, `fault-${this.nextId}`);
    this.nextId += 1;
    this.rules.push(rule);
    return rule;
  }

  /** Replaces all rules. */
  set(inputs: readonly FaultRuleInput[]): FaultRule[] {
    const resolved = inputs.map((input, i) => resolveFaultRule(input, `fault-${this.nextId + i}`));
    this.nextId += inputs.length;
    this.rules = resolved;
    return resolved;
  }

  /** Removes rule `id`; false when there is none. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The current rules. */
  list(): readonly FaultRule[] {
    return this.rules;
  }

  /** Decides latency, hang or error for one request, spending `times` of the rule that fires. */
  decide(request: FaultRequest): FaultDecision {
    let latencyMs = 0;
    let outcome: FaultDecision['outcome'] = 'pass';
    for (const rule of this.matching(request)) {
      latencyMs += rule.latencyMs;
      if (outcome !== 'pass' || rule.remaining <= 0) continue;
      if (rule.hangRate > 0 && this.rng.next() < rule.hangRate) {
        outcome = 'hang';
        rule.remaining -= 1;
      } else if (rule.errorCode !== null && this.rng.next() < rule.errorRate) {
        outcome = { errorCode: rule.errorCode };
        rule.remaining -= 1;
      }
    }
    this.rules = this.rules.filter((rule) => rule.remaining > 0 || (rule.errorCode === null && rule.hangRate === 0));
    return { latencyMs, outcome };
  }

  /** A per-record error to inject into one record of a Collections or Bulk ingest request, if any. */
  recordError(request: FaultRequest): SalesforceErrorCode | undefined {
    for (const rule of this.matching(request)) {
      if (rule.recordErrorRate > 0 && this.rng.next() < rule.recordErrorRate) return rule.recordErrorCode;
    }
    return undefined;
  }

  /** After how many records a Bulk job of this org must fail, if a rule says so. */
  bulkJobFailureAfter(request: FaultRequest): number | undefined {
    for (const rule of this.matching(request)) {
      if (rule.failBulkJobAfter !== null) return rule.failBulkJobAfter;
    }
    return undefined;
  }

  private matching(request: FaultRequest): FaultRule[] {
    return this.rules.filter((rule) =>
      targetMatches(rule.kind, request.kind)
      && (rule.orgId === null || rule.orgId === request.orgId || (request.orgId !== null && rule.orgId.slice(0, 15) === request.orgId.slice(0, 15)))
      && (rule.method === null || rule.method === request.method));
  }
}
