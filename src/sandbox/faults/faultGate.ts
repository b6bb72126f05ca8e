import { OAuthError } from '../errors/oauthError.ts';
import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { defaultMessageForErrorCode, statusForErrorCode } from '../errors/salesforceErrorCode.ts';
import type { HttpExchange } from '../http/apiContext.ts';
import type { EndpointKind } from '../http/endpointKind.ts';

/**
 * Applies the fault rules to one request before it is handled: waits the
 * injected latency, leaves the request hanging, or throws the injected
 * error (OAuth-shaped on the token endpoint, Salesforce-shaped elsewhere).
 */
export const FaultGate = {
  /** True when the request should be handled; false when it was left hanging. */
  async pass(exchange: HttpExchange, kind: EndpointKind, orgId: string | null): Promise<boolean> {
    const decision = exchange.deps.faults.decide({ kind, orgId, method: exchange.req.method ?? 'GET' });
    if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    const { outcome } = decision;
    if (outcome === 'pass') return true;
    if (outcome === 'hang') {
      exchange.deps.holdOpen(exchange.res);
      return false;
    }
    if (kind === 'token') {
      throw new OAuthError(outcome.errorCode.toLowerCase(), defaultMessageForErrorCode(outcome.errorCode), statusForErrorCode(outcome.errorCode));
    }
    throw new SalesforceApiError(outcome.errorCode);
  },
};
