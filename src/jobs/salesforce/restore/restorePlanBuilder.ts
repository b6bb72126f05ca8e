import type { JobLogger } from '../../../engine/jobContext.ts';
import { SalesforceRequestRejectedError, type RetryingCaller, type SalesforceClient } from '../../../salesforce/index.ts';
import { snapshotChain, WriteMethod, type BackupFileStore, type BackupStore, type IdMapping, type RestorePlan, type RestorePlanObject } from '../../../storage/index.ts';
import { readBackedUpDescribe } from '../backedUpDescribe.ts';
import { describedObject, type DescribedObject } from '../describedObject.ts';
import { dependencyOrder } from './dependencyOrder.ts';
import { mapReferences } from './mappedReferences.ts';
import { COLLECTION_SIZE } from './recordBatchWriter.ts';
import { ReferenceResolver, type ReferenceContext } from './referenceResolver.ts';
import { emptyPlannedCounts, type PlannedObjectCounts } from './restoreCheckpoint.ts';
import { lookupEdges, planObjectFields, writeMethodFor } from './restorePlanner.ts';

/** An object the restore writes, with everything its batches need. */
export interface ObjectWork {
  /** Its part of the plan (counts filled as the walk goes). */
  plan: RestorePlanObject;
  /** Its describe as backed up. */
  source: DescribedObject;
  resolver: ReferenceResolver;
  /** Lookups written empty by the first pass and filled by the second. */
  deferred: Set<string>;
  /** Every lookup field of the source. */
  referenceFields: string[];
  /** Records per batch (one checkpoint each): 200 for sObject Collections, `bulkBatchSize` for Bulk ingest. */
  batchSize: number;
}

/** What {@link buildRestorePlan} reads and decides with. */
export interface RestorePlanRequest {
  client: SalesforceClient;
  caller: RetryingCaller;
  logger: JobLogger;
  backups: Pick<BackupStore, 'get'>;
  files: Pick<BackupFileStore, 'readSchema'>;
  /** The restore's tenant: the backup is read in it. */
  tenantId: string;
  backupId: string;
  /** Objects to restore, every one backed up. */
  names: readonly string[];
  /** Objects the backup holds complete (owners and record types are matched by name through `User` and `RecordType`). */
  backedUp: ReadonlySet<string>;
  /** Source and target are the same org: Ids stay, nothing is mapped. */
  sameOrg: boolean;
  ownerMappings: readonly IdMapping[];
  recordTypeMappings: readonly IdMapping[];
  /** Streams the backed-up records of an object. */
  records: (object: string) => AsyncIterable<Record<string, unknown>>;
  /** Objects with more records go through Bulk ingest; default 2,000. */
  bulkThreshold?: number;
  /** Records of one Bulk ingest job; default 10,000. */
  bulkBatchSize?: number;
}

/** A restore's plan and what its passes work with. */
export interface PlannedRestore {
  /** The objects to write, parents first. */
  work: ObjectWork[];
  plan: RestorePlan;
  /** How lookups to owners and record types resolve (cross-org: through the mappings found). */
  refs: Omit<ReferenceContext, 'restored'>;
  /** What the source calls the owners and record types it uses, by source Id (for messages). */
  sourceNames: Map<string, string>;
}

/**
 * Plans a restore: reads both describes of every object (the backed-up one, and the target's; an object
 * the target cannot describe or write is left out with a warning), orders the objects parents first
 * (lookups closing a cycle deferred), maps owners and record types onto another org, and chooses
 * each object's fields and write method. The plan's counts are filled later, by the walk.
 */
