import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress, EgressPolicy, HostNotAllowedError, HostPattern, JsforceClient, type HostResolver } from '../../src/salesforce/index.ts';
import { rejectionOf } from '../support/sandboxConnection.ts';

/** A resolver answering from a table (and recording what it was asked), so no test depends on real DNS. */
function tableResolver(table: Record<string, string[]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    const addresses = table[host];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses;
  };
  return Object.assign(resolve, { asked });
}

const PUBLIC = ['13.110.0.1'];

async function refusal(policy: EgressPolicy, url: string): Promise<HostNotAllowedError> {
  const error = await rejectionOf(policy.check(url, 'loginUrl'));
  expect(error, url).toBeInstanceOf(HostNotAllowedError);
  return error as unknown as HostNotAllowedError;
}

describe('egress policy', () => {
  it('should classify every non-public address range', () => {
    const cases: [string, string][] = [
      ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['::1', 'loopback'], ['[::1]', 'loopback'], ['::ffff:127.0.0.1', 'loopback'],
      ['10.0.0.1', 'private'], ['172.16.5.4', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'],
      ['169.254.169.254', 'link-local'], ['fe80::1', 'link-local'], ['fe80::1%eth0', 'link-local'], ['::ffff:169.254.169.254', 'link-local'],
      ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'],
      ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'unspecified'], ['::', 'unspecified'],
      ['100.64.0.1', 'shared'], ['100.127.255.254', 'shared'],
      ['224.0.0.1', 'multicast'], ['239.1.1.1', 'multicast'], ['ff02::1', 'multicast'],
      ['255.255.255.255', 'reserved'], ['64:ff9b::a9fe:a9fe', 'link-local'], ['not-an-address', 'reserved'],
      ['13.110.0.1', 'public'], ['172.32.0.1', 'public'], ['100.128.0.1', 'public'], ['2606:4700::1', 'public'], ['64:ff9b::8.8.8.8', 'public'],
    ];
    for (const [address, kind] of cases) expect(classifyAddress(address), address).toBe(kind);
  });

  it("should match Salesforce's hosts and *.suffix patterns, not look-alikes", () => {
    const mine = HostPattern.parse('*.my.salesforce.com');
    expect(['acme.my.salesforce.com', 'acme--dev.sandbox.my.salesforce.com', 'ACME.My.Salesforce.com.'].map((h) => mine.matches(h))).toEqual([true, true, true]);
    expect(['my.salesforce.com', 'my.salesforce.com.evil.example', 'evilmy.salesforce.com', 'acme.my.salesforce.co'].map((h) => mine.matches(h))).toEqual([false, false, false, false]);
    expect(HostPattern.parse('login.example.org').matches('sub.login.example.org')).toBe(false);
    for (const bad of ['*', '*.com', 'a b', 'http://x.example', '*.*.example.com']) expect(() => HostPattern.parse(bad), bad).toThrow(RangeError);
  });

  it("should let Salesforce's login and instance hosts through when they resolve to public addresses", async () => {
    const resolve = tableResolver({ 'login.salesforce.com': PUBLIC, 'test.salesforce.com': PUBLIC, 'acme.my.salesforce.com': PUBLIC, 'na30.salesforce.com': PUBLIC, 'acme.lightning.force.com': PUBLIC, 'acme.cloudforce.com': PUBLIC, 'acme.my.salesforce.mil': PUBLIC, 'login.salesforce.com.': PUBLIC });
    const policy = new EgressPolicy({ resolve });
    for (const url of ['https://login.salesforce.com', 'https://test.salesforce.com/services/oauth2/token', 'https://acme.my.salesforce.com', 'https://na30.salesforce.com', 'https://acme.lightning.force.com', 'https://acme.cloudforce.com', 'https://acme.my.salesforce.mil', 'http://login.salesforce.com']) {
      await expect(policy.check(url, 'loginUrl'), url).resolves.toBeInstanceOf(URL);
    }
  });

  it('should refuse other hosts without resolving them, and IP literals of every kind', async () => {
    const resolve = tableResolver({});
    const policy = new EgressPolicy({ resolve });
    for (const url of ['http://127.0.0.1:4100', 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.1', 'http://[::1]:8080', 'http://[fd00::1]', 'https://example.com', 'https://salesforce.com.evil.example', 'http://2130706433', 'http://0x7f.1', 'http://localhost:4100', 'https://13.110.0.1']) {
      const error = await refusal(policy, url);
      expect(error.field).toBe('loginUrl');
      expect(error.code).toBe('HOST_NOT_ALLOWED');
    }
    expect(resolve.asked).toEqual([]);
    await refusal(policy, 'ftp://login.salesforce.com');
    await refusal(policy, 'not a url');
  });

  it('should refuse an allowed host that resolves to a non-public address, even one address among public ones', async () => {
    const resolve = tableResolver({
      'rebind.my.salesforce.com': ['127.0.0.1'],
      'meta.my.salesforce.com': ['169.254.169.254'],
      'mixed.my.salesforce.com': [...PUBLIC, '10.0.0.7'],
      'v6.my.salesforce.com': ['2606:4700::1', 'fe80::1'],
      'mapped.my.salesforce.com': ['::ffff:192.168.0.1'],
      'cgnat.my.salesforce.com': ['100.64.0.1'],
      'proxy.corp.example': ['10.1.2.3'],
    });
    const policy = new EgressPolicy({ resolve, allowedHosts: ['proxy.corp.example'] });
    for (const [host, kind] of [['rebind', 'loopback'], ['meta', 'link-local'], ['mixed', 'private'], ['v6', 'link-local'], ['mapped', 'private'], ['cgnat', 'shared']] as const) {
      expect((await refusal(policy, `https://${host}.my.salesforce.com`)).message).toContain(`resolves to a ${kind} address`);
    }
    expect((await refusal(policy, 'https://proxy.corp.example')).message).toContain('resolves to a private address');
    await expect(policy.check('https://nowhere.my.salesforce.com', 'loginUrl')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('should add LONGHAUL_SALESFORCE_ALLOWED_HOSTS hosts and patterns', async () => {
    const resolve = tableResolver({ 'sf.partner.example': PUBLIC, 'a.gateway.example': PUBLIC, 'b.other.example': PUBLIC });
    const policy = new EgressPolicy({ resolve, allowedHosts: ['sf.partner.example', '*.gateway.example'] });
    await expect(policy.check('https://sf.partner.example', 'loginUrl')).resolves.toBeInstanceOf(URL);
    await expect(policy.check('https://a.gateway.example', 'loginUrl')).resolves.toBeInstanceOf(URL);
    await refusal(policy, 'https://b.other.example');
  });

  it('should allow loopback only on the sandbox port, or on any port with allowLoopback', async () => {
    const resolve = tableResolver({ localhost: ['127.0.0.1', '::1'], 'sneaky.example': ['127.0.0.1', '10.0.0.1'], 'login.salesforce.com': PUBLIC });
    const sandbox = new EgressPolicy({ resolve, sandboxUrl: 'http://127.0.0.1:4100' });
    await expect(sandbox.check('http://127.0.0.1:4100', 'loginUrl')).resolves.toBeInstanceOf(URL);
    await expect(sandbox.check('http://localhost:4100/services/oauth2/token', 'loginUrl')).resolves.toBeInstanceOf(URL);
    await expect(sandbox.check('http://[::1]:4100', 'loginUrl')).resolves.toBeInstanceOf(URL);
    await refusal(sandbox, 'http://127.0.0.1:4101');
    await refusal(sandbox, 'http://10.0.0.1:4100');
    await refusal(sandbox, 'http://169.254.169.254:4100');
    await refusal(sandbox, 'http://sneaky.example:4100');
    const any = new EgressPolicy({ resolve, allowLoopback: true });
    await expect(any.check('http://127.0.0.1:9', 'loginUrl')).resolves.toBeInstanceOf(URL);
    await refusal(any, 'http://192.168.1.1:9');
    await refusal(new EgressPolicy({ resolve }), 'http://127.0.0.1:4100');
  });

  it('should require https when asked to (production)', async () => {
    const policy = new EgressPolicy({ resolve: tableResolver({ 'login.salesforce.com': PUBLIC }), requireHttps: true });
    expect((await refusal(policy, 'http://login.salesforce.com')).message).toContain('https');
    await expect(policy.check('https://login.salesforce.com', 'loginUrl')).resolves.toBeInstanceOf(URL);
  });
});

describe('egress guard in the jsforce session', () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];
  let tokenAnswer: (base: string) => Record<string, unknown> = () => ({});

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === '/services/oauth2/token') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(tokenAnswer(base)));
      } else if (req.url?.startsWith('/services/data/v59.0/limits')) {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
      } else if (req.url === '/services/data/v59.0') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ identity: 'http://10.0.0.1/id/00D/005' }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const credentials = () => ({ flow: 'USERNAME_PASSWORD' as const, loginUrl: base, username: 'u', password: 'p', clientId: 'c', clientSecret: 's' });

  it('should refuse an instance_url or identity URL of the token answer before calling it', async () => {
    const egress = new EgressPolicy({ sandboxUrl: base });
    tokenAnswer = () => ({ access_token: 't', instance_url: 'http://169.254.169.254', id: `${base}/id/00D/005` });
    expect(await rejectionOf(JsforceClient.open(credentials(), { egress }))).toMatchObject({ code: 'HOST_NOT_ALLOWED', field: 'instance_url' });
    tokenAnswer = (b) => ({ access_token: 't', instance_url: b, id: 'http://10.0.0.1/id/00D/005' });
    expect(await rejectionOf(JsforceClient.open(credentials(), { egress }))).toMatchObject({ code: 'HOST_NOT_ALLOWED', field: 'id' });
  });

  it('should refuse a URL a response hands back, and never follow a redirect', async () => {
    tokenAnswer = (b) => ({ access_token: 't', instance_url: b });
    const client = await JsforceClient.open(credentials(), { egress: new EgressPolicy({ sandboxUrl: base }) });
    seen.length = 0;
    // Without an identity URL from the token, jsforce asks the instance for one: here a private address.
    const identity = await rejectionOf(client.identity());
    expect(identity).toMatchObject({ code: 'HOST_NOT_ALLOWED', field: 'request' });
    expect(identity.message).toContain('10.0.0.1 is not a Salesforce login or instance host');
    expect(await rejectionOf(client.limits())).toMatchObject({ code: 'HOST_NOT_ALLOWED', message: expect.stringContaining('redirect') });
    expect(seen.every((line) => line.startsWith('GET /services/data/v59.0'))).toBe(true);
  });

  it('should refuse the login URL itself before any request', async () => {
    seen.length = 0;
    expect(await rejectionOf(JsforceClient.open(credentials(), { egress: new EgressPolicy() }))).toMatchObject({ code: 'HOST_NOT_ALLOWED', field: 'loginUrl' });
    expect(seen).toEqual([]);
  });
});
