import { ObjectId, type Db, type Document } from 'mongodb';

/** A finished job's documents, one per collection that holds a document with the job's `_id`. */
export interface FinishedJobTemplate {
  /** The job's id. */
  id: string;
  /** Collection name → the document found there. */
  documents: Map<string, Document>;
}

/**
 * Reads a finished job as stored: every collection of `db` is asked for a document whose `_id` is the job's id
 * (as an ObjectId or as a string), so the clone follows wherever the engine keeps its records.
 */
export async function readFinishedJobTemplate(db: Db, id: string): Promise<FinishedJobTemplate> {
  const documents = new Map<string, Document>();
  const keys: unknown[] = ObjectId.isValid(id) ? [new ObjectId(id), id] : [id];
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    for (const key of keys) {
      const doc = await db.collection(name).findOne({ _id: key as ObjectId });
      if (doc !== null) {
        documents.set(name, doc);
        break;
      }
    }
  }
  if (documents.size === 0) throw new Error(`no document with _id ${id} in ${db.databaseName}`);
  return { id, documents };
}

/**
 * Inserts `count` copies of the template into `db` (each collection of the template, the same new `_id` across
 * collections), in unordered batches: the finished history of a service that has run `count` jobs. In each copy,
 * every value equal to the template's id (an ObjectId, or its hex inside a string such as the default idempotency
 * key `id:<hex>`) becomes the copy's id, so unique indexes hold.
 */
export async function preloadFinishedJobs(db: Db, template: FinishedJobTemplate, count: number, batchSize = 1000): Promise<void> {
  const templateHex = template.id;
  const rewrite = (value: unknown, id: ObjectId): unknown => {
    if (value instanceof ObjectId) return value.toHexString() === templateHex ? id : value;
    if (typeof value === 'string') return value.includes(templateHex) ? value.replaceAll(templateHex, id.toHexString()) : value;
    if (Array.isArray(value)) return value.map((item) => rewrite(item, id));
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewrite(item, id)]));
    }
    return value;
  };
  for (let offset = 0; offset < count; offset += batchSize) {
    const ids = Array.from({ length: Math.min(batchSize, count - offset) }, () => new ObjectId());
    for (const [collection, doc] of template.documents) {
      const stringIds = typeof doc._id === 'string';
      await db.collection<Document>(collection).insertMany(
        ids.map((id): Document => ({ ...(rewrite(doc, id) as Document), _id: stringIds ? id.toHexString() : id })),
        { ordered: false },
      );
    }
  }
}
