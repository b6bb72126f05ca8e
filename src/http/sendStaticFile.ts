import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';

/** Content types of the files a Vite build writes (pages, chunks, styles, fonts, images, source maps). */
export const STATIC_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** How {@link sendStaticFile} answers. */
export interface StaticFileOptions {
  /**
   * True for assets whose name carries a content hash: cached for a year and never revalidated. False for pages,
   * which must be fetched again to pick up a new build (`no-cache`).
   */
  immutable: boolean;
  /** Headers added to the answer (e.g. a page's content security policy). Default none. */
  headers?: Record<string, string>;
}

/**
 * Reads a file of a build; undefined when it does not exist (or is a directory), so the caller decides between
 * 404, a fallback page, and 503 "not built".
 */
export async function readBuiltFile(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Answers 200 with `body` as the file `name` (its extension picks the content type), or only the headers for HEAD. */
export function sendStaticFile(req: IncomingMessage, res: ServerResponse, name: string, body: Buffer, options: StaticFileOptions): void {
  res.writeHead(200, {
    'content-type': STATIC_CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': options.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    ...options.headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Answers 405 to anything but GET and HEAD; returns true when it did. */
export function refuseUnlessRead(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'method not allowed' }));
  return true;
}
