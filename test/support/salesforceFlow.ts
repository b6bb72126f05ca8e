import { gqlData } from './graphqlClient.ts';
import { JOB_ENDED_STATES, waitForJobState } from './jobState.ts';
import type { OrgHandle, Sandbox } from '../../src/sandbox/index.ts';

/** Registers a sandbox org (username-password flow, password `pw`) for the tenant of `key`; returns its longhaul id. */
export async function connectSandboxOrg(apiUrl: string, key: string, sandbox: Sandbox, org: OrgHandle): Promise<string> {
  const data = await gqlData(apiUrl, key, 'mutation($input: ConnectOrgInput!) { connectOrg(input: $input) { id } }', {
    input: { name: org.username, loginUrl: sandbox.url, username: org.username, password: 'pw', clientId: 'c', clientSecret: 's' },
  });
  return data.connectOrg.id as string;
}

/** Waits until the job ends ({@link JOB_ENDED_STATES}); returns the job with `fields`. */
export async function waitForJob(apiUrl: string, key: string, jobId: string, fields = 'attempts result lastError { code message }', timeoutMs = 120_000): Promise<Record<string, any>> {
  return waitForJobState(apiUrl, key, jobId, JOB_ENDED_STATES, { fields, timeoutMs, intervalMs: 200 });
}

/** Backs up `objects` of an org through `startBackup` and waits for it; returns the backup's id. */
export async function backupAndWait(apiUrl: string, key: string, orgId: string, objects: string[]): Promise<string> {
  const { startBackup } = await gqlData(apiUrl, key, 'mutation($orgId: ID!, $objects: [String!]) { startBackup(orgId: $orgId, objects: $objects) { id } }', { orgId, objects });
  const job = await waitForJob(apiUrl, key, startBackup.id);
  if (job.state !== 'SUCCEEDED') throw new Error(`backup job ended ${job.state}: ${JSON.stringify(job.lastError)}`);
  const { backups } = await gqlData(apiUrl, key, 'query($orgId: ID!) { backups(orgId: $orgId) { id job { id } } }', { orgId });
  return backups.find((b: { job: { id: string } }) => b.job.id === startBackup.id).id as string;
}
