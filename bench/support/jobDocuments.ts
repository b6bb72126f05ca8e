import type { Db, Document, Filter } from 'mongodb';

/** Where job documents are stored: live jobs in Agenda's collection, ended ones (SUCCEEDED, FAILED, CANCELLED) in the history. */
const JOB_COLLECTIONS = ['agendaJobs', 'jobHistory'] as const;

/** Job documents matching `filter` in both collections, one per job (a job caught mid-move: its history copy). */
export async function findJobDocuments<T extends Document>(db: Db, filter: Filter<Document>, projection?: Document): Promise<T[]> {
  // Live first, then the history: a move writes the history before it deletes the live copy, so a job ending between
  // the reads is still seen (read both at once and it can be in neither).
  const live = await db.collection(JOB_COLLECTIONS[0]).find(filter, { projection }).toArray();
  const ended = await db.collection(JOB_COLLECTIONS[1]).find(filter, { projection }).toArray();
  const endedIds = new Set(ended.map((doc) => String(doc._id)));
  return [...ended, ...live.filter((doc) => !endedIds.has(String(doc._id)))] as unknown as T[];
}
