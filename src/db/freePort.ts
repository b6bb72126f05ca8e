import { createServer } from 'node:net';

/**
 * Asks the OS for a currently free TCP port on `host` (default `127.0.0.1`)
 * by listening on port 0 and closing again. Another process may take the
 * port before the caller binds it; callers that spawn servers retry.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error(`could not read a free port on ${host}`));
      });
    });
  });
}
