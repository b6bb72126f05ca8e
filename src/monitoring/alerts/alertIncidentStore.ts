import type { Collection, Db, Filter, UpdateFilter } from 'mongodb';
import type { AlertDocument, AlertKind } from '../alertDocument.ts';
import type { CollectionSpec } from '../../db/collectionSpec.ts';
import { deleteByIds, type DeleteBatches } from '../../db/deleteBatches.ts';

/** The two messages an incident sends to each receiver. */
export type AlertDeliveryEvent = 'fired' | 'resolved';

/** Where one message to one receiver stands: absent while pending. */
export type DeliveryState = 'done' | 'failed';

/**
 * An alert incident as stored: the API's {@link AlertDocument} plus delivery bookkeeping, kept in
 * top-level fields (`delivery_<hook>_<event>`, `tries_<hook>_<event>`) so every store can query and
 * update them (no nested arrays, no dotted keys).
 */
export type AlertIncidentDocument = AlertDocument & {
  /** True while some receiver still has to get a message of this incident. */
  pendingDelivery: boolean;
  /** No process tries to deliver before this: a lease while one does, the next try after a failure. */
  deliverAfter: Date;
} & Record<`delivery_${string}`, DeliveryState | undefined> &
  Record<`tries_${string}`, number | undefined>;

/** What a new incident is created with. */
export interface NewIncident {
  _id: string;
  kind: AlertKind;
  rule: string;
  key: string;
  tenantId: string | null;
  message: string;
  firedAt: Date;
  /** Counts and links for receivers (data-change alerts); default none. */
  details?: Record<string, unknown> | null;
  /** Whether any receiver is configured. */
  deliver: boolean;
}

/** Field of a delivery's state. */
export const deliveryField = (hookId: string, event: AlertDeliveryEvent): `delivery_${string}` => `delivery_${hookId}_${event}`;
/** Field of a delivery's failed tries. */
export const triesField = (hookId: string, event: AlertDeliveryEvent): `tries_${string}` => `tries_${hookId}_${event}`;

const EPOCH = new Date(0);

/** Fields of an incident that belong to delivery bookkeeping, not to the API's view. */
const ALERT_VIEW_PROJECTION = { _id: 1, kind: 1, rule: 1, key: 1, tenantId: 1, message: 1, firedAt: 1, resolvedAt: 1, delivered: 1, details: 1 } as const;

/**
 * The `alerts` collection. Every write that decides something is atomic on one document, so several API
 * processes may evaluate and deliver at once: an incident is claimed by inserting its deterministic `_id`
 * (a duplicate-key error means another process fired it), resolved by an update filtered on
 * `resolvedAt: null`, and delivered by whoever takes its `deliverAfter` lease.
 */
export class AlertIncidentStore {
  /** The `alerts` collection and plain indexes for the evaluator's, deliverer's and API's queries (FerretDB keeps only `_id`'s; harmless there). */
  static readonly collection: CollectionSpec = {
    name: 'alerts',
    holds: 'an alert incident and its webhook delivery state, `_id` `<rule>:<key>:<occurrence>`',
    indexes: [
      { name: 'rule_key', key: { rule: 1, key: 1 } },
      { name: 'pending_delivery', key: { pendingDelivery: 1, deliverAfter: 1 } },
      { name: 'fired', key: { firedAt: -1 } },
    ],
  };

  private readonly alerts: Collection<AlertIncidentDocument>;

  constructor(db: Db) {
    this.alerts = db.collection<AlertIncidentDocument>(AlertIncidentStore.collection.name);
  }

  /** An incident as the API shows it (no delivery bookkeeping), if it is `tenantId`'s (`null`: any tenant's). */
  getView(id: string, tenantId: string | null): Promise<AlertDocument | null> {
    return this.alerts.findOne(tenantId === null ? { _id: id } : { _id: id, tenantId }, { projection: ALERT_VIEW_PROJECTION });
  }

  /** Incidents as the API shows them, newest first: `tenantId`'s (`null`: all), open ones unless `includeResolved`; at most `limit`. */
  listViews(tenantId: string | null, includeResolved: boolean, limit = 500): Promise<AlertDocument[]> {
    const filter: Filter<AlertIncidentDocument> = {};
    if (tenantId !== null) filter.tenantId = tenantId;
    if (!includeResolved) filter.resolvedAt = null;
    return this.alerts.find(filter, { projection: ALERT_VIEW_PROJECTION }).sort({ firedAt: -1 }).limit(limit).toArray();
  }

  /** How many incidents are not resolved yet (every tenant's). */
  countOpen(): Promise<number> {
    return this.alerts.countDocuments({ resolvedAt: null });
  }

  /** Open incidents of `rule`. */
  open(rule: string): Promise<AlertIncidentDocument[]> {
    return this.alerts.find({ rule, resolvedAt: null } as Filter<AlertIncidentDocument>).toArray();
  }

