import type { AlertKind } from '../alertDocument.ts';

/** A condition a rule sees right now; an incident is open for it until it is no longer seen. */
export interface ActiveCondition {
  /** What it is about (a zombie id, a job id, `all`); one open incident per rule and key. */
  key: string;
  /**
   * Which occurrence of the key this is, when the data says so (e.g. which entry of a job into the debug
   * queue): the incident id is then `<rule>:<key>:<occurrence>`, so it fires once however often it is
   * evaluated. Without it the evaluator numbers the key's incidents.
   */
  occurrence?: string;
  /** Tenant of the job it is about; `null` for conditions of the whole service. */
  tenantId: string | null;
  message: string;
}

/** What a rule evaluation knows about time. */
export interface RuleClock {
  now: Date;
  /** When this process's evaluator started (rules that need a grace period after start use it). */
  evaluatingSince: Date;
}

/** One alert rule: its name (stable, part of incident ids), kind, and the conditions that hold now. */
export interface AlertRule {
  readonly name: string;
  readonly kind: AlertKind;
  active(clock: RuleClock): Promise<ActiveCondition[]>;
}
