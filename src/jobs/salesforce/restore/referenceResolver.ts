import { MAPPED_REFERENCE_TARGETS } from './restorePlanner.ts';
import type { DescribedObject } from '../describedObject.ts';

/** Where a lookup value comes from in the target org. */
export type ResolvedReference = { kind: 'mapped'; value: string | null } | { kind: 'unmapped' };

/** What resolves source Ids to target Ids for one batch. */
export interface ReferenceContext {
  /** Source and target org are the same: an Id nobody remapped stays valid. */
  sameOrg: boolean;
  /** Source → target Ids of restored records (`null`: a record the dry run would create). */
  restored: ReadonlyMap<string, string | null>;
  /** Source → target owners (User Ids). */
  owners: ReadonlyMap<string, string>;
  /** Source → target record types. */
  recordTypes: ReadonlyMap<string, string>;
}

/**
 * Resolves lookup values of one object: owners and record types through their mappings, other
 * lookups through the restore's Id map; in the same org an Id that was not remapped is kept.
 */
export class ReferenceResolver {
  private readonly referenceTargets = new Map<string, string[]>();

  constructor(source: DescribedObject) {
    for (const field of source.fields.values()) if (field.type === 'reference') this.referenceTargets.set(field.name, field.referenceTo);
  }

  /** Whether `field` is a lookup. */
  isReference(field: string): boolean {
    return this.referenceTargets.has(field);
  }

  /** The target value of lookup `field` whose source value is `value` (a non-empty Id). */
  resolve(field: string, value: string, ctx: ReferenceContext): ResolvedReference {
    const targets = this.referenceTargets.get(field) ?? [];
    const mapping = targets.includes(MAPPED_REFERENCE_TARGETS.owner) ? ctx.owners : targets.includes(MAPPED_REFERENCE_TARGETS.recordType) ? ctx.recordTypes : null;
    if (mapping !== null && mapping.has(value)) return { kind: 'mapped', value: mapping.get(value)! };
    if (ctx.restored.has(value)) return { kind: 'mapped', value: ctx.restored.get(value)! };
    return ctx.sameOrg ? { kind: 'mapped', value } : { kind: 'unmapped' };
  }
}
