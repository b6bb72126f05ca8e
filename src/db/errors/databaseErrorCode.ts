/** Stable codes of the errors raised by the database layer. */
export enum DatabaseErrorCode {
  /** No MongoDB-wire server could be found, built or installed. */
  Unavailable = 'DATABASE_UNAVAILABLE',
  /** A server process was launched but exited or never answered `ping`. */
  StartFailed = 'DATABASE_START_FAILED',
}
