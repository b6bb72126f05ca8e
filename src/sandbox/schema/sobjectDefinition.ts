import type { GenerationContext } from '../data/generationContext.ts';
import type { FieldDefinition } from './fieldDefinition.ts';
import type { RecordValues } from './recordValues.ts';

/**
 * One sObject of the sandbox: its describe flags, its fields, how many of an
 * org's records it gets, and how record N is generated.
 */
export interface SObjectDefinition {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  /** 3-character Id prefix, or null for objects without records. */
  readonly keyPrefix: string | null;
  readonly custom: boolean;
  readonly queryable: boolean;
  readonly replicateable: boolean;
  readonly retrieveable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly deletable: boolean;
  readonly undeletable: boolean;
  readonly searchable: boolean;
  /** All fields, system fields first. */
  readonly fields: readonly FieldDefinition[];
  /** Share of an org's total size this object gets (0 for a fixed count). */
  readonly sizeWeight: number;
  /** Record count regardless of org size, when `sizeWeight` is 0. */
  readonly fixedCount: number;
  /** Auto-number field and its format (`CaseNumber`, `00001234`). */
  readonly autoNumber?: { readonly field: string; format(sequence: number): string };
  /** The object's own (non-system) field values of generated record `ctx.index`. */
  generate(ctx: GenerationContext): RecordValues;
  /**
   * Index of the generated record that may hold `value` in unique field
   * `field`, when generated values follow a pattern (the caller checks the
   * record really holds it). Lets uniqueness and upserts work without
   * scanning generated records.
   */
  locateGenerated?(field: string, value: string): number | undefined;
  /** Recomputes calculated fields (e.g. `IsClosed` from the stage) after a write. */
  derive?(values: RecordValues): void;
}

/** Describe flags of an object users can query, create, update and delete (Account, Contact, custom objects…). */
export const FULL_ACCESS_FLAGS = {
  queryable: true,
  replicateable: true,
  retrieveable: true,
  createable: true,
  updateable: true,
  deletable: true,
  undeletable: true,
  searchable: true,
} as const satisfies Partial<SObjectDefinition>;
