/**
 * The Salesforce API error codes the sandbox can answer with, and the HTTP
 * status each one travels with on the REST and Bulk 2.0 APIs.
 */
export const SalesforceErrorCode = {
  INVALID_SESSION_ID: 'INVALID_SESSION_ID',
  REQUEST_LIMIT_EXCEEDED: 'REQUEST_LIMIT_EXCEEDED',
  SERVER_UNAVAILABLE: 'SERVER_UNAVAILABLE',
  UNABLE_TO_LOCK_ROW: 'UNABLE_TO_LOCK_ROW',
  UNKNOWN_EXCEPTION: 'UNKNOWN_EXCEPTION',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  INVALID_FIELD: 'INVALID_FIELD',
  INVALID_TYPE: 'INVALID_TYPE',
  MALFORMED_QUERY: 'MALFORMED_QUERY',
  MALFORMED_ID: 'MALFORMED_ID',
  INVALID_QUERY_LOCATOR: 'INVALID_QUERY_LOCATOR',
  INVALID_QUERY_FILTER_OPERATOR: 'INVALID_QUERY_FILTER_OPERATOR',
  DUPLICATE_VALUE: 'DUPLICATE_VALUE',
  NOT_FOUND: 'NOT_FOUND',
  ENTITY_IS_DELETED: 'ENTITY_IS_DELETED',
  REQUIRED_FIELD_MISSING: 'REQUIRED_FIELD_MISSING',
  INVALID_FIELD_FOR_INSERT_UPDATE: 'INVALID_FIELD_FOR_INSERT_UPDATE',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  STRING_TOO_LONG: 'STRING_TOO_LONG',
  JSON_PARSER_ERROR: 'JSON_PARSER_ERROR',
  INVALID_CROSS_REFERENCE_KEY: 'INVALID_CROSS_REFERENCE_KEY',
  EXCEEDED_ID_LIMIT: 'EXCEEDED_ID_LIMIT',
  ALL_OR_NONE_OPERATION_ROLLED_BACK: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  INVALIDJOB: 'INVALIDJOB',
  INVALIDJOBSTATE: 'INVALIDJOBSTATE',
  API_ERROR: 'API_ERROR',
} as const;

/** One of {@link SalesforceErrorCode}. */
export type SalesforceErrorCode = (typeof SalesforceErrorCode)[keyof typeof SalesforceErrorCode];

const statusByCode: Record<SalesforceErrorCode, number> = {
  INVALID_SESSION_ID: 401,
  REQUEST_LIMIT_EXCEEDED: 403,
  SERVER_UNAVAILABLE: 503,
  UNABLE_TO_LOCK_ROW: 400,
  UNKNOWN_EXCEPTION: 500,
  QUERY_TIMEOUT: 400,
  INVALID_FIELD: 400,
  INVALID_TYPE: 400,
  MALFORMED_QUERY: 400,
  MALFORMED_ID: 400,
  INVALID_QUERY_LOCATOR: 400,
  INVALID_QUERY_FILTER_OPERATOR: 400,
  DUPLICATE_VALUE: 400,
  NOT_FOUND: 404,
  ENTITY_IS_DELETED: 404,
  REQUIRED_FIELD_MISSING: 400,
  INVALID_FIELD_FOR_INSERT_UPDATE: 400,
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 400,
  STRING_TOO_LONG: 400,
  JSON_PARSER_ERROR: 400,
  INVALID_CROSS_REFERENCE_KEY: 400,
  EXCEEDED_ID_LIMIT: 400,
  ALL_OR_NONE_OPERATION_ROLLED_BACK: 400,
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: 400,
  METHOD_NOT_ALLOWED: 405,
  INVALIDJOB: 400,
  INVALIDJOBSTATE: 400,
  API_ERROR: 400,
};

const defaultMessageByCode: Partial<Record<SalesforceErrorCode, string>> = {
  INVALID_SESSION_ID: 'Session expired or invalid',
  REQUEST_LIMIT_EXCEEDED: 'TotalRequests Limit exceeded.',
  SERVER_UNAVAILABLE: 'Server temporarily unavailable',
  UNABLE_TO_LOCK_ROW: 'unable to obtain exclusive access to this record',
  UNKNOWN_EXCEPTION: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-123456789)',
  QUERY_TIMEOUT: 'Your query request was running for too long.',
  NOT_FOUND: 'The requested resource does not exist',
  ENTITY_IS_DELETED: 'entity is deleted',
  INVALID_QUERY_LOCATOR: 'invalid query locator',
};

/** The HTTP status Salesforce sends with `code`. */
export function statusForErrorCode(code: SalesforceErrorCode): number {
  return statusByCode[code];
}

/** The message Salesforce usually sends with `code`, when it is not specific to a request. */
export function defaultMessageForErrorCode(code: SalesforceErrorCode): string {
  return defaultMessageByCode[code] ?? code;
}

/** Whether `value` names a known {@link SalesforceErrorCode}. */
export function isSalesforceErrorCode(value: unknown): value is SalesforceErrorCode {
  return typeof value === 'string' && Object.hasOwn(statusByCode, value);
}
