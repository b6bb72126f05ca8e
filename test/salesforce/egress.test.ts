import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDatabaseName } from '../support/database.ts';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { findFreePort } from '../../src/db/freePort.ts';

const CONNECT = 'mutation($input: ConnectOrgInput!) { connectOrg(input: $input) { id } }';
const password = (loginUrl: string) => ({ name: 'probe', loginUrl, username: 'u@example.com', password: 'p', clientId: 'c', clientSecret: 's' });

/** A TCP server on 127.0.0.1 that counts the connections it accepts (and closes them at once). */
async function countingServer(): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, connections: () => count };
}

describe('outbound calls to org URLs', () => {
  describe('with the default policy (development, no sandbox of its own)', () => {
    let app: LonghaulProcess;
    let probe: Awaited<ReturnType<typeof countingServer>>;

    beforeAll(async () => {
      probe = await countingServer();
      // `localhost` is allowed by name here, so that a listed host resolving to loopback is refused by its address.
      app = await startLonghaul('serve', uniqueDatabaseName('egress'), { LONGHAUL_SALESFORCE_ALLOW_LOOPBACK: 'off', LONGHAUL_SALESFORCE_ALLOWED_HOSTS: 'localhost' });
    });
    afterAll(async () => {
      await app?.stop();
      await new Promise((resolve) => probe?.server.close(resolve));
    });

    it('should refuse loopback, link-local, private and private-resolving login URLs with HOST_NOT_ALLOWED, connecting nowhere', async () => {
      for (const loginUrl of [`http://127.0.0.1:${probe.port}`, 'http://169.254.169.254', 'http://10.0.0.1', `http://localhost:${probe.port}`, `http://[::1]:${probe.port}`, `http://2130706433:${probe.port}`]) {
        const res = await gql(app.url, TEST_KEYS.tenantA, CONNECT, { input: password(loginUrl) });
        expect(res.errors?.[0]?.extensions, loginUrl).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOST_NOT_ALLOWED', field: 'loginUrl' });
        expect(res.errors?.[0]?.message).not.toMatch(/ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH/);
      }
      const token = await gql(app.url, TEST_KEYS.tenantA, CONNECT, { input: { name: 'probe', instanceUrl: `http://127.0.0.1:${probe.port}`, accessToken: 'x' } });
      expect(token.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOST_NOT_ALLOWED', field: 'instanceUrl' });
      const refresh = await gql(app.url, TEST_KEYS.tenantA, CONNECT, { input: { name: 'probe', loginUrl: `http://127.0.0.1:${probe.port}`, refreshToken: 'r', clientId: 'c', clientSecret: 's' } });
      expect(refresh.errors?.[0]?.extensions).toMatchObject({ reason: 'HOST_NOT_ALLOWED' });
      expect(probe.connections()).toBe(0);
      expect((await gqlData(app.url, TEST_KEYS.tenantA, '{ orgs { id } }')).orgs).toEqual([]);
    });
  });

  describe('with loopback allowed (a sandbox run apart)', () => {
    let app: LonghaulProcess;
    let probe: Awaited<ReturnType<typeof countingServer>>;
    let notSalesforce: HttpServer;
    let notSalesforcePort: number;

    beforeAll(async () => {
      probe = await countingServer();
      notSalesforce = createHttpServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>internal wiki</h1>'));
      await new Promise<void>((resolve) => notSalesforce.listen(0, '127.0.0.1', resolve));
      notSalesforcePort = (notSalesforce.address() as AddressInfo).port;
      app = await startLonghaul('serve', uniqueDatabaseName('egress_lo'), { LONGHAUL_SALESFORCE_ALLOW_LOOPBACK: 'on' });
    });
    afterAll(async () => {
      await app?.stop();
      await new Promise((resolve) => probe?.server.close(resolve));
      await new Promise((resolve) => notSalesforce?.close(resolve));
    });

    it('should answer one UNREACHABLE detail for a closed port, an open one and a server that is not Salesforce', async () => {
      const closed = await findFreePort();
      const answers = [];
      for (const loginUrl of [`http://127.0.0.1:${closed}`, `http://127.0.0.1:${probe.port}`, `http://127.0.0.1:${notSalesforcePort}`]) {
        const res = await gql(app.url, TEST_KEYS.tenantA, CONNECT, { input: password(loginUrl) });
        expect(res.errors?.[0]?.extensions, loginUrl).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORG_CONNECTION_FAILED', detail: 'UNREACHABLE' });
        answers.push({ message: res.errors?.[0]?.message, extensions: res.errors?.[0]?.extensions });
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(JSON.stringify(answers)).not.toMatch(/wiki|404|ECONN|socket hang up/);
    });

    it('should still refuse link-local and private addresses', async () => {
      for (const loginUrl of ['http://169.254.169.254', 'http://10.0.0.1', 'http://192.168.0.1:4100']) {
        const res = await gql(app.url, TEST_KEYS.tenantA, CONNECT, { input: password(loginUrl) });
        expect(res.errors?.[0]?.extensions, loginUrl).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOST_NOT_ALLOWED' });
      }
    });
  });
});
