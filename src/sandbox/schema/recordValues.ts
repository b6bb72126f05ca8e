/**
 * One field value as the sandbox holds it: datetimes as epoch milliseconds,
 * dates as `YYYY-MM-DD` strings, everything else as its JSON value.
 */
export type FieldValue = string | number | boolean | null;

/** A record's values by canonical field name. */
export type RecordValues = Record<string, FieldValue>;
