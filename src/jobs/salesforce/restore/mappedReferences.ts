import type { RetryingCaller, SalesforceClient } from '../../../salesforce/index.ts';
import type { IdMapping } from '../../../storage/index.ts';
import type { DescribedObject } from '../describedObject.ts';
import { MAPPED_REFERENCE_TARGETS } from './restorePlanner.ts';

/** Owners and record types of a cross-org restore: source Id → target Id, and what could not be mapped. */
export interface MappedReferences {
  owners: Map<string, string>;
  recordTypes: Map<string, string>;
  unmappedOwners: string[];
  unmappedRecordTypes: string[];
  /** What the source calls the owners and record types it uses (`Name`; `SobjectType.DeveloperName`), by source Id, as far as the backup holds them. */
  sourceNames: Map<string, string>;
}

/** What {@link mapReferences} reads. */
export interface MappedReferenceSources {
  client: SalesforceClient;
  caller: RetryingCaller;
  /** Source describes of the restored objects. */
  sources: readonly DescribedObject[];
  /** Streams the backed-up records of an object (`User`, `RecordType` and the restored ones). */
  records: (object: string) => AsyncIterable<Record<string, unknown>>;
  /** Objects the backup holds. */
  backedUp: ReadonlySet<string>;
  ownerMappings: readonly IdMapping[];
  recordTypeMappings: readonly IdMapping[];
}

/**
 * Maps the owners and record types the restored records use onto the target org: a supplied mapping
 * first, then by name (a user's `Name`, a record type's `SobjectType` + `DeveloperName`, unique in
 * both orgs). Reads the restored records once to learn which owners and record types they use.
 */
export async function mapReferences(src: MappedReferenceSources): Promise<MappedReferences> {
  const usedOwners = new Set<string>();
  const usedRecordTypes = new Set<string>();
  for (const source of src.sources) {
    const ownerFields = [...source.fields.values()].filter((f) => f.type === 'reference' && f.createable && f.referenceTo.includes(MAPPED_REFERENCE_TARGETS.owner)).map((f) => f.name);
    const typeFields = [...source.fields.values()].filter((f) => f.type === 'reference' && f.referenceTo.includes(MAPPED_REFERENCE_TARGETS.recordType)).map((f) => f.name);
    if (ownerFields.length === 0 && typeFields.length === 0) continue;
    for await (const record of src.records(source.name)) {
      for (const f of ownerFields) if (typeof record[f] === 'string' && record[f] !== '') usedOwners.add(record[f]);
      for (const f of typeFields) if (typeof record[f] === 'string' && record[f] !== '') usedRecordTypes.add(record[f]);
    }
  }
  const owners = new Map(src.ownerMappings.map((m) => [m.sourceId, m.targetId]));
  const recordTypes = new Map(src.recordTypeMappings.map((m) => [m.sourceId, m.targetId]));
  const sourceNames = new Map<string, string>();
  if ([...usedOwners].some((id) => !owners.has(id)) && src.backedUp.has('User')) {
    await mapByName(src, 'User', `SELECT Id, Name FROM User`, (r) => String(r.Name), usedOwners, owners, sourceNames);
  }
  if ([...usedRecordTypes].some((id) => !recordTypes.has(id)) && src.backedUp.has('RecordType')) {
    // Only an active record type can be given to a record: an inactive namesake maps nothing.
    const soql = `SELECT Id, SobjectType, DeveloperName FROM RecordType WHERE IsActive = true`;
    await mapByName(src, 'RecordType', soql, (r) => `${String(r.SobjectType)}.${String(r.DeveloperName)}`, usedRecordTypes, recordTypes, sourceNames);
  }
  return {
    owners,
    recordTypes,
    unmappedOwners: [...usedOwners].filter((id) => !owners.has(id)).sort(),
    unmappedRecordTypes: [...usedRecordTypes].filter((id) => !recordTypes.has(id)).sort(),
    sourceNames,
  };
}

async function mapByName(
  src: MappedReferenceSources,
  object: string,
  soql: string,
  nameOf: (record: Record<string, unknown>) => string,
  used: ReadonlySet<string>,
  into: Map<string, string>,
  names: Map<string, string>,
): Promise<void> {
  const sourceNames = new Map<string, string>();
  for await (const record of src.records(object)) if (used.has(String(record.Id))) sourceNames.set(String(record.Id), nameOf(record));
  for (const [id, name] of sourceNames) names.set(id, name);
  const targetByName = new Map<string, string | null>();
  let page = await src.caller.call(`read ${object}`, () => src.client.query(soql));
  for (;;) {
    for (const r of page.records) {
      const name = nameOf(r);
      // A name two target records share maps nothing: it would be a guess.
      targetByName.set(name, targetByName.has(name) ? null : String(r.Id));
    }
    if (page.done || page.nextRecordsUrl === null) break;
    const next = page.nextRecordsUrl;
    page = await src.caller.call(`read ${object}`, () => src.client.queryMore(next));
  }
  for (const [id, name] of sourceNames) {
    const target = targetByName.get(name);
    if (!into.has(id) && target !== undefined && target !== null) into.set(id, target);
  }
}
