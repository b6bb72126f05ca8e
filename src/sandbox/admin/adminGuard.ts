import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SandboxError } from '../errors/sandboxError.ts';
import { SandboxErrorCode } from '../errors/sandboxErrorCode.ts';

/** Methods whose admin requests carry a JSON body. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * What every `/__admin` request must pass before it is routed, in this order:
 * - `Host` is `localhost`, `127.0.0.1` or `[::1]` with the sandbox's port (or the host of its
 *   `publicUrl`), else 403: a page on another site that rebinds its name to 127.0.0.1 gets nothing;
 * - `Authorization: Bearer <admin token>`, else 401 (no token) or 403 (another token), compared in
 *   constant time;
 * - `POST`, `PUT` and `PATCH` send `Content-Type: application/json`, else 415: a cross-site form or
 *   `text/plain` request (which a browser sends without asking) is refused even before the token.
 */
export class AdminGuard {
  private readonly tokenDigest: Buffer;

  constructor(
    token: string,
    private readonly publicHost: () => string | undefined,
    private readonly port: () => number,
  ) {
    this.tokenDigest = digest(token);
  }

  /** Throws a {@link SandboxError} with the status to answer when `req` may not reach the admin API. */
  check(req: IncomingMessage): void {
    const host = (req.headers.host ?? '').toLowerCase();
    const port = this.port();
    const allowed = [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`];
    const publicHost = this.publicHost();
    if (publicHost !== undefined) allowed.push(publicHost.toLowerCase());
    if (!allowed.includes(host)) {
      throw new SandboxError(SandboxErrorCode.ADMIN_FORBIDDEN_HOST, `the admin API answers only at ${allowed.join(', ')}`, 403);
    }
    const method = req.method ?? 'GET';
    if (BODY_METHODS.has(method)) {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') throw new SandboxError(SandboxErrorCode.ADMIN_UNSUPPORTED_MEDIA_TYPE, 'the admin API takes Content-Type: application/json only', 415);
    }
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (m === null) throw new SandboxError(SandboxErrorCode.ADMIN_UNAUTHORIZED, 'the admin API needs Authorization: Bearer <admin token> (printed when the sandbox starts)', 401);
    if (!timingSafeEqual(digest(m[1]!), this.tokenDigest)) throw new SandboxError(SandboxErrorCode.ADMIN_UNAUTHORIZED, 'wrong admin token', 403);
  }
}
