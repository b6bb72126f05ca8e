import { randomBytes } from 'node:crypto';
import { ObjectId } from 'mongodb';

/** Bytes of randomness in a new record id (128 bits). */
const RANDOM_BYTES = 16;

/** A record id as clients see it: 22 url-safe characters (128 random bits), or 24 hex digits for records written before random ids. */
export const RECORD_ID_PATTERN = /^(?:[A-Za-z0-9_-]{22}|[0-9a-fA-F]{24})$/;

/** The stored `_id` of a record: a random string, or the ObjectId of a record written before random ids. */
export type RecordKey = string | ObjectId;

/**
 * A new record id: 128 bits from `crypto.randomBytes`, base64url (22 characters). Unlike a driver
 * ObjectId (a timestamp, a per-process random value and a counter), one id tells nothing of another.
 * Never one starting with `-`: a command line (the CLI, `curl`, shell tools) reads that as an option
 * (one id in 64 did; drawn again, which leaves 127.9 random bits).
 */
export function newRecordId(): string {
  for (;;) {
    const id = randomBytes(RANDOM_BYTES).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * The stored `_id` a client's id names: the string itself, or an ObjectId for a 24-hex id of a
 * record written before random ids; `null` when the text cannot be a record id.
 */
export function recordKey(id: string): RecordKey | null {
  if (!RECORD_ID_PATTERN.test(id)) return null;
  return id.length === 24 ? new ObjectId(id) : id;
}

/** The id a client sees for a stored `_id`. */
export function recordIdOf(key: RecordKey): string {
  return typeof key === 'string' ? key : key.toHexString();
}

/**
 * A new job ObjectId whose 8 last bytes are random: Agenda's MongoDB backend converts job ids with
 * `new ObjectId(id)` everywhere, so job ids stay ObjectIds, but the driver's per-process value and
 * counter (which give away the neighbours of an id) are replaced by randomness. The first 4 bytes
 * stay the creation time in seconds.
 */
export function newJobObjectId(now = Date.now()): ObjectId {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(now / 1000) >>> 0, 0);
  randomBytes(8).copy(bytes, 4);
  return new ObjectId(bytes);
}
