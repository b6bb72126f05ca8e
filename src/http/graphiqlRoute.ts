import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Route } from './httpServer.ts';

/** Options of {@link graphiqlRoute}. */
export interface GraphiqlRouteOptions {
  /** The built GraphiQL (`index.html` and `assets/`), as `web/graphiql/vite.config.ts` writes it to `dist/graphiql`. */
  directory: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

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

const ASSET_PATH = /^\/graphiql\/assets\/([A-Za-z0-9_.-]+)$/;

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
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'method not allowed' }));
      return true;
    }
    const file = asset === null ? join(options.directory, 'index.html') : join(options.directory, 'assets', asset[1]!);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (asset !== null) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'not found' }));
      } else {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('GraphiQL is not built yet: run `node scripts/ensure-install.mjs` (or `npm run build:graphiql`).\n');
      }
      return true;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      // Asset names carry a content hash; the page itself must be fetched again to pick up a new build.
      'cache-control': asset === null ? 'no-cache' : 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      ...(asset === null ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
