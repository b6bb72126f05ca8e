import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import type { ApiKeyGrant } from '../config/apiKeys.ts';
import { authenticate } from '../api/caller.ts';
import { ExportStatus, type ExportFileStore, type ExportStore } from '../storage/index.ts';
import type { Route } from './httpServer.ts';

/** Options of {@link exportRoutes}. */
export interface ExportRoutesOptions {
  exports: ExportStore;
  files: ExportFileStore;
  apiKeys: ReadonlyMap<string, ApiKeyGrant>;
}

/** `/exports/<id>`: a random record id (22 url-safe characters) or the 24-hex id of an export made before random ids. */
const PATH = /^\/exports\/([A-Za-z0-9_-]{22}|[0-9a-fA-F]{24})$/;

/** A byte range of a file, both ends inclusive. */
type ByteRange = { start: number; end: number };

/**
 * Parses a `Range` header against a file of `size` bytes (one range; `bytes=a-b`, `bytes=a-`,
 * `bytes=-n`). `null`: no usable header (the whole file); `'unsatisfiable'`: answer 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (header === undefined) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges or other units: serving the whole file is allowed by RFC 9110.
  if (m === null || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * `GET` and `HEAD /exports/:id`: the export's CSV, streamed from GridFS, to the tenant that made it
 * (same API keys as GraphQL: `Authorization: Bearer <key>`); another tenant's export (or file) is a 404.
 * `Range` requests answer 206 with `Content-Range` (416 when unsatisfiable). An export past its
 * `expiresAt` is 410 Gone, even before the sweeper removed it.
 */
export function exportRoutes(options: ExportRoutesOptions): Route {
  return async (req, res, url) => {
    const match = PATH.exec(url.pathname);
    if (match === null) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
      return true;
    }
    const auth = authenticate(req.headers.authorization, options.apiKeys);
    if (!auth.ok) {
      sendJson(res, auth.code === 'UNAUTHENTICATED' ? 401 : 403, { error: auth.message, code: auth.code });
      return true;
    }
    // Random ids are case-sensitive; the hex ids of exports made before them are stored lower-case.
    const id = match[1]!.length === 24 ? match[1]!.toLowerCase() : match[1]!;
    const tenantId = auth.caller.tenantId;
    const exp = await options.exports.get(tenantId, id);
    if (exp === null) {
      sendJson(res, 404, { error: `export ${id} not found`, code: 'NOT_FOUND' });
      return true;
    }
    if (exp.status === ExportStatus.Expired || (exp.expiresAt !== null && exp.expiresAt.getTime() <= Date.now())) {
      sendJson(res, 410, { error: `export ${id} expired`, code: 'EXPIRED' });
      return true;
    }
    // The file is read in the export's tenant too: a file of another tenant is never served.
    const size = exp.status === ExportStatus.Succeeded ? await options.files.size(tenantId, id) : null;
    if (size === null) {
      sendJson(res, 409, { error: `export ${id} is ${exp.status}`, code: 'NOT_READY' });
      return true;
    }
    const headers: Record<string, string | number> = {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${exp.object}-${id}.csv"`,
      'accept-ranges': 'bytes',
      etag: `"${exp.sha256 ?? id}"`,
      'cache-control': 'private, no-store',
    };
    // A Range for another version of the file (If-Range not matching) gets the whole file.
    const ifRange = req.headers['if-range'];
    const range = ifRange !== undefined && ifRange !== headers.etag ? null : parseRange(req.headers.range, size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { 'content-range': `bytes */${size}`, 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'range not satisfiable', code: 'RANGE_NOT_SATISFIABLE' }));
      return true;
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    const status = range === null ? 200 : 206;
    if (range !== null) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    headers['content-length'] = size === 0 ? 0 : end - start + 1;
    res.writeHead(status, headers);
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return true;
    }
    try {
      await pipeline(options.files.read(tenantId, id, start, end), res);
    } catch (error) {
      // A client that goes away mid-download (to resume later with Range) is not a server error.
      if (!res.destroyed) throw error;
    }
    return true;
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(JSON.stringify(body));
}
