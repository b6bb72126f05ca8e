import { join } from 'node:path';
import type { Route } from './httpServer.ts';
import { readBuiltFile, refuseUnlessRead, sendStaticFile } from './sendStaticFile.ts';

/** Options of {@link graphiqlRoute}. */
export interface GraphiqlRouteOptions {
  /** The built GraphiQL (`index.html` and `assets/`), as `web/graphiql/vite.config.ts` writes it to `dist/graphiql`. */
  directory: string;
}

/**
 * Everything the page may load or connect to: this server only (workers from blob: for Monaco, inline fonts and
 * images as data:). A stray reference to a CDN would be blocked by the browser, not silently fetched.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A built asset: one path segment starting with a letter, digit, `_` or `-` (never `.` or `..`). */
const ASSET_PATH = /^\/graphiql\/assets\/([A-Za-z0-9_-][A-Za-z0-9_.-]*)$/;

/**
 * `GET /graphiql`: GraphiQL, built at install time into static files and served from `directory`, with its
 * hashed assets under `/graphiql/assets/` (cached for good). Nothing is loaded from elsewhere. Not built yet: 503
 * saying how to build it.
 */
export function graphiqlRoute(options: GraphiqlRouteOptions): Route {
  return async (req, res, url) => {
    const page = url.pathname === '/graphiql' || url.pathname === '/graphiql/';
    const asset = ASSET_PATH.exec(url.pathname);
    if (!page && asset === null) return false;
    if (refuseUnlessRead(req, res)) return true;
    const name = asset === null ? 'index.html' : asset[1]!;
    const body = await readBuiltFile(asset === null ? join(options.directory, 'index.html') : join(options.directory, 'assets', name));
    if (body === undefined) {
      if (asset !== null) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'not found' }));
      } else {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('GraphiQL is not built yet: run `node scripts/ensure-install.mjs` (or `npm run build:graphiql`).\n');
      }
      return true;
    }
    // Asset names carry a content hash; the page itself must be fetched again to pick up a new build.
    sendStaticFile(req, res, name, body, asset === null ? { immutable: false, headers: { 'content-security-policy': CONTENT_SECURITY_POLICY } } : { immutable: true });
    return true;
  };
}