  /** Every incident of `rule` and `key` (open or resolved), for numbering the next one. */
  history(rule: string, key: string): Promise<Pick<AlertDocument, '_id' | 'firedAt' | 'resolvedAt'>[]> {
    return this.alerts.find({ rule, key } as Filter<AlertIncidentDocument>, { projection: { _id: 1, firedAt: 1, resolvedAt: 1 } }).toArray();
  }

  /** Inserts the incident; `null` when one with this `_id` exists already (another process fired it). */
  async fire(incident: NewIncident): Promise<AlertIncidentDocument | null> {
    const { deliver, ...fields } = incident;
    const doc = { ...fields, resolvedAt: null, delivered: 0, pendingDelivery: deliver, deliverAfter: EPOCH } as AlertIncidentDocument;
    try {
      await this.alerts.insertOne(doc);
      return doc;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return null;
      throw error;
    }
  }

  /** Marks an open incident resolved; `null` when it was resolved already (by another process). */
  async resolve(id: string, at: Date, deliver: boolean): Promise<AlertIncidentDocument | null> {
    return this.alerts.findOneAndUpdate(
      { _id: id, resolvedAt: null },
      { $set: { resolvedAt: at, ...(deliver ? { pendingDelivery: true } : {}) } },
      { returnDocument: 'after' },
    );
  }

  /** Takes the delivery lease of one incident with pending deliveries, until `until`; `null` when none is due. */
  claimDelivery(now: Date, until: Date): Promise<AlertIncidentDocument | null> {
    return this.alerts.findOneAndUpdate(
      { pendingDelivery: true, deliverAfter: { $lte: now } },
      { $set: { deliverAfter: until } },
      { returnDocument: 'after' },
    );
  }

  /** When the next pending delivery is due, if any. */
  async nextDeliveryAt(): Promise<Date | null> {
    const next = await this.alerts
      .find({ pendingDelivery: true } as Filter<AlertIncidentDocument>, { projection: { deliverAfter: 1 } })
      .sort({ deliverAfter: 1 })
      .limit(1)
      .next();
    return next?.deliverAfter ?? null;
  }

  /** Records a message a receiver answered with success. */
  async delivered(id: string, hookId: string, event: AlertDeliveryEvent): Promise<void> {
    await this.alerts.updateOne({ _id: id }, { $set: { [deliveryField(hookId, event)]: 'done' }, $inc: { delivered: 1 } } as UpdateFilter<AlertIncidentDocument>);
  }

  /** Records a failed try; with `giveUp`, the message is not tried again. */
  async failedTry(id: string, hookId: string, event: AlertDeliveryEvent, giveUp: boolean): Promise<void> {
    const update: Record<string, unknown> = { $inc: { [triesField(hookId, event)]: 1 } };
    if (giveUp) update.$set = { [deliveryField(hookId, event)]: 'failed' };
    await this.alerts.updateOne({ _id: id }, update);
  }

  /**
   * Ends a delivery pass. `settled`: every message of the incident as read (`resolvedAt`) is done or given
   * up; if the incident was resolved meanwhile, it stays pending and is due at once. Otherwise the next try
   * is due at `retryAt`.
   */
  async release(read: AlertIncidentDocument, settled: boolean, retryAt: Date): Promise<void> {
    if (settled) {
      const done = await this.alerts.updateOne(
        { _id: read._id, resolvedAt: read.resolvedAt },
        { $set: { pendingDelivery: false, deliverAfter: EPOCH } },
      );
      if (done.matchedCount > 0) return;
      retryAt = EPOCH;
    }
    await this.alerts.updateOne({ _id: read._id }, { $set: { deliverAfter: retryAt } });
  }

  /**
   * Deletes incidents resolved before `cutoff` whose messages are all delivered (or given up), in batches (the
   * retention sweep's). A rule's key loses its whole history at once or not at all: the next incident of a key is
   * numbered after its history, which must not count again an incident that is still there.
   */
  async deleteResolvedBefore(cutoff: Date, batches: DeleteBatches): Promise<number> {
    const expired = { resolvedAt: { $ne: null, $lt: cutoff }, pendingDelivery: false } as Filter<AlertIncidentDocument>;
    let deleted = 0;
    const seen = new Set<string>();
    for (;;) {
      const candidates = await this.alerts.find({ ...expired, _id: { $nin: [...seen] } }, { projection: { _id: 1, rule: 1, key: 1 } }).limit(batches.size).toArray();
      if (candidates.length === 0) return deleted;
      const keys = new Map(candidates.map((c) => [`${c.rule}\u0000${c.key}`, { rule: c.rule, key: c.key }]));
      const ids: string[] = [];
      for (const { rule, key } of keys.values()) {
        const history = await this.alerts.find({ rule, key } as Filter<AlertIncidentDocument>, { projection: { _id: 1, resolvedAt: 1, pendingDelivery: 1 } }).toArray();
        const all = history.every((h) => h.resolvedAt !== null && h.resolvedAt < cutoff && h.pendingDelivery === false);
        for (const h of history) {
          seen.add(h._id);
          if (all) ids.push(h._id);
        }
      }
      for (const c of candidates) seen.add(c._id);
      deleted += await deleteByIds(this.alerts, ids, batches, expired);
    }
  }
}
