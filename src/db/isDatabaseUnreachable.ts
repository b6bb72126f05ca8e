import { MongoNetworkError, MongoServerSelectionError } from 'mongodb';

/**
 * Whether `error` says the database could not be reached (a dropped or refused connection, no server to
 * select) rather than that it refused a command. Decided by the driver's error classes, never by message text.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  return error instanceof MongoNetworkError || error instanceof MongoServerSelectionError;
}
