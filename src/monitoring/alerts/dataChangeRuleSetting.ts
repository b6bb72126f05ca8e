import { InvalidAlertRuleError } from '../errors/index.ts';

/** What a data-change alert rule watches: deletions, updates (in one backup), or a backup that ended `PARTIAL`. */
export const DataChangeRuleKind = { MassDeletion: 'MASS_DELETION', MassUpdate: 'MASS_UPDATE', BackupPartial: 'BACKUP_PARTIAL' } as const;
export type DataChangeRuleKind = (typeof DataChangeRuleKind)[keyof typeof DataChangeRuleKind];

/**
 * One data-change alert rule of an org. A `MASS_DELETION` / `MASS_UPDATE` rule fires when, in one backup,
 * an object's deleted (updated) records are more than `share` of the records its previous backup held, or
 * at least `count` (either threshold; at least one is set). `object`: only that object (it replaces the
 * org-wide rule of its kind for it); `null`: every object. `BACKUP_PARTIAL` has no threshold or object.
 */
export interface DataChangeRuleSetting {
  kind: DataChangeRuleKind;
  object: string | null;
  /** (0, 1]; `null`: no share threshold. */
  share: number | null;
  /** ≥ 1; `null`: no count threshold. */
  count: number | null;
  enabled: boolean;
}

/** The rules of an org that never set any: more than 5% of an object deleted, and a backup that ended `PARTIAL`. */
export const DEFAULT_DATA_CHANGE_RULES: readonly DataChangeRuleSetting[] = [
  { kind: DataChangeRuleKind.MassDeletion, object: null, share: 0.05, count: null, enabled: true },
  { kind: DataChangeRuleKind.BackupPartial, object: null, share: null, count: null, enabled: true },
];

/** Most rules an org may have. */
export const MAX_DATA_CHANGE_RULES = 200;

const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** A rule as a client may send it (omitted fields: `null`, `enabled` true). */
export interface DataChangeRuleRequest {
  kind: DataChangeRuleKind;
  object?: string | null;
  share?: number | null;
  count?: number | null;
  enabled?: boolean | null;
}

/** Checks and resolves the rules a client sent. Throws {@link InvalidAlertRuleError} with the reason; nothing is stored then. */
export function resolveDataChangeRules(requests: readonly DataChangeRuleRequest[]): DataChangeRuleSetting[] {
  if (requests.length > MAX_DATA_CHANGE_RULES) throw new InvalidAlertRuleError(`at most ${MAX_DATA_CHANGE_RULES} data-change rules per org (got ${requests.length})`);
  const seen = new Set<string>();
  return requests.map((request, index) => {
    const rule: DataChangeRuleSetting = {
      kind: request.kind,
      object: request.object ?? null,
      share: request.share ?? null,
      count: request.count ?? null,
      enabled: request.enabled ?? true,
    };
    const where = `rule ${index + 1} (${rule.kind}${rule.object === null ? '' : ` ${rule.object}`})`;
    if (!Object.values(DataChangeRuleKind).includes(rule.kind)) throw new InvalidAlertRuleError(`${where}: unknown kind`);
    if (rule.object !== null && !OBJECT_NAME.test(rule.object)) throw new InvalidAlertRuleError(`${where}: not an sObject name`);
    if (rule.kind === DataChangeRuleKind.BackupPartial) {
      if (rule.object !== null || rule.share !== null || rule.count !== null) throw new InvalidAlertRuleError(`${where}: BACKUP_PARTIAL takes no object, share or count`);
    } else {
      if (rule.share === null && rule.count === null) throw new InvalidAlertRuleError(`${where}: needs a share or a count`);
      if (rule.share !== null && !(Number.isFinite(rule.share) && rule.share > 0 && rule.share <= 1)) throw new InvalidAlertRuleError(`${where}: share must be in (0, 1]`);
      if (rule.count !== null && !(Number.isSafeInteger(rule.count) && rule.count >= 1)) throw new InvalidAlertRuleError(`${where}: count must be a whole number ≥ 1`);
    }
    const identity = `${rule.kind}/${rule.object ?? '*'}`;
    if (seen.has(identity)) throw new InvalidAlertRuleError(`${where}: a second rule of this kind for the same object`);
    seen.add(identity);
    return rule;
  });
}
