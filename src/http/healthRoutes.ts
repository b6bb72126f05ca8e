import type { Route } from './httpServer.ts';

/** `/healthz` (the process answers) and `/readyz` (the database answers, within 2 s). */
export function healthRoutes(pingDatabase: () => Promise<unknown>): Route {
  return async (req, res, url) => {
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok' }));
      return true;
    }
    if (url.pathname === '/readyz') {
      try {
        await Promise.race([pingDatabase(), new Promise((_, reject) => setTimeout(() => reject(new Error('database ping timed out')), 2000).unref())]);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ready' }));
      } catch (error) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'unavailable', reason: (error as Error).message }));
      }
      return true;
    }
    return false;
  };
}
