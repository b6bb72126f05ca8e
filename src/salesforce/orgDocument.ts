import { recordIdOf, type RecordKey } from '../db/recordId.ts';
import type { OrgAuthFlow } from './orgCredentials.ts';
import type { SealedSecret } from './secretBox.ts';

/** Whether an org answered the last time longhaul checked. */
export const OrgConnectionStatus = {
  Connected: 'CONNECTED',
  Failed: 'FAILED',
} as const;
export type OrgConnectionStatus = (typeof OrgConnectionStatus)[keyof typeof OrgConnectionStatus];

/** The org's daily API allowance as last read. */
export interface StoredApiBudget {
  max: number;
  remaining: number;
  checkedAt: Date;
}

/** An org as stored in the `orgs` collection. `secrets` is the sealed JSON of `OrgSecrets`. */
export interface OrgDocument {
  _id: RecordKey;
  tenantId: string;
  name: string;
  flow: OrgAuthFlow;
  loginUrl: string | null;
  instanceUrl: string | null;
  username: string | null;
  clientId: string | null;
  secrets: SealedSecret;
  salesforceOrgId: string;
  salesforceUserId: string;
  status: OrgConnectionStatus;
  /** Salesforce's (or the network's) error code of the last failed check. */
  statusDetail: string | null;
  checkedAt: Date;
  apiBudget: StoredApiBudget | null;
  createdAt: Date;
}

/** An org as the domain hands it out: everything but the secrets. */
export type OrgView = Omit<OrgDocument, '_id' | 'secrets'> & { id: string };

/** The view of a stored org (drops the sealed secrets). */
export function toOrgView(doc: OrgDocument): OrgView {
  const { _id, secrets: _secrets, ...rest } = doc;
  return { id: recordIdOf(_id), ...rest };
}
