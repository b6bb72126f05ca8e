import type { JobListPosition } from './jobRepository.ts';
import { InvalidCursorError } from './errors/index.ts';

/** The cursor of a job in a page of a job list. */
export function encodeJobCursor(job: JobListPosition): string {
  return Buffer.from(`${job.createdAt.getTime()}:${job.id}`).toString('base64url');
}

/** The position a cursor from {@link encodeJobCursor} names; `null` stays `null`. Throws {@link InvalidCursorError}. */
export function decodeJobCursor(cursor: string | null | undefined): JobListPosition | null {
  if (cursor === undefined || cursor === null) return null;
  const match = /^(\d{1,15}):([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) throw new InvalidCursorError(`"${cursor.slice(0, 40)}" is not a cursor of this list`);
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}
