import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenStore } from '../auth/tokenStore.ts';
import type { BulkJobSettings } from '../bulk/bulkJobSettings.ts';
import type { FaultInjector } from '../faults/faultInjector.ts';
import type { SObjectCatalog } from '../objects/sobjectCatalog.ts';
import type { OrgRegistry } from '../org/orgRegistry.ts';
import type { OrgServices } from '../org/orgServices.ts';
import type { SandboxOrg } from '../org/sandboxOrg.ts';
import type { ResolvedSandboxOptions } from '../sandboxOptions.ts';
import type { EndpointKind } from './endpointKind.ts';

/** What every handler may use: options, orgs, tokens, faults and the public URL. */
export interface SandboxDeps {
  readonly options: ResolvedSandboxOptions;
  readonly catalog: SObjectCatalog;
  readonly orgs: OrgRegistry;
  readonly tokens: TokenStore;
  readonly faults: FaultInjector;
  /** The URL clients reach the sandbox at (login and instance URL). */
  baseUrl(): string;
  /** Keeps a response open without answering (an injected hang) until the sandbox stops. */
  holdOpen(res: ServerResponse): void;
  /** How Bulk jobs of `org` behave right now (fault rules included). */
  bulkSettings(org: SandboxOrg, kind: 'bulkQuery' | 'bulkIngest', method: string): BulkJobSettings;
}

/** One HTTP exchange. */
export interface HttpExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly deps: SandboxDeps;
}

/** An authenticated REST or Bulk API request: the exchange, the org and the API version of the path. */
export interface ApiContext extends HttpExchange {
  readonly services: OrgServices;
  readonly org: SandboxOrg;
  /** API version from the path, e.g. `59.0`. */
  readonly version: string;
  readonly kind: EndpointKind;
}
