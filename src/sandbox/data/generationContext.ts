import type { RecordTypeSpec } from '../schema/recordTypeSpec.ts';
import type { SeededRandom } from './seededRandom.ts';

/**
 * What an object's generator gets to compute record `index`: its own random
 * stream and stable, draw-order-independent picks of related records.
 */
export interface GenerationContext {
  /** Index of the record being generated (its sequence number). */
  readonly index: number;
  /** This record's random stream. */
  readonly rng: SeededRandom;
  /** Latest instant any generated timestamp may have (epoch ms). */
  readonly anchorMs: number;
  /** Rate (0..1) at which text fields get tricky values. */
  readonly trickyRate: number;
  /** Login name and display name of the org's own user (user record 0). */
  readonly orgUser: { readonly username: string; readonly firstName: string; readonly lastName: string };
  /**
   * Index of the `target` record that `relation` (e.g. `Contact.AccountId`)
   * of record `ofIndex` points to, or null (with probability `nullRate`, or
   * when the target object has no generated records). Stable: the same
   * arguments always give the same answer, so related generators agree.
   */
  related(relation: string, target: string, ofIndex: number, nullRate: number): number | null;
  /** The org's record types, RecordType record N being the N-th. */
  readonly recordTypes: readonly RecordTypeSpec[];
  /** The Id of generated record `index` of `object`. */
  idOf(object: string, index: number): string;
  /**
   * The Id of the active record type of `object` that record `ofIndex` has, picked stably from
   * the seed (without drawing from the record's stream); null when `object` has none.
   */
  recordTypeOf(object: string, ofIndex: number): string | null;
}
