import type { SObjectCatalog } from '../objects/sobjectCatalog.ts';

/** What every org of a sandbox shares: the object catalog, the clock and how stamps are rounded. */
export interface OrgEnvironment {
  readonly catalog: SObjectCatalog;
  /** Current time in epoch ms. */
  readonly clock: () => number;
  /** `second`: audit stamps are whole seconds like Salesforce's; `millisecond`: kept as is. */
  readonly timestampPrecision: 'second' | 'millisecond';
}
