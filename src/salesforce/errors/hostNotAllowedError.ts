import { SalesforceError, SalesforceErrorCode } from './salesforceErrorCode.ts';

/**
 * A URL the egress policy refuses (see `EgressPolicy`): not an allowed host, resolving to a private,
 * loopback or link-local address, or plain `http:` where `https:` is required. Nothing was sent to it.
 * `field` names where the URL came from: `loginUrl`, `instanceUrl`, `instance_url` or `id` (of the token
 * answer), or `request` (a URL a session was about to call).
 */
export class HostNotAllowedError extends SalesforceError {
  override readonly name = 'HostNotAllowedError';
  readonly code = SalesforceErrorCode.HostNotAllowed;

  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}
