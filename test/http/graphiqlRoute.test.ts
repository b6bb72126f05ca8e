import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDatabaseName } from '../support/database.ts';
import { gql } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';

const INTROSPECT = '{ __schema { queryType { name } } }';
/** `NODE_ENV=production` needs real secret keys. */
const PRODUCTION_ENV = { NODE_ENV: 'production', LONGHAUL_SECRET_KEYS: `test:${randomBytes(32).toString('base64')}` };

/** Every asset path a text asset mentions (chunks, workers, fonts, styles; Vite's preload lists name them without the base). */
function referencedAssets(text: string): string[] {
  return [...text.matchAll(/(?:\/graphiql\/)?\bassets\/([A-Za-z0-9_.-]+\.(?:js|css|ttf|woff2?|svg|png))/g)].map((m) => `/graphiql/assets/${m[1]}`);
}

describe('GraphiQL at /graphiql', () => {
  describe('in development (default)', () => {
    let app: LonghaulProcess;
    let origin: string;

    beforeAll(async () => {
      app = await startLonghaul('serve', uniqueDatabaseName('graphiql'));
      origin = new URL(app.url).origin;
    });
    afterAll(async () => {
      await app?.stop();
    });

    it('should serve the page with a same-origin-only content security policy', async () => {
      const res = await fetch(`${origin}/graphiql`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
      const html = await res.text();
      expect(html).toContain('<div id="root"></div>');
      // Nothing in the page points anywhere else.
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      await expect(app.waitForStdout(/^GraphiQL at http:\/\/127\.0\.0\.1:\d+\/graphiql$/)).resolves.toBeTruthy();
    });

    it('should load every asset the page references, and every asset those reference, from this server', async () => {
      const html = await (await fetch(`${origin}/graphiql`)).text();
      const attributes = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((ref) => !ref.startsWith('data:'));
      expect(attributes.length).toBeGreaterThanOrEqual(2);
      for (const ref of attributes) expect(ref).toMatch(/^\/graphiql\/assets\//);

      const seen = new Set<string>();
      const queue = [...attributes];
      while (queue.length > 0) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const res = await fetch(`${origin}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        if (/\.(js|css)$/.test(path)) {
          const text = await res.text();
          expect(text, `${path} imports from another server`).not.toMatch(/\bimport\s*\(?\s*["']https?:\/\//);
          expect(text, `${path} loads a font or style from another server`).not.toMatch(/url\(\s*["']?https?:\/\//);
          queue.push(...referencedAssets(text));
        } else {
          await res.arrayBuffer();
        }
      }
      // The entry, its styles, GraphiQL's Monaco workers and the codicon font at least.
      expect([...seen].some((p) => /editor\.worker.*\.js$/.test(p))).toBe(true);
      expect([...seen].some((p) => /graphql\.worker.*\.js$/.test(p))).toBe(true);
      expect([...seen].some((p) => /\.ttf$/.test(p))).toBe(true);
    });

    it('should answer 404 for an asset that does not exist and refuse paths outside the assets folder', async () => {
      expect((await fetch(`${origin}/graphiql/assets/nope.js`)).status).toBe(404);
      expect((await fetch(`${origin}/graphiql/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
      expect((await fetch(`${origin}/graphiql/index.html`)).status).toBe(404);
    });

    it('should answer introspection, which GraphiQL needs', async () => {
      const res = await gql(app.url, TEST_KEYS.tenantA, INTROSPECT);
      expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });
  });

  describe('with NODE_ENV=production', () => {
    it('should turn /graphiql and introspection off by default', async () => {
      const app = await startLonghaul('serve', uniqueDatabaseName('graphiql_prod'), PRODUCTION_ENV);
      try {
        expect((await fetch(new URL('/graphiql', app.url))).status).toBe(404);
        const res = await gql(app.url, TEST_KEYS.tenantA, INTROSPECT);
        expect(res.errors?.[0]?.message).toMatch(/introspection/i);
      } finally {
        await app.stop();
      }
    });

    it('should serve /graphiql and answer introspection with LONGHAUL_GRAPHIQL=on', async () => {
      const app = await startLonghaul('serve', uniqueDatabaseName('graphiql_on'), { ...PRODUCTION_ENV, LONGHAUL_GRAPHIQL: 'on' });
      try {
        expect((await fetch(new URL('/graphiql', app.url))).status).toBe(200);
        const res = await gql(app.url, TEST_KEYS.tenantA, INTROSPECT);
        expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      } finally {
        await app.stop();
      }
    });
  });
});
