import type { FaultInjector } from './faults/faultInjector.ts';
import type { OrgOptions } from './org/orgOptions.ts';
import type { OrgHandle } from './orgHandle.ts';

/** A running sandbox org server, as {@link startSandbox} returns it. */
export interface Sandbox {
  /** Base URL: the login URL and every org's instance URL. */
  readonly url: string;
  /** Token of the admin API (`/__admin`): send `Authorization: Bearer <adminToken>`. */
  readonly adminToken: string;
  /** The TCP port it listens on. */
  readonly port: number;
  /** Its orgs, in creation order. */
  readonly orgs: readonly OrgHandle[];
  /** The fault rules; add, replace, remove or clear them at any time. */
  readonly faults: FaultInjector;
  /** Creates an org (throws `SANDBOX_ORG_EXISTS` when the username is taken). */
  addOrg(options: OrgOptions): OrgHandle;
  /** The org with this Id or username (throws `SANDBOX_ORG_NOT_FOUND`). */
  org(idOrUsername: string): OrgHandle;
  /** Removes an org and forgets its tokens. */
  removeOrg(idOrUsername: string): void;
  /** Stops listening, ends hanging requests and closes connections. */
  stop(): Promise<void>;
}
