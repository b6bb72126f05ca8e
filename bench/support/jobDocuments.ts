import type { Db, Document, Filter } from 'mongodb';

/** Where job documents are stored: live jobs in Agenda's collection, ended ones (SUCCEEDED, FAILED, CANCELLED) in the history. */
const JOB_COLLECTIONS = ['agendaJobs', 'jobHistory'] as const;

/** Job documents matching `filter` in both collections, one per job (a job caught mid-move: its history copy). */
export async function findJobDocuments<T extends Document>(db: Db, filter: Filter<Document>, projection?: Document): Promise<T[]> {
  const [live, ended] = await Promise.all(JOB_COLLECTIONS.map((name) => db.collection(name).find(filter, { projection }).toArray()));
  const endedIds = new Set(ended!.map((doc) => String(doc._id)));
  return [...ended!, ...live!.filter((doc) => !endedIds.has(String(doc._id)))] as unknown as T[];
}
