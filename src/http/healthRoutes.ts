import type { Route } from './httpServer.ts';

/** What `/readyz` tells about the embedded database this process keeps running (`longhaul all` without `MONGODB_URI`). */
export interface EmbeddedDatabaseHealth {
  provider: string;
  /** `running`, `restarting` (it died and is being started again on the same port and folder), `exited` or `stopped`. */
  phase: 'running' | 'restarting' | 'exited' | 'stopped';
  /** Times it was restarted since this process started it. */
  restarts: number;
  /** When it last died (ISO 8601), if ever. */
  lastExitAt: string | null;
}

/**
 * `/healthz` (the process answers) and `/readyz` (the database answers, within 2 s). With `embedded`, `/readyz`
 * also reports the embedded database's supervision (`database.embedded`), and answers 503 at once while it restarts.
 */
export function healthRoutes(pingDatabase: () => Promise<unknown>, embedded?: () => EmbeddedDatabaseHealth): Route {
  return async (req, res, url) => {
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok' }));
      return true;
    }
    if (url.pathname === '/readyz') {
      const database = embedded === undefined ? {} : { database: { embedded: embedded() } };
      const unavailable = (reason: string): void => {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'unavailable', reason, ...database }));
      };
      const phase = database.database?.embedded.phase;
      if (phase !== undefined && phase !== 'running') {
        unavailable(`embedded database ${phase}`);
        return true;
      }
      try {
        await Promise.race([pingDatabase(), new Promise((_, reject) => setTimeout(() => reject(new Error('database ping timed out')), 2000).unref())]);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ready', ...database }));
      } catch (error) {
        unavailable((error as Error).message);
      }
      return true;
    }
    return false;
  };
}
