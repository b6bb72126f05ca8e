import type { BackupCheckpoint } from './backupCheckpoint.ts';

/** Where a page source stands after a page: the checkpoint fields that resume it at the next page. */
export type PagePosition = Pick<BackupCheckpoint, 'nextRecordsUrl' | 'bulkJobId' | 'bulkLocator'>;

/** One page of an object's records (Salesforce's `attributes` removed), with where the next one starts. */
export interface ObjectPage {
  /** Records in Id order, as an array or streamed (read once); may be empty (a Bulk job created, nothing read yet). */
  records: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;
  /** How many records `records` holds, as Salesforce announced them. */
  count: number;
  position: PagePosition;
  /** No page follows. */
  last: boolean;
}

/** Reads one object of a backup page by page, starting where a checkpoint says. */
export interface ObjectPageSource {
  pages(from: BackupCheckpoint): AsyncIterable<ObjectPage>;
}

/** What a page source reads: the object, its fields, and (incremental) the changes' lower bound. */
export interface ObjectQuery {
  objectName: string;
  fields: string[];
  /** `INCREMENTAL`: `SystemModstamp >=` this (SOQL datetime literal), deleted records included. */
  changesSince: string | null;
}

/** The SOQL of `query` after `afterId` (`null`: from the start), in Id order. */
export function objectSoql(query: ObjectQuery, afterId: string | null): string {
  const conditions: string[] = [];
  if (query.changesSince !== null) conditions.push(`SystemModstamp >= ${query.changesSince}`);
  if (afterId !== null) conditions.push(`Id > '${afterId.replace(/[^A-Za-z0-9]/g, '')}'`);
  return `SELECT ${query.fields.join(', ')} FROM ${query.objectName}${conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`} ORDER BY Id`;
}

/** A record without Salesforce's `attributes`. */
export function withoutAttributes(record: Record<string, unknown>): Record<string, unknown> {
  const { attributes: _attributes, ...fields } = record;
  return fields;
}
