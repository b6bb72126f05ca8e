import type { Db, Document, Filter } from 'mongodb';

/** Where job documents are stored: live jobs in Agenda's collection, ended ones (SUCCEEDED, FAILED, CANCELLED) in the history. */
export const JOB_COLLECTIONS = ['agendaJobs', 'jobHistory'] as const;

/**
 * Job documents matching `filter` in both collections (a job caught mid-move once: its history copy). Live first, then
 * the history: a move writes the history before it deletes the live copy, so a job ending between the two reads is
 * still seen (read both at once and it can be in neither).
 */
export async function findJobDocuments(db: Db, filter: Filter<Document>): Promise<Document[]> {
  const live = await db.collection(JOB_COLLECTIONS[0]).find(filter).toArray();
  const ended = await db.collection(JOB_COLLECTIONS[1]).find(filter).toArray();
  const endedIds = new Set(ended.map((doc) => String(doc._id)));
  return [...ended, ...live.filter((doc) => !endedIds.has(String(doc._id)))];
}

/** Job documents matching `filter` in both collections, counted once each. */
export async function countJobDocuments(db: Db, filter: Filter<Document> = {}): Promise<number> {
  return (await findJobDocuments(db, filter)).length;
}
