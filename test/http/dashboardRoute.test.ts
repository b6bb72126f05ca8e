import { request as httpRequest, type Server } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardRoute } from '../../src/http/dashboardRoute.ts';
import { createHttpServer } from '../../src/http/httpServer.ts';
import { createLogger } from '../../src/logging/logger.ts';

const INDEX = '<!doctype html><div id="root"></div><script type="module" src="/dashboard/assets/index-abc123.js"></script>';
const SECRET = 'secret-outside-the-build';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as given (fetch would normalise `..` away before it leaves the client). */
function raw(port: number, path: string, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('dashboard route (static files of dist/dashboard)', () => {
  let root: string;
  let built: Server;
  let unbuilt: Server;
  let port: number;
  let unbuiltPort: number;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'longhaul-dashboard-'));
    const directory = join(root, 'build');
    await mkdir(join(directory, 'assets'), { recursive: true });
    await writeFile(join(directory, 'index.html'), INDEX);
    await writeFile(join(directory, 'assets', 'index-abc123.js'), 'console.log("app")');
    await writeFile(join(directory, 'assets', 'index-def456.css'), 'body{}');
    await writeFile(join(directory, 'assets', '.hidden'), 'hidden');
    await writeFile(join(root, 'secret.txt'), SECRET);
    const logger = createLogger({ level: 'silent' });
    built = createHttpServer([dashboardRoute({ directory })], logger);
    unbuilt = createHttpServer([dashboardRoute({ directory: join(root, 'missing') })], logger);
    port = await listen(built);
    unbuiltPort = await listen(unbuilt);
  });
  afterAll(async () => {
    built?.close();
    unbuilt?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('should answer index.html at /, /dashboard and client-side routes, uncached, with a same-origin-only policy', async () => {
    for (const path of ['/', '/dashboard', '/dashboard/', '/dashboard/jobs/65a1b2c3d4e5f60718293a4b', '/dashboard/monitoring?x=1']) {
      const res = await raw(port, path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.body).toBe(INDEX);
    }
  });

  it('should serve hashed assets with their content type, cached for a year', async () => {
    const js = await raw(port, '/dashboard/assets/index-abc123.js');
    expect(js).toMatchObject({ status: 200, body: 'console.log("app")' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await raw(port, '/dashboard/assets/index-def456.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await raw(port, '/dashboard/assets/index-abc123.js', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe(String('console.log("app")'.length));
  });

  it('should answer 404 (never the page) for a missing asset, and leave other paths to other routes', async () => {
    const missing = await raw(port, '/dashboard/assets/index-gone.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('application/json');
    expect((await raw(port, '/dashboard/assets/')).status).toBe(404);
    expect((await raw(port, '/dashboard/assets/.hidden')).status).toBe(404);
    // Not the dashboard's: the server's own JSON 404.
    expect((await raw(port, '/dashboardx')).status).toBe(404);
    expect((await raw(port, '/graphql-nope')).status).toBe(404);
  });

  it('should never read outside its directory, however the path is spelt', async () => {
    for (const path of ['/dashboard/assets/../../secret.txt', '/dashboard/assets/%2e%2e/%2e%2e/secret.txt', '/dashboard/assets/..%2f..%2fsecret.txt', '/dashboard/assets/..%5c..%5csecret.txt', '/dashboard/../secret.txt', '/dashboard/assets/..']) {
      const res = await raw(port, path);
      expect(res.body, path).not.toContain(SECRET);
      expect([200, 404], path).toContain(res.status);
      // Whatever answers 200 is the page itself (the client-side fallback), never another file.
      if (res.status === 200) expect(res.body, path).toBe(INDEX);
    }
  });

  it('should refuse methods other than GET and HEAD', async () => {
    const res = await raw(port, '/dashboard', 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('should answer 503 with how to build it when the dashboard is not built', async () => {
    const res = await raw(unbuiltPort, '/dashboard/jobs/1');
    expect(res.status).toBe(503);
    expect(res.body).toContain('npm run build:dashboard');
    expect((await raw(unbuiltPort, '/dashboard/assets/index-abc123.js')).status).toBe(404);
  });
});
