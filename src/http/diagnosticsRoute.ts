import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import type { ApiKeyGrant } from '../config/apiKeys.ts';
import { authenticate } from '../api/caller.ts';
import type { LivenessService } from '../monitoring/livenessService.ts';
import { diagnosticContentType, diagnosticFileName } from '../monitoring/diagnosticStore.ts';
import { DiagnosticExpiredError, DiagnosticNotFoundError } from '../monitoring/errors/index.ts';
import type { Route } from './httpServer.ts';

/** Options of {@link diagnosticsRoute}. */
export interface DiagnosticsRouteOptions {
  liveness: LivenessService;
  apiKeys: ReadonlyMap<string, ApiKeyGrant>;
}

const PATH = /^\/diagnostics\/([^/]{1,200})$/;

/**
 * `GET /diagnostics/:id`: downloads a diagnostic file (report JSON or heap snapshot), streamed from
 * storage. Operator keys only (`Authorization: Bearer <key>`): a report shows every tenant's jobs.
 * 404 for an unknown (or swept) one, 410 for one past its time (`LONGHAUL_DIAGNOSTICS_TTL_MS`) not swept yet.
 */
export function diagnosticsRoute(options: DiagnosticsRouteOptions): Route {
  return async (req, res, url) => {
    const match = PATH.exec(url.pathname);
    if (match === null) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
      return true;
    }
    const auth = authenticate(req.headers.authorization, options.apiKeys);
    if (!auth.ok) {
      reply(res, auth.code === 'UNAUTHENTICATED' ? 401 : 403, { error: auth.message, code: auth.code });
      return true;
    }
    if (!auth.caller.operator) {
      reply(res, 403, { error: 'diagnostics are for operator keys', code: 'FORBIDDEN' });
      return true;
    }
    let opened;
    try {
      opened = await options.liveness.openDiagnostic(decodeURIComponent(match[1]!));
    } catch (error) {
      if (error instanceof DiagnosticNotFoundError) {
        reply(res, 404, { error: error.message, code: 'NOT_FOUND' });
        return true;
      }
      if (error instanceof DiagnosticExpiredError) {
        reply(res, 410, { error: error.message, code: 'EXPIRED' });
        return true;
      }
      throw error;
    }
    const { doc, content } = opened;
    res.writeHead(200, {
      'content-type': diagnosticContentType(doc.kind),
      'content-length': String(doc.bytes),
      'content-disposition': `attachment; filename="${diagnosticFileName(doc)}"`,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await pipeline(content(), res);
    return true;
  };
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
