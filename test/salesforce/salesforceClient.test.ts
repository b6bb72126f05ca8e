import { afterAll, beforeAll } from 'vitest';
import { EgressPolicy, JsforceClient, OrgAuthFlow } from '../../src/salesforce/index.ts';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { FakeSalesforceClient } from '../support/fakeSalesforceClient.ts';
import { accessToken, addTestOrg } from '../support/sandboxConnection.ts';
import { CONTRACT_QUERY_PAGE_SIZE, salesforceClientContract } from './salesforceClient.contract.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ queryPageSize: CONTRACT_QUERY_PAGE_SIZE });
});
afterAll(async () => {
  await sandbox?.stop();
});

salesforceClientContract('JsforceClient on the sandbox', async ({ renewable }) => {
  const org = addTestOrg(sandbox, { size: 0 });
  const egress = new EgressPolicy({ sandboxUrl: sandbox.url });
  const client = renewable
    ? await JsforceClient.open({ flow: OrgAuthFlow.UsernamePassword, loginUrl: sandbox.url, username: org.username, password: 'pw', clientId: 'contract', clientSecret: 'contract' }, { egress })
    : await JsforceClient.open({ flow: OrgAuthFlow.AccessToken, instanceUrl: sandbox.url, accessToken: await accessToken(sandbox, org) }, { egress });
  return {
    client,
    identity: { organizationId: org.orgId, userId: org.userId, username: org.username },
    expireSession: () => void org.expireTokens(),
    setApiUsage: (max, used) => org.setApiUsage({ max, used }),
  };
});

salesforceClientContract('FakeSalesforceClient', async ({ renewable }) => {
  const client = new FakeSalesforceClient({ queryPageSize: CONTRACT_QUERY_PAGE_SIZE, renewable });
  return {
    client,
    identity: { organizationId: '00D000000000001AAA', userId: '005000000000001AAA', username: 'admin@fake.test' },
    expireSession: () => client.expireSession(),
    setApiUsage: (max, used) => client.setApiUsage(max, used),
  };
});
