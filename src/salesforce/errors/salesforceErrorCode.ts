/** Stable codes of the salesforce layer's errors; the API maps them to GraphQL `extensions.code` (see `toGraphQLError`). */
export const SalesforceErrorCode = {
  /** The credentials given match none of the supported flows. */
  IncompleteCredentials: 'INCOMPLETE_CREDENTIALS',
  /** Salesforce refused the credentials, or could not be reached, when an org was verified. */
  OrgConnectionFailed: 'ORG_CONNECTION_FAILED',
  /** An org URL (login, instance, identity, or any URL a session would call) outside the egress allow-list; nothing was sent to it. */
  HostNotAllowed: 'HOST_NOT_ALLOWED',
  /** No org with that id in the caller's tenant. */
  OrgNotFound: 'ORG_NOT_FOUND',
  /** An org id that is not an id. */
  InvalidOrgId: 'INVALID_ORG_ID',
  /** `LONGHAUL_SECRET_KEYS` is malformed, or a stored secret names a key that is not configured. */
  SecretKeyUnavailable: 'SECRET_KEY_UNAVAILABLE',
  /** A stored secret failed authentication (wrong key or tampered ciphertext). */
  SecretCorrupted: 'SECRET_CORRUPTED',
  /** A Salesforce call failed with an error worth retrying (503, `REQUEST_LIMIT_EXCEEDED`, `UNABLE_TO_LOCK_ROW`, timeouts, network). */
  SalesforceUnavailable: 'SALESFORCE_UNAVAILABLE',
  /** A Salesforce call failed for good (`INVALID_FIELD`, `MALFORMED_QUERY`, ...). */
  SalesforceRequestRejected: 'SALESFORCE_REQUEST_REJECTED',
  /** The session expired and cannot be renewed with the stored credentials. */
  SessionExpired: 'SESSION_EXPIRED',
} as const;
export type SalesforceErrorCode = (typeof SalesforceErrorCode)[keyof typeof SalesforceErrorCode];

/** Base of every salesforce-layer error: a stable {@link SalesforceErrorCode}. */
export abstract class SalesforceError extends Error {
  abstract readonly code: SalesforceErrorCode;
}
