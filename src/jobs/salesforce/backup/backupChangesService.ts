import { InvalidCursorError } from '../../../engine/errors/index.ts';
import type { Caller } from '../../../engine/jobService.ts';
import { BackupNotFoundError, type BackupChangeStore, type BackupObjectChanges, type BackupStore, type ChangeKind } from '../../../storage/index.ts';

/** Options of {@link BackupChangesService}. */
export interface BackupChangesServiceOptions {
  backups: Pick<BackupStore, 'get'>;
  changes: Pick<BackupChangeStore, 'read'>;
}

/** What `backupChanges` asks for. */
export interface BackupChangesRequest {
  backupId: string;
  object: string;
  kind: ChangeKind;
  /** Ids per page; default 100. */
  first?: number | null;
  /** The `endCursor` of the page before; default: from the first Id. */
  after?: string | null;
}

/** One page of changed Ids. */
export interface BackupChangePage {
  ids: string[];
  /** Pass as `after` for the next page; `null` on an empty page. */
  endCursor: string | null;
  hasNextPage: boolean;
  /** Ids of this kind in all pages. */
  totalCount: number;
}

/** Ids a page holds when the client does not say. */
export const DEFAULT_CHANGES_PAGE = 100;

const COUNTS: Record<ChangeKind, keyof Pick<BackupObjectChanges, 'created' | 'updated' | 'deleted'>> = { CREATED: 'created', UPDATED: 'updated', DELETED: 'deleted' };

/** A position in the chunks: the chunk and the index of the next Id in it. */
interface ChangePosition {
  chunk: number;
  offset: number;
}

function encodeCursor(position: ChangePosition): string {
  return Buffer.from(`c:${position.chunk}:${position.offset}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): ChangePosition {
  const match = /^c:(\d{1,9}):(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) throw new InvalidCursorError('not a cursor of backupChanges');
  return { chunk: Number(match[1]), offset: Number(match[2]) };
}

/**
 * The Ids a backup found created, updated or deleted in an object, paged: each page reads the chunks it
 * needs by `_id` (the backup's entry says how many there are), so paging never scans. Tenant-scoped: a
 * backup of another tenant is not found.
 */
export class BackupChangesService {
  constructor(private readonly options: BackupChangesServiceOptions) {}

  /** A page of the Ids. Throws `BackupNotFoundError`, `InvalidCursorError`. An object the backup did not compare has none. */
  async list(caller: Caller, request: BackupChangesRequest): Promise<BackupChangePage> {
    const first = request.first ?? DEFAULT_CHANGES_PAGE;
    if (!Number.isSafeInteger(first) || first < 1) throw new InvalidCursorError('first must be at least 1');
    const backup = await this.options.backups.get(caller.tenantId, request.backupId);
    if (backup === null) throw new BackupNotFoundError(`backup ${request.backupId} not found`);
    const changes = backup.objects.find((o) => o.name === request.object)?.changes ?? null;
    if (changes === null) return { ids: [], endCursor: null, hasNextPage: false, totalCount: 0 };
    const chunks = changes.chunks[request.kind];
    let position = request.after === undefined || request.after === null ? { chunk: 0, offset: 0 } : decodeCursor(request.after);
    const ids: string[] = [];
    while (ids.length < first && position.chunk < chunks) {
      const chunk = (await this.options.changes.read(caller.tenantId, backup.id, request.object, request.kind, position.chunk)) ?? [];
      const taken = chunk.slice(position.offset, position.offset + first - ids.length);
      ids.push(...taken);
      position = position.offset + taken.length >= chunk.length ? { chunk: position.chunk + 1, offset: 0 } : { chunk: position.chunk, offset: position.offset + taken.length };
    }
    return { ids, endCursor: ids.length === 0 ? null : encodeCursor(position), hasNextPage: position.chunk < chunks, totalCount: changes[COUNTS[request.kind]] };
  }
}
