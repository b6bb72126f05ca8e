import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Route } from './httpServer.ts';
import { readBuiltFile, refuseUnlessRead, sendStaticFile } from './sendStaticFile.ts';

/** Options of {@link dashboardRoute}. */
export interface DashboardRouteOptions {
  /** The built dashboard (`index.html` and `assets/`), as `web/dashboard/vite.config.ts` writes it to `dist/dashboard`. */
  directory: string;
}

/**
 * What the dashboard may load or connect to: this server only (`connect-src 'self'` covers the WebSocket on the same
 * host and port). A stray reference elsewhere is blocked by the browser, not silently fetched.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A built asset: one path segment starting with a letter, digit, `_` or `-` (never `.` or `..`). */
const ASSET_PATH = /^\/dashboard\/assets\/([A-Za-z0-9_-][A-Za-z0-9_.-]*)$/;

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
}

/**
 * The dashboard: `GET /`, `/dashboard` and every client-side route under `/dashboard/` answer its `index.html`
 * (the app routes in the browser); hashed assets under `/dashboard/assets/` are cached for good, a missing one is
 * 404, never the page. Only file names of one safe segment are read, so no path leaves `directory`. Not built yet:
 * 503 saying how to build it.
 */
export function dashboardRoute(options: DashboardRouteOptions): Route {
  return async (req, res, url) => {
    const path = url.pathname;
    const page = path === '/' || path === '/dashboard' || path.startsWith('/dashboard/');
    if (!page) return false;
    if (refuseUnlessRead(req, res)) return true;

    if (path.startsWith('/dashboard/assets/')) {
      const asset = ASSET_PATH.exec(path);
      const body = asset === null ? undefined : await readBuiltFile(join(options.directory, 'assets', asset[1]!));
      if (asset === null || body === undefined) notFound(res);
      else sendStaticFile(req, res, asset[1]!, body, { immutable: true });
      return true;
    }

    const index = await readBuiltFile(join(options.directory, 'index.html'));
    if (index === undefined) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The dashboard is not built yet: run `node scripts/ensure-install.mjs` (or `npm run build:dashboard`).\n');
      return true;
    }
    sendStaticFile(req, res, 'index.html', index, { immutable: false, headers: { 'content-security-policy': CONTENT_SECURITY_POLICY, 'referrer-policy': 'no-referrer' } });
    return true;
  };
}
