import type { RetryingCaller, SalesforceClient } from '../../../salesforce/index.ts';
import type { RestoreIdMap } from '../../../storage/index.ts';
import { matchRecords } from './recordFingerprint.ts';

/** A record that was (maybe) sent for creation. */
export interface SentRecord {
  sourceId: string;
  values: Record<string, unknown>;
}

/** How far before the send time created records are looked for (clock skew between longhaul and Salesforce). */
const SKEW_MS = 5 * 60_000;

/**
 * Finds which records of a create request that may have reached Salesforce (its answer was lost
 * with a crash or a timeout) exist in the target: records created since the request was sent whose
 * written values equal what was sent, and which this restore does not already map. Each candidate
 * matches at most one sent record, so identical records are neither merged nor duplicated.
 */
export class CreateReconciler {
  constructor(
    private readonly client: SalesforceClient,
    private readonly idMap: RestoreIdMap,
    private readonly caller: RetryingCaller,
    /** The restore's tenant (its id map is read in it). */
    private readonly tenantId: string,
  ) {}

  /** Source Id → target Id of the sent records found in the target. */
  async reconcile(restoreId: string, object: string, sentAt: Date, sent: readonly SentRecord[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (sent.length === 0) return found;
    const fields = [...new Set(sent.flatMap((s) => Object.keys(s.values)))].filter((f) => f !== 'Id').sort();
    const since = new Date(Math.floor((sentAt.getTime() - SKEW_MS) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const soql = `SELECT Id${fields.map((f) => `, ${f}`).join('')} FROM ${object} WHERE CreatedDate >= ${since} ORDER BY Id`;
    const candidates: Record<string, unknown>[] = [];
    let page = await this.caller.call(`reconcile ${object}`, () => this.client.query(soql));
    for (;;) {
      candidates.push(...page.records);
      if (page.done || page.nextRecordsUrl === null) break;
      const next = page.nextRecordsUrl;
      page = await this.caller.call(`reconcile ${object}`, () => this.client.queryMore(next));
    }
    const known = await this.idMap.knownTargets(this.tenantId, restoreId, candidates.map((c) => String(c.Id)));
    const matched = matchRecords(sent.map((s) => ({ key: s.sourceId, values: s.values })), candidates, (c) => String(c.Id), known);
    for (const [sourceId, targetId] of matched) found.set(sourceId, targetId);
    return found;
  }
}