export async function buildRestorePlan(request: RestorePlanRequest): Promise<PlannedRestore> {
  const { client, caller, tenantId, backupId, names } = request;
  const sources = new Map<string, DescribedObject>();
  const targets = new Map<string, DescribedObject>();
  const estimates = new Map<string, number>();
  for (const name of names) {
    const chain = await snapshotChain(request, tenantId, backupId, name);
    sources.set(name, await readBackedUpDescribe(request.files, tenantId, backupId, chain, name));
    estimates.set(name, chain.reduce((sum, link) => sum + link.entry.records, 0));
    try {
      const target = describedObject((await caller.call(`describe ${name}`, () => client.describe(name))).raw);
      if (target.createable || target.updateable) targets.set(name, target);
    } catch (error) {
      if (!(error instanceof SalesforceRequestRejectedError)) throw error;
      request.logger.warn(`${name} cannot be described in the target (${error.sfErrorCode}); not restored`);
    }
  }
  const restorable = names.filter((n) => targets.has(n));
  const edges = restorable.flatMap((n) => lookupEdges(sources.get(n)!, targets.get(n)!));
  const { order, deferred } = dependencyOrder(restorable, edges);
  let unmappedOwners: string[] = [];
  let unmappedRecordTypes: string[] = [];
  let refs: Omit<ReferenceContext, 'restored'> = { sameOrg: request.sameOrg, owners: new Map(), recordTypes: new Map() };
  let sourceNames = new Map<string, string>();
  if (!request.sameOrg) {
    const mapped = await mapReferences({
      client,
      caller,
      sources: order.map((n) => sources.get(n)!),
      records: request.records,
      backedUp: request.backedUp,
      ownerMappings: request.ownerMappings,
      recordTypeMappings: request.recordTypeMappings,
    });
    refs = { sameOrg: false, owners: mapped.owners, recordTypes: mapped.recordTypes };
    unmappedOwners = mapped.unmappedOwners;
    unmappedRecordTypes = mapped.unmappedRecordTypes;
    sourceNames = mapped.sourceNames;
  }
  const threshold = request.bulkThreshold ?? 2000;
  const work = order.map((name, position): ObjectWork => {
    const source = sources.get(name)!;
    const deferredFields = new Set(deferred.filter((e) => e.object === name).map((e) => e.field));
    const fields = planObjectFields(source, targets.get(name)!, deferredFields);
    const method = writeMethodFor(estimates.get(name)!, threshold);
    return {
      plan: { name, order: position, records: estimates.get(name)!, toCreate: 0, toUpdate: 0, toSkip: 0, method, ...fields, unmappedReferences: [] },
      source,
      resolver: new ReferenceResolver(source),
      deferred: new Set(fields.deferredFields),
      referenceFields: [...source.fields.values()].filter((f) => f.type === 'reference').map((f) => f.name),
      batchSize: method === WriteMethod.Bulk ? (request.bulkBatchSize ?? 10_000) : COLLECTION_SIZE,
    };
  });
  const plan: RestorePlan = {
    order,
    objects: work.map((w) => w.plan),
    deferredReferences: deferred.map((e) => `${e.object}.${e.field}`),
    unmappedOwners,
    unmappedRecordTypes,
  };
  return { work, plan, refs, sourceNames };
}

/**
 * Why a cross-org plan cannot be written: the owners and record types with no target (named as the
 * source calls them, where the backup says), and what to do about it; `null` when nothing is unmapped.
 */
export function unmappedReferencesMessage(plan: RestorePlan, sourceNames: ReadonlyMap<string, string>, backedUp: ReadonlySet<string>): string | null {
  if (plan.unmappedOwners.length === 0 && plan.unmappedRecordTypes.length === 0) return null;
  const parts = [];
  const named = (id: string) => (sourceNames.has(id) ? `${id} (${sourceNames.get(id)!})` : id);
  if (plan.unmappedOwners.length > 0) parts.push(`owners ${plan.unmappedOwners.map(named).join(', ')}`);
  if (plan.unmappedRecordTypes.length > 0) parts.push(`record types ${plan.unmappedRecordTypes.map(named).join(', ')}`);
  // Names come from the backup's User and RecordType copies: without them nothing can be matched by name.
  const unnamed = [plan.unmappedOwners.length > 0 && !backedUp.has('User') ? 'User' : null, plan.unmappedRecordTypes.length > 0 && !backedUp.has('RecordType') ? 'RecordType' : null].filter((o) => o !== null);
  const hint = unnamed.length > 0 ? `; the backup holds no ${unnamed.join(' or ')} to match names with: back those objects up too, or pass the mappings` : '';
  return `no target for ${parts.join('; ')}: pass ownerMappings / recordTypeMappings (or give them the same name in the target)${hint}`;
}

/** The plan as the walk found it: every object's counts and unmapped lookups from `planned` (the checkpoint's). */
export function walkedPlan(plan: RestorePlan, work: readonly ObjectWork[], planned: Readonly<Record<string, PlannedObjectCounts>>): RestorePlan {
  return {
    ...plan,
    objects: work.map((w) => {
      const p = planned[w.plan.name] ?? emptyPlannedCounts();
      return {
        ...w.plan,
        records: p.records,
        toCreate: p.toCreate,
        toUpdate: p.toUpdate,
        toSkip: p.toSkip,
        unmappedReferences: Object.entries(p.unmapped).map(([field, count]) => ({ field, count })),
      };
    }),
  };
}
