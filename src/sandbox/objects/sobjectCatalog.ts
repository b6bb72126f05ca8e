import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';
import type { FieldDefinition } from '../schema/fieldDefinition.ts';
import { accountDefinition } from './accountDefinition.ts';
import { aggregateResultDefinition } from './aggregateResultDefinition.ts';
import { caseDefinition } from './caseDefinition.ts';
import { contactDefinition } from './contactDefinition.ts';
import { invoiceDefinition } from './invoiceDefinition.ts';
import { opportunityDefinition } from './opportunityDefinition.ts';
import { recordTypeDefinition } from './recordTypeDefinition.ts';
import { userDefinition } from './userDefinition.ts';

/**
 * The sObjects every sandbox org has, found by name case-insensitively (as
 * Salesforce does) or by Id key prefix.
 */
export class SObjectCatalog {
  /** All objects, in describeGlobal order. */
  readonly all: readonly SObjectDefinition[];
  private readonly byName = new Map<string, SObjectDefinition>();
  private readonly byPrefix = new Map<string, SObjectDefinition>();
  private readonly fieldsByObject = new Map<string, Map<string, FieldDefinition>>();

  constructor(definitions: readonly SObjectDefinition[]) {
    this.all = definitions;
    for (const def of definitions) {
      this.byName.set(def.name.toLowerCase(), def);
      if (def.keyPrefix) this.byPrefix.set(def.keyPrefix, def);
      this.fieldsByObject.set(def.name, new Map(def.fields.map((f) => [f.name.toLowerCase(), f])));
    }
  }

  /** The standard catalog: Account, Contact, Opportunity, Case, Invoice__c, User, RecordType, AggregateResult. */
  static readonly standard = new SObjectCatalog([
    accountDefinition,
    contactDefinition,
    opportunityDefinition,
    caseDefinition,
    invoiceDefinition,
    userDefinition,
    recordTypeDefinition,
    aggregateResultDefinition,
  ]);

  /** The object named `name` (any case), if any. */
  find(name: string): SObjectDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The object whose Ids start with `keyPrefix`, if any. */
  findByKeyPrefix(keyPrefix: string): SObjectDefinition | undefined {
    return this.byPrefix.get(keyPrefix);
  }

  /** Field `name` (any case) of `definition`, if any. */
  findField(definition: SObjectDefinition, name: string): FieldDefinition | undefined {
    return this.fieldsByObject.get(definition.name)?.get(name.toLowerCase());
  }

  /** Objects that hold records (have a key prefix). */
  get recordObjects(): SObjectDefinition[] {
    return this.all.filter((def) => def.keyPrefix !== null);
  }
}
