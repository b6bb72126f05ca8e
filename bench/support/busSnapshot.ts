import type { Db } from 'mongodb';

/** What longhaul's bus collection (`events`) holds at one moment. */
export interface BusSnapshot {
  /** Events stored (the capped collection keeps at most `LONGHAUL_BUS_MAX_EVENTS`, trimmed lazily on FerretDB). */
  events: number;
  /** Distinct positions (`seq`) among them. */
  positions: number;
  /** Events whose position another stored event already has: readers deliver only one of them. */
  duplicated: number;
}

/** Reads the positions of every stored bus event of longhaul's database. */
export async function takeBusSnapshot(db: Db): Promise<BusSnapshot> {
  const docs = await db.collection<{ seq: number }>('events').find({}, { projection: { _id: 0, seq: 1 } }).toArray();
  const positions = new Set(docs.map((d) => d.seq)).size;
  return { events: docs.length, positions, duplicated: docs.length - positions };
}
