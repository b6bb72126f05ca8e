import type { ApiKeyGrant } from '../config/apiKeys.ts';
import type { MetricsAccess } from '../config/monitoringConfig.ts';
import { authenticate } from '../api/caller.ts';
import type { Route } from './httpServer.ts';

/** Options of {@link metricsRoute}. */
export interface MetricsRouteOptions {
  /** `key`: an operator API key as `Authorization: Bearer` (401 without, 403 for a tenant key); `open`: anyone; `off`: no route. */
  access: MetricsAccess;
  apiKeys: ReadonlyMap<string, ApiKeyGrant>;
  /** The exposition text and its content type. */
  render(): Promise<string>;
  contentType: string;
}

/** `GET /metrics` in Prometheus text format. */
export function metricsRoute(options: MetricsRouteOptions): Route {
  return async (req, res, url) => {
    if (url.pathname !== '/metrics' || options.access === 'off') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'application/json', allow: 'GET, HEAD' });
      res.end(JSON.stringify({ error: 'method not allowed' }));
      return true;
    }
    if (options.access === 'key') {
      const auth = authenticate(req.headers.authorization, options.apiKeys);
      if (!auth.ok || !auth.caller.operator) {
        const status = !auth.ok && auth.code === 'UNAUTHENTICATED' ? 401 : 403;
        res.writeHead(status, { 'content-type': 'application/json', ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}) });
        res.end(JSON.stringify({ error: auth.ok ? 'metrics need an operator API key' : auth.message }));
        return true;
      }
    }
    const text = await options.render();
    res.writeHead(200, { 'content-type': options.contentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
    return true;
  };
}
